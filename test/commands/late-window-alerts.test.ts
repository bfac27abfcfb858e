// error-rate and slo.latency judge each window of event time with the late events counted in it: a burst of
// payment errors on a partition read three minutes late, and slow order-to-payment hops whose events were read
// almost five minutes late, raised nothing before (error-rate counted them too late, slo.latency counted the slow
// hops only in the five minutes ending at the clock, where a quieter edge's fast hops outnumbered them 100 to 1).
// Subprocesses on a recording on stdin.
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli} from '../support/cli.js';
import {useTempDir} from '../support/temp-dir.js';
import {lateErrors, lateSlowHops, second, start} from '../support/late-recordings.js';

const temp = useTempDir('pubsub-late-windows-');

/** The alerts of `alerts - --json` on `stdin`, and its standard error. */
async function alertsOf(stdin: string, ...flags: string[]): Promise<{alerts: Array<Record<string, unknown>>; stderr: string}> {
	const result = await runCli(['alerts', '-', '--json', ...flags], {stdin});
	expect(result.code, result.stderr).toBe(0);
	return {alerts: result.stdout.trim().split('\n').filter(Boolean).map(line => JSON.parse(line) as Record<string, unknown>), stderr: result.stderr};
}

/** `metrics - --json`'s alertLateness for `stdin`. */
async function latenessOf(stdin: string, ...flags: string[]): Promise<{late: number; tooLate: number; rules: Record<string, {late: number; tooLate: number}>}> {
	const result = await runCli(['metrics', '-', '--json', ...flags], {stdin});
	expect(result.code, result.stderr).toBe(0);
	return (JSON.parse(result.stdout) as {alertLateness: {late: number; tooLate: number; rules: Record<string, {late: number; tooLate: number}>}}).alertLateness;
}

describe('late events in error-rate and slo.latency', () => {
	it('error-rate fires for the minute of the failures\' own time, when the second failure made it 8.3 %', async () => {
		const {alerts, stderr} = await alertsOf(lateErrors());
		expect(alerts).toEqual([expect.objectContaining({
			rule: 'error-rate',
			key: 'payments',
			firedAt: start + 21.5 * second,
			// The last minute above 5 % was seen at the fine payment of 85 s; then false for one minute.
			resolvedAt: start + 145 * second,
			threshold: 0.05,
			// What the minute of the newest failure measured: 30 fine payments and the 10 failed ones.
			value: 0.25,
			message: 'topic payments had 25 % errors (10 of 40) in 1m (threshold 5 %)',
			exampleIds: ['tx-fail-9', 'tx-fail-8', 'tx-fail-7', 'tx-fail-6', 'tx-fail-5'],
		})]);
		expect(stderr).not.toContain('too late');
	});

	it('error-rate counts the failures as late events counted in their own windows, none too late', async () => {
		const lateness = await latenessOf(lateErrors());
		expect(lateness.rules['error-rate']).toEqual({late: 10, tooLate: 0});
		expect(lateness.tooLate).toBe(0);
	});

	it('slo.latency fires for the five minutes of the slow hops\' own time, and says the p99 over them', async () => {
		const {alerts} = await alertsOf(lateSlowHops());
		expect(alerts).toEqual([expect.objectContaining({
			rule: 'slo.latency',
			key: 'orders->payments',
			// Within one 10 s bucket of the slow hops: the newest hop of their bucket (paid at 19.6 s).
			firedAt: start + 19_600,
			threshold: 1000,
			exampleIds: ['SLOW-14', 'SLOW-13', 'SLOW-12', 'SLOW-11', 'SLOW-10'],
		})]);
		// Still firing at the end: it held until less than five minutes before it.
		expect(alerts[0]!.resolvedAt).toBeUndefined();
		// The p99 of the 45 hops of that window, from the slow hops' sketches (1 % relative accuracy).
		expect(alerts[0]!.message).toMatch(/^edge orders->payments p99 (1,9[89]\d|2,0[0-2]\d) ms over 5m from 45 hops \(threshold 1,000 ms\)$/);
	});

	it('slo.latency counts hops further behind than its window in their own windows, up to the allowed lateness', async () => {
		// The slow hops read seven minutes late: behind the five minutes ending at the clock, within the 10 minutes allowed.
		const config = path.join(temp.path, 'late.yaml');
		fs.writeFileSync(config, 'alerts:\n  allowedLatenessMs: 10m\n');
		const stdin = lateSlowHops(430 * second);
		const lateness = await latenessOf(stdin, '--config', config);
		expect(lateness.rules['slo.latency']).toEqual({late: 5, tooLate: 0});
		const {alerts} = await alertsOf(stdin, '--config', config);
		expect(alerts).toEqual([expect.objectContaining({rule: 'slo.latency', key: 'orders->payments', firedAt: start + 19_600})]);
		// With the default 5 minutes they are too late, and said to be.
		expect((await latenessOf(stdin)).rules['slo.latency']).toEqual({late: 0, tooLate: 5});
	});

	it('slo.latency judges hops read late alike whether or not newer hops were made final in the same batch', async () => {
		// Without the quiet second the late hops come in one batch with the newest fast ones; taken in time order,
		// they were counted as in time (none too late) and fired an alert the quiet recording does not.
		const apart = lateSlowHops(430 * second);
		const together = lateSlowHops(430 * second, false);
		expect((await latenessOf(together)).rules['slo.latency']).toEqual({late: 0, tooLate: 5});
		expect((await alertsOf(together)).alerts).toEqual((await alertsOf(apart)).alerts);
	});
});
