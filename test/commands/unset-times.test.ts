// An unset time as services write it: Go's zero time.Time (0001-01-01T00:00:00Z), .NET's DateTime.MinValue, the
// epoch (new Date(0)). The number 0 was already no time, but as ISO text it was read as a time two thousand (or 56)
// years before the event: one such line made an order's delivery p99 498,459 hours and left its hop unmeasured (the
// transaction closed 7 days of event time before its next step). Now it is no time, and the broker's time stands in.
import {describe, expect, it} from 'vitest';
import {runCli} from '../support/cli.js';

const start = Date.UTC(2026, 10, 18, 10);

/** 100 orders a second apart, each paid 300 ms later, recorded 5 ms after; the last two have `createdAt: unsetText`. */
function recording(unsetText: string): string {
	const lines: string[] = [];
	for (let order = 0; order < 100; order++) {
		const at = start + (order * 1000);
		const created = {orderId: `O${order}`, type: 'OrderCreated', ...(order >= 98 ? {createdAt: unsetText} : {})};
		lines.push(JSON.stringify({topic: 'orders', value: created, timestamp: at, recordedAt: at + 5}), JSON.stringify({topic: 'payments', value: {orderId: `O${order}`, type: 'PaymentDone'}, timestamp: at + 300, recordedAt: at + 305}));
	}

	return `${lines.join('\n')}\n`;
}

type Metrics = {topics: Record<string, {delivery: {p99: number}}>; edges: Record<string, {count: number; p99: number}>};

describe('an unset time is no time', () => {
	for (const unsetText of ['0001-01-01T00:00:00Z', '0001-01-01T00:00:00', '1970-01-01T00:00:00.000Z', '1969-12-31T23:59:59+00:00']) {
		it(`${unsetText}: the broker's time stands in, every hop is measured`, async () => {
			const stdin = recording(unsetText);
			const result = await runCli(['metrics', '-', '--json'], {stdin});
			expect(result.code, result.stderr).toBe(0);
			const metrics = JSON.parse(result.stdout) as Metrics;
			expect(metrics.topics.orders?.delivery.p99).toBe(5);
			expect(metrics.edges['orders->payments']).toMatchObject({count: 100, p99: 300});
			const analyzed = await runCli(['flow', 'analyze', '-', '--id', 'O99', '--json'], {stdin});
			expect(JSON.parse(analyzed.stdout)).toMatchObject({events: [{timestamp: new Date(start + 99_000).toISOString()}, {latencyMs: 300}]});
		});
	}
});
