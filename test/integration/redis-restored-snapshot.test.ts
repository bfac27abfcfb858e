// A Redis server restored from an older copy of its data (a snapshot taken before the last entries were written):
// its streams' ids go back, and the entries they still hold are the ones already read. Those are not counted again
// (same stream, same entry id, same content); a stream made again with other entries under the same ids still is
// (redis-stream-went-back). The CLI as a subprocess on a server of the test's own, stopped and started from its dump.
import path from 'node:path';
import {Redis} from 'ioredis';
import {describe, expect, it} from 'vitest';
import {runCli, startCli, type RunningCli} from '../support/cli.js';
import {redisSkipReason, useDedicatedRedis} from '../support/redis.js';
import {useTempDir} from '../support/temp-dir.js';
import {uniqueName} from './reader.js';
import {backstopDuration, limit} from '../support/limits.js';
import {expectReadToNow, toNow} from '../support/read-to-now.js';
import {stoppedByCtrlC, watchReads, type ReadWatch} from '../support/redis-reads.js';

describe.skipIf(redisSkipReason({dedicated: true}))('Redis: a server restored from an older snapshot', () => {
	// No persistence of its own (save "", no append-only file): a start loads the last SAVE, and only that.
	const redis = useDedicatedRedis({}, server => new Redis(server.url));
	const temp = useTempDir('pubsub-restored-');

	/** XADD entries at ids `n-1`, each its own content. */
	const add = async (stream: string, numbers: number[]) => {
		for (const n of numbers) await redis.client.xadd(stream, `${n}-1`, 'data', JSON.stringify({eventType: 'Ping', n}));
	};

	/** Stop the server and start it again from its last SAVE. */
	const restore = async () => {
		await redis.server.down();
		await redis.server.up();
	};

	/** `metrics --json` of `stream` from its start, ended by `end`, into the store at `dataDir` when given. */
	const metricsArgs = (stream: string, end: string[], dataDir?: string) => ['metrics', '--source', `${redis.server.url}?streams=${stream}`, '--from', 'earliest', ...end, ...dataDir ? ['--data-dir', dataDir] : [], '--json'];
	/** A live run's backstop, well past the restore: 30 s, scaled. The test stops it once it has read the last entry. */
	const throughRestore = () => ['--duration', backstopDuration(30)];

	/** What a `--to now` run counted, and what it said: it must have ended by itself. */
	const readToNow = (result: {code: number | null; stdout: string; stderr: string}) => {
		expectReadToNow(result);
		return counted(result);
	};

	/** What a finished `metrics --json` counted, and what it said. */
	const counted = (result: {code: number | null; stdout: string; stderr: string}) => {
		expect(result.code, result.stderr).toBe(0);
		const {events, readTwice} = JSON.parse(result.stdout) as {events: number; readTwice: number};
		return {events, readTwice, stderr: result.stderr};
	};

	/** A live run on `stream` (entries 1-1 to 15-1), once it has read them all: its XREAD asks for those after 15-1. */
	const startReadingAll = async (stream: string) => {
		const watch = await watchReads(redis.client);
		const running = startCli(metricsArgs(stream, throughRestore()), {cwd: temp.path});
		try {
			await Promise.race([watch.readPast({[stream]: '15-1'}), running.exited]);
		} finally {
			watch.stop();
		}

		return running;
	};

	/**
	 * What the live `running` on `stream` counted: `writeLast` (given a watch on the server) writes entry 16-1, and the
	 * run is stopped with SIGINT once it asks for the entries after it. It must have ended by that stop, not its backstop.
	 */
	const countedOnceAllRead = async (running: RunningCli, stream: string, writeLast: (watch: ReadWatch) => Promise<void>) => {
		const watch = await watchReads(redis.client);
		try {
			await writeLast(watch);
			await Promise.race([watch.readPast({[stream]: '16-1'}), running.exited]);
		} finally {
			watch.stop();
		}

		running.child.kill('SIGINT');
		const result = counted(await running.exited);
		// Every entry it read once: 1-1 to 15-1, then 16-1 after the restore; 1-1 to 10-1 read again are read twice, not counted again.
		expect(result.stderr).toContain(stoppedByCtrlC(15 + 1));
		return result;
	};

	it('live: the entries still held are not counted again, the next one is', async () => {
		const stream = uniqueName('it:restored');
		await add(stream, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
		await redis.client.save();
		await add(stream, [11, 12, 13, 14, 15]);
		const running = await startReadingAll(stream);
		redis.client.disconnect();
		await restore();
		redis.client = new Redis(redis.server.url);
		expect(await redis.client.xlen(stream)).toBe(10);
		// The source finds the ids went back before the next entry comes: at its next look at the idle stream (XINFO
		// STREAM, each second), seen on the server, not after 3 s that a loaded machine may not use so.
		const result = await countedOnceAllRead(running, stream, async watch => {
			await Promise.race([watch.sent(args => args[0]!.toUpperCase() === 'XINFO' && args.includes(stream)), running.exited]);
			await add(stream, [16]);
		});
		expect(result).toMatchObject({events: 16, readTwice: 10});
		expect(result.stderr).toContain(`ids of stream ${stream} went back from 15-1 to 10-1 (deleted and made again, or the server restored from an older copy?): the 5 entries stored after 10-1 are gone from it; its 10 entries up to 10-1 read again from its start, those already read (same id and content) not counted again\n`);
	}, limit(60_000));

	/** What is said of `stream` restored to 10-1 from 15-1, then given 16-1 before the source looked at it again. */
	const wentBackAndWrittenPast = (stream: string) => `ids of stream ${stream} went back from 15-1 to 10-1 (deleted and made again, or the server restored from an older copy?), then written past 15-1 again: the 5 entries stored after 10-1 are gone from it; its 10 entries up to 10-1 read again from its start, those already read (same id and content) not counted again; the entries written since read as new\n`;

	it('live: written again as soon as it is back, the entries gone are said, the new one read and the rest not counted again', async () => {
		const stream = uniqueName('it:restored-written');
		await add(stream, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
		await redis.client.save();
		await add(stream, [11, 12, 13, 14, 15]);
		const running = await startReadingAll(stream);
		redis.client.disconnect();
		await restore();
		redis.client = new Redis(redis.server.url);
		// At once: the source's next look (a reconnection, each idle second) finds the stream written past 15-1 again.
		const result = await countedOnceAllRead(running, stream, async () => add(stream, [16]));
		expect(result).toMatchObject({events: 16, readTwice: 10});
		expect(result.stderr).toContain(wentBackAndWrittenPast(stream));
	}, limit(60_000));

	it('resumed: written again before the next run, the entries gone are said, the new one read and the rest not counted again', async () => {
		const stream = uniqueName('it:restored-written-resume');
		const dataDir = path.join(temp.path, uniqueName('store'));
		await add(stream, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
		await redis.client.save();
		await add(stream, [11, 12, 13, 14, 15]);
		expect(readToNow(await runCli(metricsArgs(stream, toNow(), dataDir), {cwd: temp.path}))).toMatchObject({events: 15, readTwice: 0});
		redis.client.disconnect();
		await restore();
		redis.client = new Redis(redis.server.url);
		await add(stream, [16]);
		const resumed = readToNow(await runCli(metricsArgs(stream, toNow(), dataDir), {cwd: temp.path}));
		expect(resumed).toMatchObject({events: 1, readTwice: 10});
		expect(resumed.stderr).toContain(wentBackAndWrittenPast(stream));
	}, limit(60_000));

	it('resumed: the entries still held are not counted again, the next one is', async () => {
		const stream = uniqueName('it:restored-resume');
		const dataDir = path.join(temp.path, uniqueName('store'));
		await add(stream, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
		await redis.client.save();
		await add(stream, [11, 12, 13, 14, 15]);
		expect(readToNow(await runCli(metricsArgs(stream, toNow(), dataDir), {cwd: temp.path}))).toMatchObject({events: 15, readTwice: 0});
		redis.client.disconnect();
		await restore();
		redis.client = new Redis(redis.server.url);
		const resumed = readToNow(await runCli(metricsArgs(stream, toNow(), dataDir), {cwd: temp.path}));
		expect(resumed).toMatchObject({events: 0, readTwice: 10});
		expect(resumed.stderr).toContain(`ids of stream ${stream} went back from 15-1 to 10-1 (deleted and made again, or the server restored from an older copy?): the 5 entries stored after 10-1 are gone from it; its 10 entries up to 10-1 read again from its start, those already read (same id and content) not counted again\n`);
		await add(stream, [16]);
		expect(readToNow(await runCli(metricsArgs(stream, toNow(), dataDir), {cwd: temp.path}))).toMatchObject({events: 1, readTwice: 0});
	}, limit(60_000));
});
