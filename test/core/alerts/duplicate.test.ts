import {describe, expect, it} from 'vitest';
import type {Envelope} from '../../../source/core/envelope.js';
import {at, engineFor, event, flagged, only, run, timeline} from './helpers.js';

/** 2 000 s at 1 event/s on two topics, every event with its own id; `redeliver` maps an arrival second to the second of the event delivered again then. */
function traffic(redeliver: Record<number, number>): Envelope[] {
	const events: Envelope[] = [];
	const payment = (s: number) => event('payment.transactions', at(s), {eventType: 'PaymentCompleted', transactionId: `TXN-${s}`, eventId: `evt-${s}`});
	for (let s = 0; s < 2000; s++) {
		events.push(event('orders.created', at(s), {orderId: `ORD-${s}`, eventId: `ord-${s}`}));
		events.push(payment(s + 0.5));
		const again = redeliver[s];
		if (again !== undefined) events.push({...payment(again + 0.5), receivedAt: at(s + 0.6)});
	}

	return flagged(events);
}

describe('duplicate', () => {
	it('raises one alert for a topic with redeliveries, held while they keep coming, resolved a window after the last', () => {
		const events = traffic({160: 100, 500: 480});
		expect(events.filter(env => env.duplicate).map(env => env.ids[0])).toEqual(['TXN-100.5', 'TXN-480.5']);
		const transitions = run(engineFor(only(['duplicate'])), events);
		// The clock is at 160.5 s when the copy of the 100.5 s event arrives; the second copy (of 480.5 s), counted when
		// it is read (500.5 s), not at its original's time, keeps the condition true until 1 100.5 s; resolved 10 min later.
		expect(timeline(transitions)).toEqual(['fired duplicate payment.transactions @160.5', 'resolved duplicate payment.transactions @1700.5']);
		expect(transitions[0]!.alert).toMatchObject({
			severity: 'info',
			value: 1,
			threshold: 1,
			message: 'topic payment.transactions redelivered 1 event in 10m (threshold 1)',
			exampleIds: ['TXN-100.5'],
		});
		// Newest first: Enter in the Alerts pane opens what it fires for now.
		expect(transitions[1]!.alert.exampleIds).toEqual(['TXN-480.5', 'TXN-100.5']);
	});

	it('raises nothing without redeliveries, and honours a higher threshold', () => {
		expect(run(engineFor(only(['duplicate'])), traffic({}))).toEqual([]);
		const config = only(['duplicate'], c => {
			c.alerts.rules.duplicate.threshold = 3;
		});
		expect(run(engineFor(config), traffic({160: 100, 500: 480}))).toEqual([]);
		// Copies read at 160.5, 500.5 and 700.5 s: 3 within 10 min at 700.5 s, until the first is 10 min old (760.5 s).
		expect(timeline(run(engineFor(config), traffic({160: 150, 500: 480, 700: 690})))).toEqual([
			'fired duplicate payment.transactions @700.5',
			'resolved duplicate payment.transactions @1360.5',
		]);
	});
});
