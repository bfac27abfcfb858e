// How much of a fetch round the Kafka source hands out: a partition with more to read bounds the others in event time.
import {describe, expect, it} from 'vitest';
import type {RawEvent} from '../../../../source/core/envelope.js';
import {handedOut} from '../../../../source/core/sources/kafka/round-bound.js';

/** A partition's events at these event times (undefined: an event without one). */
const events = (...times: Array<number | undefined>): RawEvent[] => times.map(timestamp => ({source: 'kafka', value: {}, timestamp}));
const timeOf = (event: RawEvent) => event.timestamp;

describe('handedOut', () => {
	it('hands out every event when no partition has more to read', () => {
		expect(handedOut([{events: events(1, 9), unread: false}, {events: events(2, 3), unread: false}], {unknown: false}, timeOf)).toEqual([2, 2]);
	});

	it('hands out nothing later than the last event of a partition that has more to read', () => {
		const parts = [{events: events(1, 2, 3), unread: true}, {events: events(1, 2, 3, 4, 5), unread: true}, {events: events(2, 6), unread: false}];
		expect(handedOut(parts, false, timeOf)).toEqual([3, 3, 1]);
	});

	it('holds back from the first event past the bound: offsets stay in order, whatever the later times', () => {
		expect(handedOut([{events: events(5), unread: true}, {events: events(1, 7, 2), unread: false}], {unknown: false}, timeOf)).toEqual([1, 1]);
	});

	it('never holds an event back for lacking a time, and bounds by the last event that has one', () => {
		expect(handedOut([{events: events(1, 4, undefined), unread: true}, {events: events(undefined, 4, 5), unread: false}], {unknown: false}, timeOf)).toEqual([3, 2]);
	});

	it('holds the whole round when a partition never read was starved: where it starts is not known', () => {
		expect(handedOut([{events: events(1, 2), unread: true}, {events: events(1), unread: false}], {unknown: true}, timeOf)).toEqual([0, 0]);
	});

	it('hands out the whole round when the bound would hold back everything and no partition is starved', () => {
		// The bounding partition's own events are out of time order: its first is later than its last.
		expect(handedOut([{events: events(9, 1), unread: true}, {events: events(5, 6), unread: false}], {unknown: false}, timeOf)).toEqual([2, 2]);
	});

	it('bounds the round where a starved partition read before resumes', () => {
		expect(handedOut([{events: events(1, 5, 9), unread: true}, {events: events(2, 3, 6), unread: false}], {unknown: false, resumesAt: 4}, timeOf)).toEqual([1, 2]);
	});

	it('holds the round when a starved partition read before resumes before everything fetched', () => {
		expect(handedOut([{events: events(5, 9), unread: true}, {events: events(6), unread: false}], {unknown: false, resumesAt: 4}, timeOf)).toEqual([0, 0]);
	});
});
