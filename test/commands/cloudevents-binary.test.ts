// A CloudEvent in Kafka's binary content mode (the Kafka protocol binding's default in the SDKs): the message value is
// the event's data, its attributes are headers (ce_type, ce_time, ce_id). None of them was read: a payment that
// failed (ce_type …payment.failed) was ok, so `metrics` said 0 errors and no error-rate alert fired at 10 %, and
// delivery was measured from the broker's time, not the event's. Run as subprocesses on a recording on stdin.
import {describe, expect, it} from 'vitest';
import {runCli} from '../support/cli.js';

const start = Date.UTC(2026, 10, 18, 10);
const iso = (ms: number) => new Date(start + ms).toISOString();

/** 100 payments half a second apart, every tenth failed; the producer sent each 2 s after it happened, read 10 ms later. */
function recording(): string {
	const lines: string[] = [];
	for (let k = 0; k < 100; k++) {
		const type = k % 10 === 0 ? 'com.shop.payment.failed' : 'com.shop.payment.captured';
		const headers = {ce_specversion: '1.0', ce_id: `pay-${k}`, ce_type: type, ce_source: '/payments', ce_time: iso(k * 500), 'content-type': 'application/json'};
		lines.push(JSON.stringify({topic: 'payments', timestamp: iso((k * 500) + 2000), recordedAt: iso((k * 500) + 2010), headers, value: {order_id: `o${k}`}}));
	}

	// The same message read again (a redelivery): the same ce_id, a later broker time.
	lines.push(lines[5]!.replace(iso(4500), iso(60_000)));
	// A second attempt at payment 7: another event (its own ce_id) with the same data, not a redelivery.
	lines.push(lines[7]!.replace('"ce_id":"pay-7"', '"ce_id":"pay-7-retry"'));
	return `${lines.join('\n')}\n`;
}

type Metrics = {duplicates: number; topics: Record<string, {count: number; errors: number; delivery: {p50: number; p99: number}}>};

describe('CloudEvents in binary mode', () => {
	it('take their type, time and id from the ce_ headers', async () => {
		const stdin = recording();
		const result = await runCli(['metrics', '-', '--json'], {stdin});
		expect(result.code, result.stderr).toBe(0);
		const metrics = JSON.parse(result.stdout) as Metrics;
		expect(metrics.duplicates).toBe(1);
		expect(metrics.topics.payments).toMatchObject({count: 102, errors: 10, delivery: {p50: 2010}});
		const alerts = await runCli(['alerts', '-', '--json'], {stdin});
		expect(alerts.code, alerts.stderr).toBe(0);
		expect(alerts.stdout).toContain('"rule":"error-rate","key":"payments"');
	});
});
