// A duration or a counter in a time field (`"ts": 17`) read as epoch seconds was an event time in 1970: that event's
// delivery latency was ~56 years, which made the topic's p99 and the latency alerts about one bad field. So was an
// unset time as services write it: Go's zero time.Time (0001-01-01T00:00:00Z), .NET's DateTime.MinValue, the epoch
// (new Date(0)), which made an order's delivery p99 498,459 hours and left its hop unmeasured. A time before
// 2000-01-01, a number in any unit or ISO text, is no event time now: the broker's time stands in, as for 0.
import {describe, expect, it} from 'vitest';
import {runCli} from '../support/cli.js';

const start = Date.UTC(2026, 10, 18, 10);

/** 100 orders a second apart, each paid 300 ms later, recorded 5 ms after; the last two carry `field: bad`. */
function recording(field: string, bad: unknown): string {
	const lines: string[] = [];
	for (let order = 0; order < 100; order++) {
		const at = start + (order * 1000);
		const created = {orderId: `O${order}`, type: 'OrderCreated', ...(order >= 98 ? {[field]: bad} : {})};
		lines.push(JSON.stringify({topic: 'orders', value: created, timestamp: at, recordedAt: at + 5}), JSON.stringify({topic: 'payments', value: {orderId: `O${order}`, type: 'PaymentDone'}, timestamp: at + 300, recordedAt: at + 305}));
	}

	return `${lines.join('\n')}\n`;
}

type Metrics = {delivery: {p99: number}; skewed: number; topics: Record<string, {delivery: {p99: number}}>; edges: Record<string, {count: number; p99: number}>};

describe('a time before 2000 is no event time', () => {
	// 17 s; 9.4e14 µs (1999-10-16); ISO text in the last second of 1999; unset times, with and without a zone.
	const bad: Array<[string, unknown]> = [
		['ts', 17], ['ts', 9.4e14], ['ts', '1999-12-31T23:59:59Z'],
		['createdAt', '0001-01-01T00:00:00Z'], ['createdAt', '0001-01-01T00:00:00'], ['createdAt', '1970-01-01T00:00:00.000Z'], ['createdAt', '1969-12-31T23:59:59+00:00'],
	];
	for (const [field, value] of bad) {
		it(`${field} ${JSON.stringify(value)}: the broker's time stands in, delivery and hops as without it`, async () => {
			const stdin = recording(field, value);
			const result = await runCli(['metrics', '-', '--json'], {stdin});
			expect(result.code, result.stderr).toBe(0);
			const metrics = JSON.parse(result.stdout) as Metrics;
			expect(metrics.topics.orders?.delivery.p99).toBe(5);
			expect(metrics.delivery.p99).toBe(5);
			expect(metrics.skewed).toBe(0);
			expect(metrics.edges['orders->payments']).toMatchObject({count: 100, p99: 300});
			const analyzed = await runCli(['flow', 'analyze', '-', '--id', 'O99', '--json'], {stdin});
			expect(JSON.parse(analyzed.stdout)).toMatchObject({events: [{timestamp: new Date(start + 99_000).toISOString()}, {latencyMs: 300}]});
		});
	}

	it('still reads the first second of 2000 as a time', async () => {
		const at = Date.UTC(2000, 0, 1);
		const line = JSON.stringify({topic: 'orders', value: {orderId: 'O1', type: 'OrderCreated', ts: at / 1000}, timestamp: at + 60_000, recordedAt: at + 20});
		const result = await runCli(['metrics', '-', '--json'], {stdin: `${line}\n`});
		expect(result.code, result.stderr).toBe(0);
		expect((JSON.parse(result.stdout) as Metrics).delivery.p99).toBe(20);
	});
});
