import {describe, expect, it} from 'vitest';
import type {Envelope} from '../../../source/core/envelope.js';
import {at, engineFor, event, inOrder, only, run, timeline} from './helpers.js';

/** A payment attempt from `ip` at `seconds` after t0, with its outcome. */
const attempt = (seconds: number, ip: string, status: string, n: string) =>
	event('payment.transactions', at(seconds), {eventType: 'PaymentAttempted', ipAddress: ip, status, transactionId: `TXN-${n}`, eventId: `evt-${n}`});

/** 300 addresses, each with 9 blocked attempts (one short of the threshold) and allowed ones, every 5 min. */
function normalTraffic(): Envelope[] {
	const events: Envelope[] = [];
	for (let ip = 0; ip < 300; ip++) {
		for (let n = 0; n < 9; n++) events.push(attempt(ip * 0.1 + n * 30, `10.0.${ip >> 8}.${ip & 255}`, 'blocked', `${ip}-b${n}`));
		for (let n = 0; n < 20; n++) events.push(attempt(ip * 0.1 + n * 15 + 1, `10.0.${ip >> 8}.${ip & 255}`, 'approved', `${ip}-a${n}`));
		// The next 9 blocked attempts start once the first 9 have left the 5 min window.
		for (let n = 0; n < 9; n++) events.push(attempt(ip * 0.1 + 300 + n * 30, `10.0.${ip >> 8}.${ip & 255}`, 'blocked', `${ip}-c${n}`));
	}

	return events;
}

describe('fraud.blocked-source', () => {
	it('fires for the one address with 10 blocked payments in 5 min, at the 10th, and resolves a window after', () => {
		const planted = Array.from({length: 10}, (_, n) => attempt(100 + n * 20, '203.0.113.9', 'BLOCKED', `bad-${n}`));
		// Blocked logins from the same address are not payments.
		const logins = Array.from({length: 30}, (_, n) => event('auth.logins', at(50 + n), {ipAddress: '198.51.100.1', status: 'blocked'}));
		const transitions = run(engineFor(only(['fraud.blocked-source'])), inOrder([...normalTraffic(), ...planted, ...logins]));
		// 10th at 280 s; the condition holds until the first (100 s) leaves the window (400 s); resolved 5 min later.
		expect(timeline(transitions)).toEqual(['fired fraud.blocked-source 203.0.113.9 @280']);
		expect(transitions[0]!.alert).toMatchObject({
			severity: 'critical',
			value: 10,
			threshold: 10,
			message: 'IP 203.0.113.9 sent 10 blocked payments in 5m (threshold 10)',
		});
		// The input ends at 570 s: less than a full window after the condition ended, so it is still firing.
		const longer = run(engineFor(only(['fraud.blocked-source'])), inOrder([...normalTraffic(), ...planted]), 500, at(700));
		expect(timeline(longer)).toEqual(['fired fraud.blocked-source 203.0.113.9 @280', 'resolved fraud.blocked-source 203.0.113.9 @700']);
	});

	it('does not count redeliveries of blocked payments', () => {
		const planted = Array.from({length: 6}, (_, n) => attempt(100 + n * 20, '203.0.113.9', 'blocked', `dup-${n}`));
		const redelivered = planted.map(env => ({...env, receivedAt: env.receivedAt + 1000}));
		expect(run(engineFor(only(['fraud.blocked-source'])), inOrder([...normalTraffic(), ...planted, ...redelivered]))).toEqual([]);
	});
});
