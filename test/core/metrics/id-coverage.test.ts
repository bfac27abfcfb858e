// Which events carry no correlation id, and which fields may be one, over events the real normalizer made.
import {describe, expect, it} from 'vitest';
import {defaultConfig} from '../../../source/core/config.js';
import {createFrontEnd} from '../../../source/core/front-end.js';
import {IdCoverage} from '../../../source/core/metrics/id-coverage.js';

/** Envelopes of `values` on `topic`, normalized with the default configuration. */
function events(topic: string, values: Array<Record<string, unknown>>) {
	const frontEnd = createFrontEnd(defaultConfig);
	return values.map((value, index) => frontEnd({topic, partition: 0, offset: String(index), value}, 1_000 + index));
}

const range = (count: number) => Array.from({length: count}, (_, index) => index + 1);

describe('IdCoverage', () => {
	it('suggests a field whose values are the ids of events on another topic, though every event has an id', () => {
		const coverage = new IdCoverage(defaultConfig.fields);
		coverage.observe(events('orders', range(10).map(n => ({eventType: 'OrderCreated', orderId: `O-${n}`}))));
		coverage.observe(events('payments', range(10).map(n => ({eventType: 'PaymentTaken', paymentId: `P-${n}`, order_ref: `O-${n}`}))));
		expect(coverage.summary()).toEqual({events: 20, withoutId: 0, sampledEvents: 20, candidates: [{field: 'order_ref', events: 10, values: 10, linkedValues: 10}]});
	});

	it('looks in nested containers as every look-up does (a change event\'s row in payload.after)', () => {
		const coverage = new IdCoverage(defaultConfig.fields);
		const row = (table: string, n: number) => ({payload: {op: 'c', source: {table}, after: {id: n, order_ref: `R-${n}`}}});
		coverage.observe(events('shop.orders', range(5).map(n => row('orders', n))));
		coverage.observe(events('shop.payments', range(5).map(n => row('payments', n))));
		expect(coverage.summary().candidates).toEqual([{field: 'order_ref', events: 10, values: 5, linkedValues: 5}]);
	});

	it('suggests nothing for values met on one topic and type only, or fewer than three linked, or redeliveries', () => {
		const coverage = new IdCoverage(defaultConfig.fields);
		coverage.observe(events('a', range(10).map(n => ({eventType: 'A', requestId: `Q-${n}`, ref: 'x'}))));
		coverage.observe(events('b', range(2).map(n => ({eventType: 'B', requestId: `Q-${n}`}))));
		const copies = events('c', range(5).map(n => ({eventType: 'C', requestId: `Q-${n}`})));
		for (const copy of copies) copy.duplicate = true;
		coverage.observe(copies);
		expect(coverage.summary()).toEqual({events: 17, withoutId: 17, sampledEvents: 12, candidates: []});
	});

	it('stops looking after the first 50,000 events, keeps what it found, and keeps counting', () => {
		const coverage = new IdCoverage(defaultConfig.fields);
		const a = events('a', range(2000).map(n => ({eventType: 'A', requestId: `Q-${n}`})));
		const b = events('b', range(2000).map(n => ({eventType: 'B', requestId: `Q-${n}`})));
		for (let round = 0; round < 30; round++) coverage.observe(round % 2 === 0 ? a : b);
		// After the sample, events of a new field on two topics change nothing.
		coverage.observe(events('a', range(10).map(n => ({eventType: 'A', invoiceNumber: `I-${n}`}))));
		coverage.observe(events('b', range(10).map(n => ({eventType: 'B', invoiceNumber: `I-${n}`}))));
		expect(coverage.summary()).toEqual({
			events: 60_020, withoutId: 60_020, sampledEvents: 50_000,
			candidates: [{field: 'requestId', events: 50_000, values: 2000, linkedValues: 2000}],
		});
	});
});
