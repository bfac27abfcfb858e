// Bare payload lines (CloudEvents, event-sourcing envelopes) have no topic, and most say failure by their type
// (order.payment.failed). error-rate keyed them by type: the failure type was a key of its own, all errors but
// under 20 a minute, the success type one without errors, so 10 % of payments failing raised nothing while
// `metrics` showed the 10 errors under the topic (none). Run as subprocesses on a recording on standard input.
import {describe, expect, it} from 'vitest';
import {runCli} from '../support/cli.js';

/** 100 CloudEvents half a second apart, every tenth a failed payment. */
function cloudEvents(): string {
	const lines: string[] = [];
	for (let k = 0; k < 100; k++) {
		const type = k % 10 === 0 ? 'order.payment.failed' : 'order.payment.captured';
		const time = new Date(Date.UTC(2026, 10, 18, 10) + (k * 500)).toISOString();
		lines.push(JSON.stringify({specversion: '1.0', id: `e${k}`, type, source: '/payments', time, data: {order_id: `o${k}`}}));
	}

	return `${lines.join('\n')}\n`;
}

describe('error-rate on events without a topic', () => {
	it('fires on (none), the topic metrics counts their errors under', async () => {
		const stdin = cloudEvents();
		const metrics = await runCli(['metrics', '-', '--json'], {stdin});
		expect(metrics.code, metrics.stderr).toBe(0);
		expect((JSON.parse(metrics.stdout) as {topics: Record<string, {errors: number}>}).topics['(none)']?.errors).toBe(10);
		const result = await runCli(['alerts', '-', '--json'], {stdin});
		expect(result.code, result.stderr).toBe(0);
		const alerts = result.stdout.trim().split('\n').filter(Boolean).map(line => JSON.parse(line) as {rule: string; key: string; firedAt: number; value: number});
		expect(alerts.filter(alert => alert.rule === 'error-rate')).toEqual([
			// At the 20th event (9.5 s), 2 of 20 had failed.
			expect.objectContaining({key: '(none)', firedAt: Date.UTC(2026, 10, 18, 10, 0, 9, 500), value: 0.1}),
		]);
	});
});
