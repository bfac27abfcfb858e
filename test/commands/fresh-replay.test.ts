// A replay is a fresh look at a recording: the same command twice, with the same state directory, prints the same
// figures (the second run's events used to be "read twice" in the persistent store and counted nowhere).
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli} from '../support/cli.js';
import {known, useKnownRecording} from '../support/known-recording.js';

const recording = useKnownRecording('pubsub-fresh-replay-');
const claims = path.resolve(import.meta.dirname, '../../recordings/claims.jsonl');

/** A headless replay's answer without its progress lines (`replay at … · N events · R ev/s`, one a second while it runs: a loaded machine adds some). */
const answerOf = (stdout: string) => stdout.split('\n').filter(line => !line.startsWith('replay at ')).join('\n');

/** Run the same command twice in one working directory (and so one XDG_STATE_HOME); both results. */
async function twice(args: string[]) {
	const first = await runCli(args, {cwd: recording.dir});
	const second = await runCli(args, {cwd: recording.dir});
	return [first, second] as const;
}

describe('a replay is a fresh look each run', () => {
	it('replay --headless prints the same figures the second time', async () => {
		const [first, second] = await twice(['replay', recording.file, '--speed', 'max', '--headless']);
		expect(first.code).toBe(0);
		expect(second.code).toBe(0);
		expect(first.stdout).toMatch(new RegExp(`^replay finished: ${known.events} events`, 'm'));
		expect(first.stdout).toMatch(new RegExp(`^events ${known.events} `, 'm'));
		expect(answerOf(second.stdout)).toBe(answerOf(first.stdout));
	});

	it('replay --headless of claims.jsonl counts the one alert it raises, every time', async () => {
		const [first, second] = await twice(['replay', claims, '--speed', 'max', '--headless']);
		for (const result of [first, second]) {
			expect(result.code).toBe(0);
			expect(result.stdout).toMatch(/, 1 alert in all$/m);
		}

		expect(answerOf(second.stdout)).toBe(answerOf(first.stdout));
	});

	it('monitor --source FILE --alerts-out - streams the same alerts the second time', async () => {
		const [first, second] = await twice(['monitor', '--source', recording.file, '--alerts-out', '-']);
		expect(first.code).toBe(0);
		expect(first.stdout.trim().split('\n').map(line => JSON.parse(line).rule)).toEqual(['duplicate']);
		expect(second.stdout).toBe(first.stdout);
	});

	it('metrics and alerts give the same answers twice', async () => {
		const [metricsFirst, metricsSecond] = await twice(['metrics', recording.file, '--json']);
		expect(JSON.parse(metricsFirst.stdout).events).toBe(known.events);
		expect(metricsSecond.stdout).toBe(metricsFirst.stdout);
		const [alertsFirst, alertsSecond] = await twice(['alerts', claims, '--json']);
		expect(alertsFirst.stdout.trim().split('\n')).toHaveLength(1);
		expect(alertsSecond.stdout).toBe(alertsFirst.stdout);
	});

	it('an explicit --data-dir is kept, and one that already holds events is refused with the reason', async () => {
		const dataDir = path.join(recording.dir, 'kept-store');
		const first = await runCli(['replay', recording.file, '--speed', 'max', '--headless', '--data-dir', dataDir], {cwd: recording.dir});
		expect(first.code).toBe(0);
		expect(first.stdout).toMatch(new RegExp(`^events ${known.events} `, 'm'));
		expect(fs.existsSync(path.join(dataDir, 'data.mdb'))).toBe(true);
		const audit = await runCli(['audit', 'query', '--data-dir', dataDir, '--id', 'ORD-7', '--format', 'json'], {cwd: recording.dir});
		expect(JSON.parse(audit.stdout).events).toBe(3);
		const again = await runCli(['replay', recording.file, '--speed', 'max', '--headless', '--data-dir', dataDir], {cwd: recording.dir});
		expect(again.code).toBe(2);
		expect(again.stdout).toBe('');
		expect(again.stderr).toContain(`${dataDir} already holds events of an earlier run`);
	});
});
