// A Redis server killed outright (SIGKILL) under live headless runs: their JSON answers list the outage
// (headless-json.md `outages`), where before `metrics --json` read like a quiet system's. One run reads on after the
// server is back (the outage has its `to`), one is stopped while it is down (no `to`, exit 1 as before).
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

describe.skipIf(skipReason)('the JSON answers of live runs through a Redis outage', () => {
	const temp = useTempDir('pubsub-redis-outages-json-');
	// Persistent, so the entries written before the kill are still there after it, as on a real server.
	const redis = useDedicatedRedis({persist: true});

	it('list the outage, ended or not, with the live run\'s times', async () => {
		const stream = uniqueName('it:outages-json');
		await addNumbered(redis.server.url, stream, 0, 50);
		const source = `${redis.server.url}?streams=${stream}`;
		const metrics = startCli(['metrics', '--source', source, '--from', 'earliest', '--json'], {cwd: temp.path});
		const state = startCli(['state', '--source', source, '--from', 'earliest', '--json'], {cwd: temp.path});
		const client = new Redis(redis.server.url);
		try {
			await expect.poll(async () => readers(client), {timeout: limit(60_000), message: 'both runs reading'}).toBe(2);
		} finally {
			client.disconnect();
		}

		const killedAt = Date.now();
		process.kill(redis.server.pid()!, 'SIGKILL');
		for (const run of [metrics, state]) await expect.poll(() => run.printed().stderr, {timeout: limit(30_000), message: 'the outage said'}).toContain('reading stopped (');
		// Stopped while the server is down: the outage never ended.
		state.child.kill('SIGINT');
		const cut = await state.exited;
		expect(cut.code, cut.stderr).toBe(1);
		const [open] = (JSON.parse(cut.stdout) as {outages: Outage[]}).outages;
		expect(open).toEqual({source: expect.stringContaining('redis://127.0.0.1:') as string, from: expect.any(String) as string, reason: expect.any(String) as string});
		expect(Date.parse(open!.from)).toBeGreaterThanOrEqual(killedAt);

		await redis.server.down();
		await redis.server.up();
		await addNumbered(redis.server.url, stream, 50, 50);
		await expect.poll(() => metrics.printed().stderr, {timeout: limit(60_000), message: 'reading again said'}).toContain('reading again after');
		metrics.child.kill('SIGINT');
		const ended = await metrics.exited;
		expect(ended.code, ended.stderr).toBe(0);
		const answer = JSON.parse(ended.stdout) as {events: number; outages: Outage[]};
		expect(answer.outages).toHaveLength(1);
		const [outage] = answer.outages;
		expect(outage).toEqual({source: open!.source, from: expect.any(String) as string, to: expect.any(String) as string, reason: expect.any(String) as string});
		// Said after a second, ended once the server answered again: at least the second it took to be said.
		expect(Date.parse(outage!.to!) - Date.parse(outage!.from)).toBeGreaterThanOrEqual(1000);
		expect(Date.parse(outage!.from)).toBeGreaterThanOrEqual(killedAt);
	}, limit(240_000));
});
