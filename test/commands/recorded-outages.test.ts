// A recording's outage lines on replay, as subprocesses: an alert fired while the source was not being read says so
// (its message and `unread`), one fired outside says nothing of it, and --from / --to keep an outage that overlaps them
// and no other (one that ended before --from is not said as one that never ended).
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli} from '../support/cli.js';
import {outageRecording, outageSource as source, outageStart as start} from '../support/outage-recording.js';
import {useTempDir} from '../support/temp-dir.js';
import {limit} from '../support/limits.js';

// Several CLI runs a test, nothing in them about speed: a 240 s limit each.
const temp = useTempDir('pubsub-recorded-outages-');
const recording = () => outageRecording(temp.path);

type AlertLine = {rule: string; key: string; message: string; unread?: unknown};

describe('a recording that holds an outage', () => {
	it('has an alert fired while the source was not being read say so', async () => {
		const file = recording();
		const from = start + 320_000;
		const {code, stdout, stderr} = await runCli(['alerts', file, '--json'], {cwd: temp.path});
		expect(code, stderr).toBe(0);
		const alerts = stdout.split('\n').filter(Boolean).map(line => JSON.parse(line) as AlertLine);
		// payments fell silent when reading stopped: its silence is the tool's, not the system's.
		const silence = alerts.find(alert => alert.rule === 'silence' && alert.key === 'payments')!;
		expect(silence.unread).toEqual({source, from, to: from + 45_000, reason: 'Connection error: connect ECONNREFUSED'});
		expect(silence.message).toMatch(/ \(fired while kafka:\/\/127\.0\.0\.1:9092 was not being read from 2026-12-07T05:05:20Z to 2026-12-07T05:06:05Z: Connection error: connect ECONNREFUSED\)$/);
		expect((await runCli(['alerts', file], {cwd: temp.path})).stdout).toContain('fired while kafka://127.0.0.1:9092 was not being read');
		// Without the outage lines (an older recording), the same silence says nothing of it.
		const bare = path.join(temp.path, 'bare.jsonl');
		fs.writeFileSync(bare, fs.readFileSync(file, 'utf8').split('\n').filter(line => !line.includes('"outage"')).join('\n'));
		const before = (await runCli(['alerts', bare, '--json'], {cwd: temp.path})).stdout.split('\n').filter(Boolean).map(line => JSON.parse(line) as AlertLine);
		expect(before.find(alert => alert.rule === 'silence')).toMatchObject({key: 'payments', message: expect.not.stringContaining('not being read') as string});
		expect(before.find(alert => alert.rule === 'silence')!.unread).toBeUndefined();
	}, limit(240_000));

	it('says an outage --from or --to reaches into, and not one outside them', async () => {
		const file = recording();
		const inside = await runCli(['metrics', file, '--from', '2026-12-07T05:05:30Z'], {cwd: temp.path});
		expect(inside.stderr).toContain(`${file}: ${source} (recorded): reading again at 2026-12-07T05:06:05Z after 45.0 s`);
		const before = await runCli(['replay', file, '--headless', '--speed', 'max', '--to', '2026-12-07T05:05:00Z'], {cwd: temp.path});
		expect(before.code, before.stderr).toBe(0);
		expect(before.stderr).not.toContain('(recorded)');
		// Ended before --from: its first line, read before the range, is not said as an outage that never ended.
		const after = await runCli(['metrics', file, '--json', '--from', '2026-12-07T05:06:10Z'], {cwd: temp.path});
		expect(after.code, after.stderr).toBe(0);
		expect(JSON.parse(after.stdout)).toMatchObject({events: expect.any(Number) as number, outages: []});
		expect((JSON.parse(after.stdout) as {events: number}).events).toBeGreaterThan(0);
		expect(after.stderr).not.toContain('(recorded)');
	}, limit(240_000));
});
