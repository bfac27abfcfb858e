import {describe, expect, it} from 'vitest';
import type {Envelope} from '../../../source/core/envelope.js';
import {at, engineFor, event, inOrder, only, run, timeline} from './helpers.js';

/**
 * 400 s of traffic:
 * - payment.transactions, 1 event/s (at s + 0.5), all fine except errors from 200 s to 204 s;
 * - orders.created, 10 events/s with every 25th failed: 4 %, under the 5 % threshold, in every minute;
 * - inventory.updates, one event every 4 s, every other one failed: 50 %, but never 20 events in a minute.
 */
function traffic(): Envelope[] {
	const events: Envelope[] = [];
	for (let s = 0; s < 400; s++) {
		const failed = s >= 200 && s <= 204;
		events.push(event('payment.transactions', at(s + 0.5), {eventType: failed ? 'PaymentFailed' : 'PaymentCompleted', transactionId: `TXN-${s}`}));
		if (s % 4 === 0) events.push(event('inventory.updates', at(s + 0.7), {sku: `SKU-${s}`, status: s % 8 === 0 ? 'error' : 'ok'}));
	}

	for (let n = 0; n < 4000; n++) events.push(event('orders.created', at(n / 10), {orderId: `ORD-${n}`, status: n % 25 === 24 ? 'rejected' : 'created'}));
	return events;
}

describe('error-rate', () => {
	it('fires for the topic whose errors pass 5 % of a minute, and resolves a minute after they fell back', () => {
		const transitions = run(engineFor(only(['error-rate'])), inOrder(traffic()));
		// 4 errors of 60 at 203.5 s (6.7 %); true until 260.5 s (the 4th-newest error leaves after); resolved 60 s later.
		expect(timeline(transitions)).toEqual(['fired error-rate payment.transactions @203.5', 'resolved error-rate payment.transactions @320.5']);
		expect(transitions[0]!.alert).toMatchObject({
			severity: 'warning',
			value: 4 / 60,
			threshold: 0.05,
			message: 'topic payment.transactions had 6.67 % errors (4 of 60) in 1m (threshold 5 %)',
			exampleIds: ['TXN-203', 'TXN-202', 'TXN-201', 'TXN-200'],
		});
	});

	it('takes per-topic thresholds and minimum counts', () => {
		const config = only(['error-rate'], c => {
			c.alerts.rules['error-rate'].topics['payment.transactions'] = {threshold: 0.1};
			c.alerts.rules['error-rate'].topics['inventory.updates'] = {minEvents: 10};
		});
		// inventory.updates: 10 events (5 failed) in the minute ending at 36.7 s.
		expect(timeline(run(engineFor(config), inOrder(traffic())))).toEqual([
			'fired error-rate inventory.updates @36.7',
		]);
	});

	it('does not count redeliveries: 3 failures of 60 (5 %, not above) delivered 4 times each raise nothing', () => {
		const events = traffic().map(env => {
			if (env.topic !== 'payment.transactions' || env.status === 'ok') return env;
			const s = (env.timestamp! - at(0.5)) / 1000;
			const status = s <= 202 ? 'failed' : 'completed';
			return event('payment.transactions', env.timestamp!, {eventType: 'Payment', status, transactionId: `TXN-${s}`, eventId: `evt-${s}`});
		});
		const again = events.filter(env => env.status === 'error' && env.topic === 'payment.transactions')
			.flatMap(env => [1, 2, 3].map(k => ({...env, receivedAt: env.receivedAt + k * 100})));
		const flagged = inOrder([...events, ...again]);
		expect(flagged.filter(env => env.duplicate)).toHaveLength(9);
		expect(run(engineFor(only(['error-rate'])), flagged)).toEqual([]);
	});
});

describe('error-rate, a firing alert kept up to date', () => {
	it('says, batch by batch, the errors and events of its latest window and its newest examples, and resolves with what it said last', () => {
		const engine = engineFor(only(['error-rate']));
		const events = inOrder(traffic());
		const said: string[] = [];
		const transitions = [];
		for (let s = 0; s < 400; s++) {
			const batch = events.filter(env => env.timestamp! >= at(s) && env.timestamp! < at(s + 1));
			transitions.push(...engine.onBatch(batch, []));
			for (const alert of engine.changed()) said.push(`${s}: ${alert.message} [${alert.exampleIds.join(' ')}]`);
		}

		transitions.push(...engine.flush());
		// The 5th error a second after it fired; the 1st leaving the window at 260.5 s (its examples kept, newest first).
		expect(said).toEqual([
			'204: topic payment.transactions had 8.33 % errors (5 of 60) in 1m (threshold 5 %) [TXN-204 TXN-203 TXN-202 TXN-201 TXN-200]',
			'260: topic payment.transactions had 6.67 % errors (4 of 60) in 1m (threshold 5 %) [TXN-204 TXN-203 TXN-202 TXN-201 TXN-200]',
		]);
		expect(transitions.map(({kind, alert}) => `${kind}: ${alert.message} [${alert.exampleIds.join(' ')}]`)).toEqual([
			'fired: topic payment.transactions had 6.67 % errors (4 of 60) in 1m (threshold 5 %) [TXN-203 TXN-202 TXN-201 TXN-200]',
			'resolved: topic payment.transactions had 6.67 % errors (4 of 60) in 1m (threshold 5 %) [TXN-204 TXN-203 TXN-202 TXN-201 TXN-200]',
		]);
	});
});
