// A Redis server killed outright (SIGKILL) and started again while `record` reads it: the recording says the outage,
// so its replay (a file, standard input, a recording of the recording) tells it from a quiet gap, with its length.
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli, startCli} from '../support/cli.js';
import {addNumbered, redisSkipReason, useDedicatedRedis} from '../support/redis.js';
import {useTempDir} from '../support/temp-dir.js';
import {uniqueName} from './reader.js';
import {limit} from '../support/limits.js';

const skipReason = redisSkipReason({dedicated: true});

/** formatMs: `6,955 ms`, `12.4 s`, `1m 05s`. */
const took = '(?:[\\d.,]+ m?s|\\d+m \\d\\ds)';

/** How many recorded events (lines with a value) `text` holds. */
const eventLines = (text: string) => text.split('\n').filter(line => line.includes('"value"')).length;

describe.skipIf(skipReason)('a recording of a Redis server killed and started again', () => {
	const temp = useTempDir('pubsub-redis-recorded-outage-');
	// Persistent, so the entries written before the kill are still there after it, as on a real server.
	const redis = useDedicatedRedis({persist: true});

	/** XADD n = first … first+count−1 with a short-lived client (the server goes away in between). */
	const add = async (stream: string, first: number, count: number) => addNumbered(redis.server.url, stream, first, count);

	it('says the outage on replay with the live run\'s times and length, and keeps it through a recording of the recording', async () => {
		const stream = uniqueName('it:outage');
		await add(stream, 0, 50);
		const source = `${redis.server.url}?streams=${stream}`;
		const cli = startCli(['record', '--source', source, '--from', 'earliest', '-o', '-'], {cwd: temp.path});
		await expect.poll(() => eventLines(cli.printed().stdout), {timeout: limit(60_000), message: 'events recorded'}).toBe(50);
		process.kill(redis.server.pid()!, 'SIGKILL');
		await expect.poll(() => cli.printed().stderr, {timeout: limit(30_000), message: 'the outage said'}).toContain('reading stopped (');
		await redis.server.down();
		await redis.server.up();
		await add(stream, 50, 50);
		await expect.poll(() => eventLines(cli.printed().stdout), {timeout: limit(60_000), message: 'events recorded'}).toBe(100);
		await expect.poll(() => cli.printed().stderr, {timeout: limit(30_000), message: 'reading again said'}).toMatch(new RegExp(`reading again after ${took}`));
		cli.child.kill('SIGINT');
		const stopped = await cli.exited;
		expect(stopped.stderr).toContain('recorded 100 events');
		const live = new RegExp(`reading again after (${took}), from where it stopped`).exec(stopped.stderr)![1]!;

		// The outage's two lines, between the events read before it and those read after.
		const lines = stopped.stdout.split('\n').filter(Boolean);
		const outages = lines.flatMap((line, index) => line.includes('"outage"') ? [{index, outage: (JSON.parse(line) as {$recording: {outage: {source: string; from: string; to?: string; reason?: string}}}).$recording.outage}] : []);
		expect(outages).toHaveLength(2);
		const [begun, ended] = outages;
		expect(begun!.outage).toEqual({source: expect.stringContaining('redis://127.0.0.1:') as string, from: expect.any(String) as string, reason: expect.any(String) as string});
		expect(ended!.outage).toEqual({source: begun!.outage.source, from: begun!.outage.from, to: expect.any(String) as string});
		expect(eventLines(lines.slice(0, begun!.index).join('\n'))).toBe(50);
		expect(eventLines(lines.slice(ended!.index).join('\n'))).toBe(50);

		const file = path.join(temp.path, 'outage.jsonl');
		fs.writeFileSync(file, stopped.stdout);
		const said = (stderr: string, input: string) => {
			const named = `pubsub-tools: warning: ${input}: ${begun!.outage.source} (recorded): `;
			expect(stderr).toContain(`${named}reading stopped at ${begun!.outage.from.replace(/\.\d+Z$/, 'Z')} (`);
			expect(stderr).toContain(`${named}reading again at ${ended!.outage.to!.replace(/\.\d+Z$/, 'Z')} after ${live}, from where it stopped\n`);
			expect(stderr).toContain(`${named}reading stopped 1 time during the run, ${live} in all`);
		};

		const metrics = await runCli(['metrics', file, '--json'], {cwd: temp.path});
		expect(metrics.code, metrics.stderr).toBe(0);
		expect((JSON.parse(metrics.stdout) as {events: number; malformed: number})).toMatchObject({events: 100, malformed: 0});
		said(metrics.stderr, file);
		const piped = await runCli(['replay', '-', '--headless', '--speed', 'max'], {cwd: temp.path, stdin: stopped.stdout});
		said(piped.stderr, 'stdin');
		// Recorded again from a pipe, the outage lines are kept as they were.
		const again = await runCli(['record', '-', '-o', '-'], {cwd: temp.path, stdin: stopped.stdout});
		expect(again.stdout.split('\n').filter(line => line.includes('"outage"'))).toEqual(outages.map(({index}) => lines[index]));
		said((await runCli(['alerts', '-'], {cwd: temp.path, stdin: again.stdout})).stderr, 'stdin');
	}, limit(240_000));
});
