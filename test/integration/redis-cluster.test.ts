// A Redis Cluster given by the address of one node, as `redis-cli -c` takes it: the streams of every primary are
// found and read, explicit streams of other nodes' slots are read (not refused with MOVED), a failover in the middle
// of a read loses and doubles nothing, and a second run given another node's address resumes the first one's positions.
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it, vi} from 'vitest';
import {runCli, startCli} from '../support/cli.js';
import {redisSkipReason} from '../support/redis.js';
import {namesOnEachPrimary, useRedisCluster} from '../support/redis-cluster.js';
import {useTempDir} from '../support/temp-dir.js';
import {uniqueName} from './reader.js';
import {recordedEvents} from '../support/recording-lines.js';
import {backstopDuration, limit} from '../support/limits.js';
import {expectReadToNow, toNow} from '../support/read-to-now.js';

const skipReason = redisSkipReason({dedicated: true});
const temp = useTempDir('pubsub-redis-cluster-');

/** The `n` of each event line of a recording. */
function recordedNumbers(file: string): number[] {
	return recordedEvents<{value: {n: string}}>(file).map(line => Number(line.value.n));
}

describe.skipIf(skipReason)('Redis Cluster, given one node', () => {
	const clustered = useRedisCluster({replicas: true});
	const {node, add} = clustered;

	it('finds and reads the streams of every primary, all of them or those a pattern selects', async () => {
		const streams = namesOnEachPrimary('cl-find');
		await add(streams, 0, 3);
		const metrics = async (source: string) => {
			const result = await runCli(['metrics', '--source', source, '--from', 'earliest', ...toNow(), '--json'], {cwd: temp.path});
			expectReadToNow(result);
			return JSON.parse(result.stdout) as {events: number; topics: Record<string, {count: number}>};
		};

		const selected = await metrics(`${node(0)}?streams=cl-find-*`);
		expect(selected.events).toBe(3);
		expect(Object.keys(selected.topics).sort()).toEqual([...streams].sort());
		// Without a selection, as in `redis-cli -c`: every stream (other tests' too, on this cluster).
		const all = await metrics(node(0));
		for (const stream of streams) expect(all.topics[stream]?.count).toBe(1);
	}, limit(60_000));

	it('finds streams made on other primaries while it runs', async () => {
		const streams = namesOnEachPrimary('cl-later');
		await add(streams.slice(0, 1), 0, 1);
		const file = path.join(temp.path, `${uniqueName('later')}.jsonl`);
		const running = startCli(['record', '--source', `${node(0)}?streams=cl-later-*`, '--from', 'earliest', '--count', '3', '--duration', backstopDuration(60), '-o', file], {cwd: temp.path});
		running.child.stdin.end();
		// Made once the run has read the first stream, so after it started: a fixed 3 s may not be, on a loaded machine.
		await vi.waitFor(() => {
			expect(fs.existsSync(file) ? recordedNumbers(file) : []).toEqual([0]);
		}, {timeout: limit(60_000), interval: 100});
		await add(streams.slice(1), 1, 2);
		const result = await running.exited;
		expect(result.stderr).toContain('recorded 3 events');
		expect(result.code).toBe(0);
		expect(recordedNumbers(file).sort((a, b) => a - b)).toEqual([0, 1, 2]);
	}, limit(90_000));

	it('reads the cluster once when one run is given two of its nodes', async () => {
		const streams = namesOnEachPrimary('cl-twice');
		await add(streams, 0, 3);
		const result = await runCli(['metrics', '--source', `${node(0)}?streams=cl-twice-*`, '--source', `${node(1)}?streams=cl-twice-*`, '--from', 'earliest', ...toNow(), '--json'], {cwd: temp.path});
		expectReadToNow(result);
		// Both sources read all 3 entries: the second read of each is read twice, not a second event (nor a hop).
		expect(JSON.parse(result.stdout)).toMatchObject({events: 3, readTwice: 3, edges: {}});
	}, limit(60_000));

	it('refuses a database other than 0 at once, saying a cluster has no other', async () => {
		const result = await runCli(['metrics', '--source', `${node(0)}/1?streams=cl-db`, '--duration', '20s', '--json'], {cwd: temp.path});
		expect(result.code).toBe(1);
		expect(result.stderr).toContain('is a Redis Cluster node: a cluster has database 0 only (leave the /1 out)');
	}, limit(60_000));

	it('reads streams named in the URL whatever node holds their slots', async () => {
		const streams = namesOnEachPrimary('cl-named');
		await add(streams, 0, 6);
		const file = path.join(temp.path, `${uniqueName('named')}.jsonl`);
		const result = await runCli(['record', '--source', `${node(1)}?streams=${streams.join(',')}`, '--from', 'earliest', '--count', '6', '--duration', backstopDuration(30), '-o', file], {cwd: temp.path});
		expect(result.stderr).toContain('recorded 6 events');
		expect(result.code).toBe(0);
		expect(recordedNumbers(file).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5]);
	}, limit(60_000));

	it('reads every entry once through a failover in the middle of a read', async () => {
		const streams = namesOnEachPrimary('cl-failover');
		await add(streams, 0, 150);
		const file = path.join(temp.path, `${uniqueName('failover')}.jsonl`);
		const running = startCli(['record', '--source', `${node(0)}?streams=cl-failover-*`, '--from', 'earliest', '--count', '300', '--duration', backstopDuration(120), '-o', file], {cwd: temp.path});
		running.child.stdin.end();
		// Once the first 150 are recorded, the second primary hands its slots to its replica while entries keep coming on all three.
		await vi.waitFor(() => {
			expect(fs.existsSync(file) ? recordedNumbers(file).length : 0).toBe(150);
		}, {timeout: limit(60_000), interval: 100});
		const failover = clustered.cluster.failover(1);
		await add(streams, 150, 150);
		await failover;
		const result = await running.exited;
		expect(result.stderr).toContain('recorded 300 events');
		expect(result.code).toBe(0);
		expect(recordedNumbers(file).sort((a, b) => a - b)).toEqual(Array.from({length: 300}, (_, n) => n));
	}, limit(180_000));

	it('resumes a run given another node of the same cluster where the first stopped', async () => {
		const streams = namesOnEachPrimary('cl-resume');
		const selection = `?streams=${streams.join(',')}`;
		const dataDir = path.join(temp.path, uniqueName('store'));
		// Ended where the streams ended (monitor reads on, to a --duration that a loaded machine may not read them in).
		const read = async (url: string, from: string) => {
			const result = await runCli(['metrics', '--source', url, '--from', from, ...toNow(), '--data-dir', dataDir, '--json'], {cwd: temp.path});
			expectReadToNow(result);
		};

		await add(streams, 0, 3);
		await read(`${node(0)}${selection}`, 'earliest');
		await add(streams, 3, 3);
		// From the latest, unless the positions of the first run are found: then the 3 entries in between are read.
		await read(`${node(2)}${selection}`, 'latest');
		const query = await runCli(['query', '--data-dir', dataDir, '--group-by', 'topic', '--json'], {cwd: temp.path});
		expect((JSON.parse(query.stdout) as {matched: number}).matched).toBe(6);
	}, limit(60_000));

	it('reads streams made again below the positions saved from their start, whatever primary holds them, and says so', async () => {
		const streams = namesOnEachPrimary('cl-back');
		const selection = `?streams=${streams.join(',')}`;
		const dataDir = path.join(temp.path, uniqueName('store'));
		const metrics = async (url: string) => {
			const result = await runCli(['metrics', '--source', url, '--from', 'earliest', ...toNow(), '--data-dir', dataDir, '--json'], {cwd: temp.path});
			expectReadToNow(result);
			return {...JSON.parse(result.stdout) as {events: number; readTwice: number}, stderr: result.stderr};
		};

		/** XADD at the explicit ids `n-1`, each entry its own `n`. */
		const addAt = async (stream: string, ids: number[], first: number) => {
			for (const [index, id] of ids.entries()) await clustered.writer.xadd(stream, `${id}-1`, 'n', String(first + index));
		};

		for (const [index, stream] of streams.entries()) await addAt(stream, [101, 102, 103], index * 10);
		expect(await metrics(`${node(0)}${selection}`)).toMatchObject({events: 9});
		for (const [index, stream] of streams.entries()) {
			await clustered.writer.del(stream);
			await addAt(stream, [1, 2], 100 + index * 10);
		}

		const resumed = await metrics(`${node(1)}${selection}`);
		expect(resumed).toMatchObject({events: 6, readTwice: 0});
		for (const stream of streams) expect(resumed.stderr).toContain(`ids of stream ${stream} went back from 103-1 to 2-1 (deleted and made again, or the server restored from an older copy?): the 3 entries stored after 2-1 are gone from it; its 2 entries up to 2-1 read again from its start, those already read (same id and content) not counted again\n`);
	}, limit(60_000));
});
