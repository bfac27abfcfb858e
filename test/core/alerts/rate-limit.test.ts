import {describe, expect, it} from 'vitest';
import type {Envelope} from '../../../source/core/envelope.js';
import {at, engineFor, event, inOrder, only, run, timeline} from './helpers.js';

/** A notification to `recipient` at `minutes` after t0. */
const notification = (minutes: number, recipient: string, n: string) =>
	event('customer.notifications', at(minutes * 60), {type: 'EmailSent', recipient, messageId: `msg-${n}`, orderId: `ORD-${n}`});

/** 100 recipients, each notified every 6 min: 10 in every hour, never 11. */
function normalTraffic(): Envelope[] {
	const events: Envelope[] = [];
	for (let r = 0; r < 100; r++) for (let n = 0; n < 30; n++) events.push(notification(r * 0.01 + n * 6, `user-${r}@example.com`, `${r}-${n}`));
	return events;
}

describe('rate-limit', () => {
	it('fires for the one recipient who got 11 notifications in 60 min, and resolves an hour after it ended', () => {
		const planted = Array.from({length: 11}, (_, n) => notification(20 + n * 5, 'victim@example.com', `v-${n}`));
		const transitions = run(engineFor(only(['rate-limit'])), inOrder([...normalTraffic(), ...planted]));
		// 11th at 70 min; holds until the 1st (20 min) is an hour old (80 min); resolves an hour later (140 min).
		expect(timeline(transitions)).toEqual(['fired rate-limit victim@example.com @4200', 'resolved rate-limit victim@example.com @8400']);
		expect(transitions[0]!.alert).toMatchObject({
			severity: 'warning',
			value: 11,
			threshold: 10,
			message: 'recipient victim@example.com got 11 notifications in 1h (threshold 10)',
		});
	});

	it('does not count redeliveries of the same notification', () => {
		const planted = Array.from({length: 10}, (_, n) => notification(20 + n * 5, 'victim@example.com', `v-${n}`));
		const redelivered = planted.map(env => ({...env, receivedAt: env.receivedAt + 2000}));
		expect(run(engineFor(only(['rate-limit'])), inOrder([...normalTraffic(), ...planted, ...redelivered]))).toEqual([]);
	});
});
