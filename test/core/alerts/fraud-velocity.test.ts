import {describe, expect, it} from 'vitest';
import type {Envelope} from '../../../source/core/envelope.js';
import {at, engineFor, event, inOrder, only, run, timeline} from './helpers.js';

/** A payment of `customerId` at `seconds` after t0. */
const payment = (seconds: number, customerId: string, transactionId: string) =>
	event('payment.transactions', at(seconds), {eventType: 'PaymentCompleted', customerId, transactionId, amount: 40, eventId: `evt-${transactionId}`});

/** 200 customers each paying every 12.5 s for 400 s: exactly 5 payments in every 60 s, never 6. */
function normalTraffic(): Envelope[] {
	const events: Envelope[] = [];
	for (let customer = 0; customer < 200; customer++) {
		for (let n = 0; n * 12.5 < 400; n++) events.push(payment(customer * 0.06 + n * 12.5, `C-${customer}`, `TXN-${customer}-${n}`));
	}

	return events;
}

describe('fraud.velocity', () => {
	it('fires for the one customer with 6 payments in 60 s among 200 with 5, and resolves a window after the burst', () => {
		const planted = [100, 110, 120, 130, 140, 150].map((seconds, n) => payment(seconds, 'C-bad', `TXN-bad-${n}`));
		// Orders of the same customer are not payments.
		const orders = Array.from({length: 10}, (_, n) => event('orders.created', at(200 + n), {customerId: 'C-bad', orderId: `ORD-${n}`}));
		const transitions = run(engineFor(only(['fraud.velocity'])), inOrder([...normalTraffic(), ...planted, ...orders]));
		expect(timeline(transitions)).toEqual(['fired fraud.velocity C-bad @150', 'resolved fraud.velocity C-bad @220']);
		expect(transitions[0]!.alert).toEqual({
			id: `fraud.velocity:C-bad:${at(150)}`,
			rule: 'fraud.velocity',
			key: 'C-bad',
			severity: 'critical',
			firedAt: at(150),
			value: 6,
			threshold: 5,
			message: 'customer C-bad made 6 payments in 1m (threshold 5)',
			exampleIds: ['TXN-bad-5', 'TXN-bad-4', 'TXN-bad-3', 'TXN-bad-2', 'TXN-bad-1'],
		});
	});

	it('does not count redeliveries: 5 payments each delivered twice raise nothing', () => {
		const payments = [100, 110, 120, 130, 140].map((seconds, n) => payment(seconds, 'C-dup', `TXN-dup-${n}`));
		const redelivered = payments.map(env => ({...env, receivedAt: env.receivedAt + 500}));
		const events = inOrder([...normalTraffic(), ...payments, ...redelivered]);
		expect(events.filter(env => env.duplicate)).toHaveLength(5);
		expect(run(engineFor(only(['fraud.velocity'])), events)).toEqual([]);
	});

	it('raises one alert for a customer who keeps paying, however many payments', () => {
		const burst = Array.from({length: 300}, (_, n) => payment(100 + n * 0.5, 'C-bot', `TXN-bot-${n}`));
		const transitions = run(engineFor(only(['fraud.velocity'])), inOrder([...normalTraffic(), ...burst]));
		// 6th payment at 102.5 s; the last (249.5 s) keeps it true until 60 s after the 6th-newest (247 s): 307 s.
		expect(timeline(transitions)).toEqual(['fired fraud.velocity C-bot @102.5', 'resolved fraud.velocity C-bot @367']);
	});

	it('uses the configured threshold and window', () => {
		const planted = [100, 110, 120].map((seconds, n) => payment(seconds, 'C-7', `TXN-7-${n}`));
		const config = only(['fraud.velocity'], c => {
			c.alerts.rules['fraud.velocity'].threshold = 2;
			c.alerts.rules['fraud.velocity'].windowMs = 30_000;
		});
		const quiet = Array.from({length: 120}, (_, n) => payment(n * 3, `C-once-${n}`, `TXN-once-${n}`));
		const transitions = run(engineFor(config), inOrder([...quiet, ...planted]));
		expect(timeline(transitions)).toEqual(['fired fraud.velocity C-7 @120', 'resolved fraud.velocity C-7 @160']);
		expect(transitions[0]!.alert.message).toBe('customer C-7 made 3 payments in 30s (threshold 2)');
	});
	it('counts late payments in the windows of their own time: one alert held longer, not a second one, and too late ones said', () => {
		const burst = [100, 101, 102, 103, 104, 105].map((seconds, n) => payment(seconds, 'C-1', `TXN-b${n}`));
		// Other customers move event time on to 400 s; then C-1's payments of 150-154 s come, 250 s late.
		const others = Array.from({length: 300}, (_, n) => payment(100.5 + n, `C-other-${n}`, `TXN-o${n}`));
		const late = [150, 151, 152, 153, 154].map((seconds, n) => payment(seconds, 'C-1', `TXN-l${n}`));
		const tooLate = payment(50, 'C-2', 'TXN-old');
		const engine = engineFor(only(['fraud.velocity']));
		const transitions = run(engine, [...inOrder([...burst, ...others]), ...late, tooLate], 10);
		// The alert of 105 s was still waiting out the allowed lateness: the 105-154 s payments keep it true until
		// 165 s (105 s + 60 s), and it resolves a window later.
		expect(timeline(transitions)).toEqual(['fired fraud.velocity C-1 @105', 'resolved fraud.velocity C-1 @225']);
		expect(transitions[1]!.alert.exampleIds).toEqual(['TXN-l4', 'TXN-l3', 'TXN-l2', 'TXN-l1', 'TXN-l0']);
		expect(engine.lateness()['fraud.velocity']).toEqual({late: 5, tooLate: 1});
	});
});
