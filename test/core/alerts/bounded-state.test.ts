// Memory follows the keys active in a window, never every key seen: caps hold with a million distinct keys.
import {describe, expect, it} from 'vitest';
import type {RuleName} from '../../../source/core/alerts/rule.js';
import type {Envelope} from '../../../source/core/envelope.js';
import type {Hop} from '../../../source/core/metrics/types.js';
import {envelope as bareEnvelope} from '../../support/envelope.js';
import {at, engineFor, only, timeline} from './helpers.js';

/** A bare envelope (built directly: normalizing a million events would only slow the test down). */
function envelope(topic: string, time: number, value: Record<string, unknown>): Envelope {
	return bareEnvelope({source: 'demo', topic, value, timestamp: time, receivedAt: time, type: topic});
}

/** Feed `count` events from `make` in batches of 1 000; returns the largest tracked-key count seen after a batch. */
function feed(engine: ReturnType<typeof engineFor>, rule: RuleName, count: number, make: (i: number) => Envelope): {largest: number; fired: string[]} {
	let largest = 0;
	const fired: string[] = [];
	for (let start = 0; start < count; start += 1000) {
		const batch: Envelope[] = [];
		for (let i = start; i < Math.min(count, start + 1000); i++) batch.push(make(i));
		fired.push(...timeline(engine.onBatch(batch, [])));
		largest = Math.max(largest, engine.keyCounts()[rule]!.tracked);
	}

	return {largest, fired};
}

describe('bounded per-key state', () => {
	it('fraud.velocity tracks at most maxKeys of a million customers seen within one window, counts the dropped, still catches a burst', () => {
		const engine = engineFor(only(['fraud.velocity'], config => {
			config.alerts.rules['fraud.velocity'].maxKeys = 1000;
		}));
		// A million customers paying once each within 50 s; customer C-burst pays 6 times among the last events.
		const {largest, fired} = feed(engine, 'fraud.velocity', 1_000_000, i => {
			const customerId = i >= 999_990 && i < 999_996 ? 'C-burst' : `C-${i}`;
			return envelope('payment.transactions', at(i / 20_000), {customerId, amount: 10});
		});
		expect(largest).toBe(1000);
		expect(engine.keyCounts()['fraud.velocity']).toEqual({tracked: 1000, dropped: 1_000_000 - 6 + 1 - 1000});
		expect(fired).toEqual([`fired fraud.velocity C-burst @${999_995 / 20_000}`]);
	});

	it('rate-limit tracks at most maxKeys of 200 000 recipients in its hour window', () => {
		const engine = engineFor(only(['rate-limit'], config => {
			config.alerts.rules['rate-limit'].maxKeys = 1000;
		}));
		const {largest, fired} = feed(engine, 'rate-limit', 200_000, i => envelope('customer.notifications', at(i / 1000), {recipient: `user-${i}@example.com`}));
		expect(largest).toBe(1000);
		expect(engine.keyCounts()['rate-limit']).toEqual({tracked: 1000, dropped: 199_000});
		expect(fired).toEqual([]);
	});

	it('forgets keys whose window and allowed lateness passed: tracked keys follow them, nothing is dropped', () => {
		const engine = engineFor(only(['fraud.velocity']));
		// One payment every 100 ms, each from a new customer: at most 3 600 in any 60 s window and the 5 min an
		// event may be late (plus one batch).
		const {largest} = feed(engine, 'fraud.velocity', 300_000, i => envelope('payment.transactions', at(i / 10), {customerId: `C-${i}`}));
		expect(largest).toBeLessThanOrEqual(3600);
		expect(engine.keyCounts()['fraud.velocity']).toEqual({tracked: 3600, dropped: 0});
	});

	it('error-rate and slo.latency count as dropped at their cap only keys that still held events in their window', () => {
		const engine = engineFor(only(['error-rate', 'slo.latency'], config => {
			config.alerts.rules['error-rate'].maxKeys = 100;
			config.alerts.rules['slo.latency'].maxKeys = 100;
		}));
		// A new topic every second and a new edge every 5 s, 300 of each: the 100 kept of each span 100 s and 500 s,
		// behind their rule's window (1 min, 5 min) but inside what the rings keep for late events (+ 5 min).
		const hop = (n: number): Hop => ({edge: `from-${n}->to-${n}`, from: `from-${n}`, to: `to-${n}`, latencyMs: 100, at: at(5 * n), txId: n + 1, seq: n + 1});
		for (let n = 0; n < 300; n++) engine.onBatch([envelope(`topic-${n}`, at(n), {})], [hop(n)]);
		// The keys dropped at the cap had nothing left in the window ending at the clock: none was lost.
		expect(engine.keyCounts()['error-rate']).toEqual({tracked: 100, dropped: 0});
		expect(engine.keyCounts()['slo.latency']).toEqual({tracked: 100, dropped: 0});
		// 100 topics within one second, then 100 more: the first 100 are dropped while in the window, and counted.
		for (let n = 0; n < 200; n++) engine.onBatch([envelope(`burst-${n}`, at(400) + n, {})], []);
		expect(engine.keyCounts()['error-rate']).toEqual({tracked: 100, dropped: 100});
	});

	it('topic-keyed rules cap topics too', () => {
		const engine = engineFor(only(['error-rate', 'silence', 'duplicate'], config => {
			config.alerts.rules['error-rate'].maxKeys = 100;
			config.alerts.rules.silence.maxKeys = 100;
			config.alerts.rules.duplicate.maxKeys = 100;
		}));
		const {fired} = feed(engine, 'error-rate', 20_000, i => ({...envelope(`topic-${i}`, at(i / 1000), {}), duplicate: i % 2 === 0}));
		const counts = engine.keyCounts();
		for (const rule of ['error-rate', 'silence', 'duplicate'] as const) expect(counts[rule]!.tracked).toBeLessThanOrEqual(100);
		expect(counts.silence).toEqual({tracked: 100, dropped: 19_900});
		// Every other event is a redelivery on a topic of its own: the cap bounds what is remembered, not the alerts.
		expect(fired.filter(line => line.startsWith('fired duplicate'))).toHaveLength(10_000);
	});
});
