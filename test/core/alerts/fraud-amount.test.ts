import {describe, expect, it} from 'vitest';
import type {Envelope} from '../../../source/core/envelope.js';
import {at, engineFor, event, inOrder, only, run, timeline} from './helpers.js';

/** Payments just under the threshold and big orders (not payments), every second for 10 min. */
function normalTraffic(): Envelope[] {
	const events: Envelope[] = [];
	for (let n = 0; n < 600; n++) {
		events.push(event('payment.transactions', at(n), {eventType: 'PaymentCompleted', orderId: `ORD-${n}`, transactionId: `TXN-${n}`, amount: 9999.99}));
		events.push(event('orders.created', at(n + 0.5), {eventType: 'OrderCreated', orderId: `ORD-${n}`, totalAmount: 50_000}));
	}

	return events;
}

describe('fraud.amount', () => {
	it('fires once per big transaction, however many of its events carry the amount, named by its transaction id', () => {
		const big = [
			event('payment.transactions', at(100.2), {eventType: 'PaymentAuthorized', orderId: 'ORD-big', transactionId: 'TXN-big', amount: '12000.50'}),
			event('payment.transactions', at(101.2), {eventType: 'PaymentCompleted', orderId: 'ORD-big', transactionId: 'TXN-big', amount: 12_000.5}),
			event('payments', at(300.2), {type: 'payment.captured', data: {paymentId: 'PAY-7', total: 10_000}}),
		];
		const transitions = run(engineFor(only(['fraud.amount'])), inOrder([...normalTraffic(), ...big]));
		expect(timeline(transitions)).toEqual([
			'fired fraud.amount TXN-big @100.2',
			'resolved fraud.amount TXN-big @161.2',
			'fired fraud.amount PAY-7 @300.2',
			'resolved fraud.amount PAY-7 @360.2',
		]);
		expect(transitions[0]!.alert).toMatchObject({
			severity: 'critical',
			value: 12_000.5,
			threshold: 10_000,
			message: 'transaction TXN-big paid 12000.5 (threshold 10000)',
			exampleIds: ['ORD-big', 'TXN-big'],
		});
	});

	it('ignores a redelivered big payment', () => {
		const big = event('payment.transactions', at(100.2), {eventType: 'PaymentCompleted', transactionId: 'TXN-big', amount: 20_000, eventId: 'evt-big'});
		const again = {...big, receivedAt: big.receivedAt + 90_000};
		const events = inOrder([...normalTraffic(), big, {...again, timestamp: at(190.2), deliveryMs: 20}]);
		const transitions = run(engineFor(only(['fraud.amount'])), events);
		expect(events.filter(env => env.duplicate)).toHaveLength(1);
		expect(timeline(transitions)).toEqual(['fired fraud.amount TXN-big @100.2', 'resolved fraud.amount TXN-big @160.2']);
	});
});
