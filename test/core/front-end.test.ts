// The front end's flags: the same event id again on its topic is a redelivery, on another topic a copy.
import {describe, expect, it} from 'vitest';
import {defaultConfig} from '../../source/core/config.js';
import {createFrontEnd} from '../../source/core/front-end.js';
import type {RawEvent} from '../../source/core/envelope.js';

const t0 = Date.UTC(2024, 0, 1);
let offset = 0;

/** A Redis entry with event id `id` on `topic` at `at`, at its own position. */
const entry = (topic: string, id: string, at = t0): RawEvent => ({source: 'redis', topic, offset: `${at}-${offset++}`, value: {event_id: id, timestamp: at}});

describe('createFrontEnd', () => {
	it('flags an event id read on a second topic as a copy, not a redelivery; on its own topic again as a redelivery', () => {
		const frontEnd = createFrontEnd(defaultConfig);
		const flags = (raw: RawEvent) => {
			const {duplicate, copy} = frontEnd(raw, t0);
			return {duplicate, copy: copy ?? false};
		};

		expect(flags(entry('orders.created', 'EVT-1'))).toEqual({duplicate: false, copy: false});
		expect(flags(entry('events:all', 'EVT-1'))).toEqual({duplicate: false, copy: true});
		expect(flags(entry('orders.created', 'EVT-1', t0 + 1000))).toEqual({duplicate: true, copy: false});
		expect(flags(entry('events:all', 'EVT-2'))).toEqual({duplicate: false, copy: false});
		// The same entry read twice (same position) is neither.
		const twice = entry('orders.created', 'EVT-3');
		frontEnd(twice, t0);
		expect(flags(twice)).toEqual({duplicate: false, copy: false});
	});

	it('tells a copy on another topic at the same partition and offset (offsets restart on every topic) from the same message read twice', () => {
		const frontEnd = createFrontEnd(defaultConfig);
		const kafka = (topic: string, offset: string, id: string): RawEvent => ({source: 'kafka', topic, partition: 0, offset, value: {eventId: id, timestamp: t0}});
		const flags = (raw: RawEvent) => {
			const {duplicate, copy} = frontEnd(raw, t0);
			return {duplicate, copy: copy ?? false};
		};

		expect(flags(kafka('orders', '0', 'E1'))).toEqual({duplicate: false, copy: false});
		expect(flags(kafka('all-events', '0', 'E1'))).toEqual({duplicate: false, copy: true});
		expect(flags(kafka('all-events', '0', 'E1'))).toEqual({duplicate: false, copy: false});
		expect(flags(kafka('orders', '1', 'E1'))).toEqual({duplicate: true, copy: false});
	});
});
