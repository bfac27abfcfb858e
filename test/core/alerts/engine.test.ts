import {describe, expect, it} from 'vitest';
import {transitionTime, type AlertTransition} from '../../../source/core/alerts/engine.js';
import type {Envelope} from '../../../source/core/envelope.js';
import {at, configWith, engineFor, event, inOrder, only, run, timeline} from './helpers.js';

const payment = (seconds: number, customerId: string, n: string, extra: Record<string, unknown> = {}) =>
	event('payment.transactions', at(seconds), {eventType: 'PaymentCompleted', customerId, transactionId: `TXN-${n}`, amount: 25, eventId: `evt-${n}`, ...extra});

/** A mixed 15 min input with something for several rules: a payment burst, a big payment, failures, a redelivery, a silence. */
function mixed(): Envelope[] {
	const events: Envelope[] = [];
	for (let s = 0; s < 900; s++) {
		events.push(payment(s + 0.1, `C-${s % 97}`, `${s}`, s >= 300 && s < 305 ? {status: 'failed'} : {}));
		if (s < 400 || s >= 450) events.push(event('orders.created', at(s + 0.2), {orderId: `ORD-${s}`}), event('orders.created', at(s + 0.7), {orderId: `ORD-${s}b`}));
	}

	for (let n = 0; n < 8; n++) events.push(payment(100 + n * 2 + 0.5, 'C-burst', `burst-${n}`));
	events.push(payment(200.5, 'C-big', 'big', {amount: 25_000}));
	events.push({...payment(250.1, 'C-250', '250'), receivedAt: at(260.3)});
	return inOrder(events);
}

describe('alert engine', () => {
	it('raises the same alerts whatever the batch size (event time, not arrival of batches)', () => {
		const expected = run(engineFor(), mixed(), 10_000);
		expect(timeline(expected)).toEqual([
			'fired fraud.velocity C-burst @110.5',
			'resolved fraud.velocity C-burst @224.5',
			'fired fraud.amount TXN-big @200.5',
			'resolved fraud.amount TXN-big @260.5',
			'fired duplicate payment.transactions @250.1',
			'fired error-rate payment.transactions @303.1',
			'resolved error-rate payment.transactions @420.1',
			'fired silence orders.created @429.7',
			'resolved silence orders.created @750.2',
		].sort((a, b) => Number(a.split('@')[1]) - Number(b.split('@')[1])));
		// A resolution waits for the rule's allowed lateness (a late event could still extend its alert), so in
		// smaller batches it may come out after transitions of later times: the same transitions, each at its time.
		const inTimeOrder = (transitions: AlertTransition[]) => [...transitions].sort((a, b) => transitionTime(a) - transitionTime(b));
		for (const size of [1, 13, 500]) expect(inTimeOrder(run(engineFor(), mixed(), size))).toEqual(expected);
	});

	it('keeps an alert firing at the end of the input unless a full window passed after its condition ended', () => {
		const burst = Array.from({length: 6}, (_, n) => payment(100 + n, 'C-1', `b${n}`));
		const engine = engineFor(only(['fraud.velocity']));
		const transitions = run(engine, inOrder(burst));
		expect(timeline(transitions)).toEqual(['fired fraud.velocity C-1 @105']);
		expect(engine.firing().map(alert => alert.id)).toEqual([`fraud.velocity:C-1:${at(105)}`]);
		// Told the input covered 3 more minutes: the window after the condition ended (160 s → 220 s) has passed.
		expect(timeline(engine.flush(at(300)))).toEqual(['resolved fraud.velocity C-1 @220']);
		expect(engine.firing()).toEqual([]);
		expect(engine.all()).toEqual([{...transitions[0]!.alert, resolvedAt: at(220)}]);
	});

	it('starts a new alert (new id) when the condition returns after a full window, not before', () => {
		const bursts = [0, 200, 270].flatMap(start => Array.from({length: 6}, (_, n) => payment(start + n, 'C-1', `${start}-${n}`)));
		const steady = Array.from({length: 500}, (_, s) => payment(s + 0.5, `C-other-${s}`, `o${s}`));
		const transitions = run(engineFor(only(['fraud.velocity'])), inOrder([...bursts, ...steady]));
		// 1st burst true until 60 s, resolved 120 s; 2nd fires 205 s, true until 260 s; the 3rd (275 s) comes
		// before 320 s: same alert, now true until 330 s, resolved 390 s.
		expect(timeline(transitions)).toEqual([
			'fired fraud.velocity C-1 @5',
			'resolved fraud.velocity C-1 @120',
			'fired fraud.velocity C-1 @205',
			'resolved fraud.velocity C-1 @390',
		]);
		expect(new Set(transitions.map(({alert}) => alert.id)).size).toBe(2);
	});

	it('resolves thousands of open alerts each at its own time, in order', () => {
		const big = Array.from({length: 5000}, (_, n) => payment(((n * 7919) % 5000) / 10, `C-${n}`, `big-${n}`, {amount: 50_000}));
		const transitions = run(engineFor(only(['fraud.amount'])), inOrder(big), 64, at(1000));
		const resolved = transitions.filter(({kind}) => kind === 'resolved');
		expect(resolved).toHaveLength(5000);
		expect(resolved.filter(({alert}) => alert.resolvedAt !== alert.firedAt + 60_000)).toEqual([]);
		const times = transitions.map(({kind, alert}) => (kind === 'fired' ? alert.firedAt : alert.resolvedAt!));
		expect(times).toEqual([...times].sort((a, b) => a - b));
	});

	it('raises nothing with every rule disabled', () => {
		const config = configWith(c => {
			for (const rule of Object.values(c.alerts.rules)) rule.enabled = false;
		});
		expect(run(engineFor(config), mixed())).toEqual([]);
	});

	it('reads whether a rule is enabled at each batch, so it can be switched while running', () => {
		const config = only(['fraud.amount']);
		const engine = engineFor(config);
		config.alerts.rules['fraud.amount'].enabled = false;
		expect(engine.onBatch(inOrder([payment(1, 'C-1', 'a', {amount: 50_000})]), [])).toEqual([]);
		config.alerts.rules['fraud.amount'].enabled = true;
		expect(timeline(engine.onBatch(inOrder([payment(2, 'C-1', 'b', {amount: 50_000})]), []))).toEqual(['fired fraud.amount TXN-b @2']);
	});

	it('returns copies: changing an emitted alert changes nothing inside', () => {
		const engine = engineFor(only(['fraud.amount']));
		const [fired] = engine.onBatch(inOrder([payment(1, 'C-1', 'x', {amount: 99_999})]), []);
		fired!.alert.exampleIds.push('tampered');
		fired!.alert.message = 'tampered';
		expect(engine.firing()[0]).toMatchObject({message: 'transaction TXN-x paid 99999 (threshold 10000)', exampleIds: ['TXN-x']});
	});
});
