// Events that arrive minutes late (one topic's consumer lagging, a recording's interleave) count in the alert
// windows of their own event time: six payments of one customer within 50 s, three of them read after other
// traffic had moved event time on by three minutes, raised no fraud.velocity, though 6 > 5 within 60 s. An event
// later than the allowed lateness is counted and said, not silently dropped. Subprocesses on a recording on stdin.
import {describe, expect, it} from 'vitest';
import {runCli} from '../support/cli.js';

const start = Date.UTC(2026, 10, 20, 9);
const second = 1000;

/** One recording line: a payment of `customer` at event time `at`, read at `readAt` (ms after `start`). */
function payment(id: string, customer: string, at: number, readAt: number): string {
	return JSON.stringify({
		topic: 'payments',
		recordedAt: new Date(start + readAt).toISOString(),
		value: {eventId: id, transactionId: `tx-${id}`, customerId: customer, amount: 20, timestamp: new Date(start + at).toISOString()},
	});
}

/** C-1 pays at 0, 20 and 40 s; 230 s of one payment a second by others; then C-1's 10, 30 and 50 s payments, and C-2's 10-minute-late one. */
function recording(): string {
	const lines = [0, 20, 40].map(at => payment(`c1-${at}`, 'C-1', at * second, at * second + 100));
	for (let s = 1; s <= 230; s++) lines.push(payment(`other-${s}`, `O-${s}`, s * second, s * second + 100));
	for (const at of [10, 30, 50]) lines.push(payment(`c1-${at}`, 'C-1', at * second, 231 * second));
	lines.push(payment('c2-late', 'C-2', -400 * second, 232 * second));
	return `${lines.join('\n')}\n`;
}

describe('late events and the alert rules', () => {
	it('count in the windows of their own time: fraud.velocity fires when the sixth payment within 60 s was made', async () => {
		const stdin = recording();
		const result = await runCli(['alerts', '-', '--json'], {stdin});
		expect(result.code, result.stderr).toBe(0);
		const alerts = result.stdout.trim().split('\n').filter(Boolean).map(line => JSON.parse(line) as Record<string, unknown>);
		expect(alerts).toEqual([expect.objectContaining({
			rule: 'fraud.velocity',
			key: 'C-1',
			firedAt: start + 50 * second,
			// Held until the 0 s payment left the window (60 s), then false for one window.
			resolvedAt: start + 120 * second,
			value: 6,
			message: 'customer C-1 made 6 payments in 1m (threshold 5)',
			exampleIds: ['tx-c1-50', 'tx-c1-40', 'tx-c1-30', 'tx-c1-20', 'tx-c1-10'],
		})]);
		// Said, not silently left out: the payment 400 s behind the clock (more than the allowed 5 min), for
		// fraud.velocity and for error-rate, which counts the other three in the minutes of their own time.
		expect(result.stderr).toContain('6 late events counted in the windows of their own time · 2 too late, not counted');
	});

	it('are counted in metrics: late ones counted in their own windows, and those too late to count', async () => {
		const result = await runCli(['metrics', '-', '--json'], {stdin: recording()});
		expect(result.code, result.stderr).toBe(0);
		const {alertLateness} = JSON.parse(result.stdout) as {alertLateness: Record<string, unknown>};
		expect(alertLateness).toEqual({
			allowedLatenessMs: 300_000,
			late: 6,
			tooLate: 2,
			rules: {
				'fraud.velocity': {late: 3, tooLate: 1},
				'fraud.blocked-source': {late: 0, tooLate: 0},
				'rate-limit': {late: 0, tooLate: 0},
				'slo.latency': {late: 0, tooLate: 0},
				'error-rate': {late: 3, tooLate: 1},
				duplicate: {late: 0, tooLate: 0},
			},
		});
		const text = await runCli(['metrics', '-'], {stdin: recording()});
		expect(text.stdout).toContain('alert rules: allowed lateness 5m · 6 late events counted in the windows of their own time · 2 too late, not counted');
	});
});
