// A Redis server killed outright (SIGKILL) under the bundled plugins' live headless runs: `flow graph --json` and
// `saga --json` list the outage (headless-json.md `outages`) and `saga`'s text says it (`not read: …`), as
// `metrics` does; before, their answers read like a quiet system's. One run is stopped while the server is down
// (no `to`, exit 1), the others read on after it is back (the outage has its `to`).
import {describe, expect, it} from 'vitest';
import {Redis} from 'ioredis';
import {startCli} from '../support/cli.js';
import type {OutageJson} from '../../source/plugin-api/index.js';
import {addNumbered, redisSkipReason, useDedicatedRedis, xreadClients as readers} from '../support/redis.js';
import {useTempDir} from '../support/temp-dir.js';
import {uniqueName} from './reader.js';
import {limit} from '../support/limits.js';

const skipReason = redisSkipReason({dedicated: true});

/** An outage as the JSON answers write it. */
type Outage = OutageJson;

describe.skipIf(skipReason)('the plugin commands\' answers of live runs through a Redis outage', () => {
	const temp = useTempDir('pubsub-redis-outages-json-plugins-');
	// Persistent, so the entries written before the kill are still there after it, as on a real server.
	const redis = useDedicatedRedis({persist: true});

	it('list the outage, ended or not, with the live run\'s times, and say it in text', async () => {
		const stream = uniqueName('it:outages-json-plugins');
		await addNumbered(redis.server.url, stream, 0, 50);
		const input = ['--source', `${redis.server.url}?streams=${stream}`, '--from', 'earliest'];
		const graph = startCli(['flow', 'graph', ...input, '--json'], {cwd: temp.path});
		const saga = startCli(['saga', ...input, '--json'], {cwd: temp.path});
		const text = startCli(['saga', ...input], {cwd: temp.path});
		const client = new Redis(redis.server.url);
		try {
			await expect.poll(async () => readers(client), {timeout: 60_000, message: 'the three runs reading'}).toBe(3);
		} finally {
			client.disconnect();
		}

		const killedAt = Date.now();
		process.kill(redis.server.pid()!, 'SIGKILL');
		for (const run of [graph, saga, text]) await expect.poll(() => run.printed().stderr, {timeout: 30_000, message: 'the outage said'}).toContain('reading stopped (');
		// Stopped while the server is down: the outage never ended.
		graph.child.kill('SIGINT');
		const cut = await graph.exited;
		expect(cut.code, cut.stderr).toBe(1);
		const [open] = (JSON.parse(cut.stdout) as {outages: Outage[]}).outages;
		expect(open).toEqual({source: expect.stringContaining('redis://127.0.0.1:') as string, from: expect.any(String) as string, reason: expect.any(String) as string});
		expect(Date.parse(open!.from)).toBeGreaterThanOrEqual(killedAt);

		await redis.server.down();
		await redis.server.up();
		await addNumbered(redis.server.url, stream, 50, 50);
		for (const run of [saga, text]) await expect.poll(() => run.printed().stderr, {timeout: 60_000, message: 'reading again said'}).toContain('reading again after');
		saga.child.kill('SIGINT');
		text.child.kill('SIGINT');
		const ended = await saga.exited;
		expect(ended.code, ended.stderr).toBe(0);
		const outages = (JSON.parse(ended.stdout) as {outages: Outage[]}).outages;
		expect(outages).toHaveLength(1);
		const [outage] = outages;
		expect(outage).toEqual({source: open!.source, from: expect.any(String) as string, to: expect.any(String) as string, reason: expect.any(String) as string});
		// Said after a second, ended once the server answered again: at least the second it took to be said.
		expect(Date.parse(outage!.to!) - Date.parse(outage!.from)).toBeGreaterThanOrEqual(1000);
		expect(Date.parse(outage!.from)).toBeGreaterThanOrEqual(killedAt);

		const said = await text.exited;
		expect(said.code, said.stderr).toBe(0);
		expect(said.stdout.split('\n').filter(line => line.startsWith('not read: '))).toEqual([expect.stringMatching(/^not read: \S+ was not being read from \S+Z to \S+Z: .+$/)]);
		expect(said.stdout).toContain(`not read: ${open!.source} was not being read from `);
	}, limit(240_000));
});
