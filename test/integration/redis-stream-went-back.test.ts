// A Redis stream deleted and written again with ids lower than where the monitor is (explicit ids, a backfill, a
// server replaced or flushed): its new entries are read from its start and stored, though the same ids were stored
// before, and the run says so at its end; entries trimmed away before a resumed run read them are said too. The CLI
// as a subprocess on a real Redis.
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli, startCli, type RunningCli} from '../support/cli.js';
import {redisSkipReason, useRedis} from '../support/redis.js';
import {useTempDir} from '../support/temp-dir.js';
import {uniqueName} from './reader.js';
import {backstopDuration, limit} from '../support/limits.js';
import {expectReadToNow, toNow} from '../support/read-to-now.js';
import {stoppedByCtrlC, watchReads, type ReadWatch} from '../support/redis-reads.js';

describe.skipIf(redisSkipReason())('Redis: a stream whose ids went back', () => {
	const server = useRedis();
	const temp = useTempDir('pubsub-went-back-');

	/** XADD entries at ids `n-1` for each n, tagged with the stream's life, each its own content (no redelivery). */
	const add = async (stream: string, life: string, numbers: number[]) => {
		for (const n of numbers) await server.client.xadd(stream, `${n}-1`, 'data', JSON.stringify({eventType: 'Ping', life, n}));
	};

	/** `metrics --json` over `stream` up to its last entry, into the store at `dataDir`: what it read, and what it said. */
	const metrics = async (stream: string, dataDir: string) => {
		const result = await runCli(['metrics', '--source', `${server.url}?streams=${stream}`, '--from', 'earliest', ...toNow(), '--data-dir', dataDir, '--json'], {cwd: temp.path});
		expectReadToNow(result);
		const {events, readTwice} = JSON.parse(result.stdout) as {events: number; readTwice: number};
		return {events, readTwice, stderr: result.stderr};
	};

	/** `record -o -` live on `stream` (from its start), until the test ends it. */
	const record = (stream: string) => startCli(['record', '--source', `${server.url}?streams=${stream}`, '--from', 'earliest', '--duration', backstopDuration(30), '-o', '-'], {cwd: temp.path});

	/**
	 * Once a discovery has asked for `stream` (TYPE), delete it and make it again with lower ids (1-1 to 4-1), then
	 * watch what the run sends next about it: an XREAD that reads it from its start, or the next discovery (5 s after
	 * the last, against a look each second). What came first, and no more: the order tested, not a time a loaded
	 * machine may not keep.
	 */
	const madeAgainBeforeDiscovery = async (watch: ReadWatch, stream: string, running: RunningCli) => {
		const names = (args: string[]) => args.includes(stream);
		await Promise.race([watch.sent(args => args[0]?.toUpperCase() === 'TYPE' && names(args)), running.exited]);
		// Within one discovery interval: the stream is never seen gone, only behind.
		await server.client.del(stream);
		await add(stream, 'new', [1, 2, 3, 4]);
		const seen: string[] = [];
		const fromStart = (args: string[]) => {
			const at = args.findIndex(arg => arg.toUpperCase() === 'STREAMS');
			const named = args.slice(at + 1);
			const index = named.indexOf(stream);
			return args[0]?.toUpperCase() === 'XREAD' && at > 0 && index >= 0 && index < named.length / 2 && /^0(-0)?$/.test(named[(named.length / 2) + index]!);
		};

		await Promise.race([watch.sent(args => {
			if (args[0]?.toUpperCase() === 'TYPE' && names(args)) seen.push('discovery');
			else if (fromStart(args)) seen.push('read from its start');
			return seen.length > 0;
		}), running.exited]);
		return seen;
	};

	/** The lives and numbers of the entries a recording holds, in its order. */
	const recorded = (stdout: string) => stdout.split('\n').filter(line => line.includes('"life"')).map(line => {
		const {data} = (JSON.parse(line) as {value: {data: {life: string; n: number}}}).value;
		return `${data.life}${data.n}`;
	});

	it('live: a stream made again below the position read is read again from its start, and said at the end', async () => {
		const stream = uniqueName('it:went-back');
		await add(stream, 'old', [101, 102, 103]);
		const watch = await watchReads(server.client);
		const running = record(stream);
		try {
			await running.waitForOutput('"life":"old","n":103');
			// Read again at the next idle look (each second), not at a discovery (5 s, measured 10 s before).
			expect(await madeAgainBeforeDiscovery(watch, stream, running)).toEqual(['read from its start']);
		} finally {
			watch.stop();
		}

		await running.waitForOutput('"life":"new","n":4');
		running.child.kill('SIGINT');
		const result = await running.exited;
		expect(recorded(result.stdout)).toEqual(['old101', 'old102', 'old103', 'new1', 'new2', 'new3', 'new4']);
		expect(result.stderr).toContain(`pubsub-tools: warning: ${server.url}?streams=${stream}: ids of stream ${stream} went back from 103-1 to 4-1 (deleted and made again, or the server restored from an older copy?): the 3 entries stored after 4-1 are gone from it; its 4 entries up to 4-1 read again from its start, those already read (same id and content) not counted again\n`);
	}, limit(60_000));

	it('live: a stream made again below the position read while another gives entries is read again promptly, the other read once each', async () => {
		const [stream, busy] = [uniqueName('it:back-busy'), uniqueName('it:busy')];
		await add(stream, 'old', [101, 102, 103]);
		const watch = await watchReads(server.client);
		const running = record(`${stream},${busy}`);
		await running.waitForOutput('"life":"old","n":103');
		// The other stream gives an entry every 50 ms: XREADs never wait out their block, and are sent ahead of the reads.
		let written = 0;
		const writing = setInterval(() => void server.client.xadd(busy, '*', 'data', JSON.stringify({eventType: 'Ping', life: 'busy', n: ++written})), 50);
		try {
			await running.waitForOutput('"life":"busy","n":10}');
			expect(await madeAgainBeforeDiscovery(watch, stream, running)).toEqual(['read from its start']);
			await running.waitForOutput('"life":"new","n":4');
		} finally {
			clearInterval(writing);
			watch.stop();
		}

		await running.waitForOutput(`"life":"busy","n":${written}}`);
		running.child.kill('SIGINT');
		const result = await running.exited;
		const lives = recorded(result.stdout);
		expect(lives.filter(life => !life.startsWith('busy'))).toEqual(['old101', 'old102', 'old103', 'new1', 'new2', 'new3', 'new4']);
		expect(lives.filter(life => life.startsWith('busy'))).toEqual(Array.from({length: written}, (_, index) => `busy${index + 1}`));
	}, limit(60_000));

	for (const [how, selection] of [['named', (stream: string) => stream], ['matched by a pattern', (stream: string) => `${stream}*`]] as const) {
		it(`live, ${how}: a stream seen gone and made again with ids read before has its entries stored, not taken for read twice`, async () => {
			const stream = uniqueName('it:gone-back');
			await add(stream, 'old', [1, 2, 3]);
			const watch = await watchReads(server.client);
			const running = record(selection(stream));
			try {
				await running.waitForOutput('"life":"old","n":3');
				await server.client.del(stream);
				// A discovery (every 5 s) that asks after the delete (TYPE of the name, SCAN of the pattern) finds the stream
				// gone before it is made again: waited for on the server, not for 6 s that a loaded machine may not use so.
				await Promise.race([watch.sent(args => ['TYPE', 'SCAN'].includes(args[0]!.toUpperCase()) && args.includes(selection(stream))), running.exited]);
			} finally {
				watch.stop();
			}

			await add(stream, 'new', [1, 2, 3, 4]);
			await running.waitForOutput('"life":"new","n":4');
			running.child.kill('SIGINT');
			const result = await running.exited;
			expect(recorded(result.stdout)).toEqual(['old1', 'old2', 'old3', 'new1', 'new2', 'new3', 'new4']);
			expect(result.stderr).toContain(`stream ${stream} was deleted and made again since it was last read: its new entries were read from its start\n`);
		}, limit(60_000));
	}

	it('live: a stream started at a time after its last entry (--from) is not taken for one whose ids went back', async () => {
		const stream = uniqueName('it:from-time');
		await add(stream, 'old', [1, 2, 3]);
		const watch = await watchReads(server.client);
		// The start, 2020-…-max, is past the last id, 3-1, and nothing comes: the stream is idle, looked at each second.
		// The run is stopped once a discovery after the first (5 s on) has asked for the stream (TYPE) and an XREAD
		// followed it, not after a --duration a loaded machine may spend starting: by then it was looked at as idle.
		let discoveries = 0;
		const running = startCli(['metrics', '--source', `${server.url}?streams=${stream}`, '--from', '2020-01-01T00:00:00Z', '--duration', backstopDuration(100), '--json'], {cwd: temp.path});
		try {
			const sentFor = (command: string) => (args: string[]) => args[0]?.toUpperCase() === command && args.includes(stream);
			await Promise.race([watch.sent(args => sentFor('TYPE')(args) && ++discoveries === 2), running.exited]);
			await Promise.race([watch.sent(sentFor('XREAD')), running.exited]);
		} finally {
			watch.stop();
		}

		running.child.kill('SIGINT');
		const result = await running.exited;
		expect(discoveries, result.stderr).toBe(2);
		expect(result.stderr).not.toContain('went back');
		expect(result.code, result.stderr).toBe(0);
		expect(JSON.parse(result.stdout)).toMatchObject({events: 0});
		expect(result.stderr).toContain(stoppedByCtrlC(0));
	}, limit(60_000));

	it('live: entries trimmed (a capped stream, MAXLEN) or deleted (XDEL) before they were read are counted and said', async () => {
		const stream = uniqueName('it:capped');
		await add(stream, 'old', [1]);
		const running = record(stream);
		await running.waitForOutput('"life":"old","n":1');
		// Faster than any reader: 500 entries into a stream capped at 10, atomically, so 490 are gone before a read.
		const burst = server.client.multi();
		for (let n = 2; n <= 501; n++) burst.xadd(stream, 'MAXLEN', 10, `${n}-1`, 'data', JSON.stringify({eventType: 'Ping', life: 'burst', n}));
		await burst.exec();
		await running.waitForOutput('"life":"burst","n":501');
		// Two of three entries deleted before a read.
		await server.client.multi().xadd(stream, '502-1', 'data', '{}').xadd(stream, '503-1', 'data', '{}').xadd(stream, '504-1', 'data', '{}').xdel(stream, '502-1', '503-1').exec();
		await add(stream, 'end', [505]);
		await running.waitForOutput('"life":"end","n":505');
		running.child.kill('SIGINT');
		const result = await running.exited;
		const read = recorded(result.stdout).length + result.stdout.split('\n').filter(line => line.includes('"offset":"504-1"')).length;
		// 505 written: what was read and what is said deleted add up to them.
		expect(read).toBe(13);
		expect(result.stderr).toContain(`pubsub-tools: warning: ${server.url}?streams=${stream}: 492 entries of stream ${stream} were deleted (XTRIM, MAXLEN or XDEL) before they were read\n`);
	}, limit(60_000));

	it('resumed: a stream made again between runs below the position saved is read from its start, its new entries stored, the other stream not counted again', async () => {
		const [stream, other] = [uniqueName('it:resume-back'), uniqueName('it:resume-other')];
		const dataDir = path.join(temp.path, uniqueName('store'));
		await add(stream, 'old', [1, 2, 3, 4, 5]);
		await add(other, 'old', [1, 2]);
		expect(await metrics(`${stream},${other}`, dataDir)).toMatchObject({events: 7, readTwice: 0});
		await server.client.del(stream);
		await add(stream, 'new', [1, 2, 3]);
		const resumed = await metrics(`${stream},${other}`, dataDir);
		expect(resumed).toMatchObject({events: 3, readTwice: 0});
		expect(resumed.stderr).toContain(`ids of stream ${stream} went back from 5-1 to 3-1 (deleted and made again, or the server restored from an older copy?): the 2 entries stored after 3-1 are gone from it; its 3 entries up to 3-1 read again from its start, those already read (same id and content) not counted again\n`);
		await add(stream, 'new', [4]);
		const again = await metrics(`${stream},${other}`, dataDir);
		expect(again).toMatchObject({events: 1, readTwice: 0});
		expect(again.stderr).not.toContain('went back');
		// Another selection has no positions saved: both streams read from their start, every entry stored already
		// (the new life of the one made again, and the other stream).
		expect(await metrics(`${other},${stream}*`, dataDir)).toMatchObject({events: 0, readTwice: 6});
	}, limit(60_000));

	it('resumed: says which entries were trimmed or deleted before they were read', async () => {
		const [trimmed, deleted] = [uniqueName('it:trimmed'), uniqueName('it:deleted')];
		const dataDir = path.join(temp.path, uniqueName('store'));
		await add(trimmed, 'old', [1, 2, 3]);
		await add(deleted, 'old', [1, 2, 3]);
		expect(await metrics(`${trimmed},${deleted}`, dataDir)).toMatchObject({events: 6});
		await add(trimmed, 'old', [4, 5, 6, 7, 8, 9, 10]);
		await server.client.xtrim(trimmed, 'MAXLEN', 2);
		await add(deleted, 'old', [4, 5, 6]);
		await server.client.xdel(deleted, '5-1');
		const resumed = await metrics(`${trimmed},${deleted}`, dataDir);
		expect(resumed).toMatchObject({events: 4, readTwice: 0});
		expect(resumed.stderr).toContain(`stream ${trimmed} was trimmed past the position read (3-1): its first entry is 9-1, any entries between were deleted before they were read\n`);
		expect(resumed.stderr).toContain(`entries of stream ${deleted} after 3-1 (up to 5-1) were deleted (XDEL) before they were read\n`);
	}, limit(60_000));
});
