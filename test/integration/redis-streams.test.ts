// The Redis Streams source against a real server: exact round trips, resume, binary fields and stream names, start
// positions, stream discovery, and an application's consumer group left exactly as it was.
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {redisStreamsSource} from '../../source/core/sources/redis/source.js';
import {runCli, startCli} from '../support/cli.js';
import {redisSkipReason, useRedis} from '../support/redis.js';
import {watchReads} from '../support/redis-reads.js';
import {useTempDir} from '../support/temp-dir.js';
import {noMoreWithin, Reader, uniqueName} from './reader.js';
import {backstopDuration, limit} from '../support/limits.js';
import {expectReadToNow, toNow} from '../support/read-to-now.js';

const skipReason = redisSkipReason();

describe.skipIf(skipReason)('Redis Streams source', () => {
	const server = useRedis();
	const temp = useTempDir('pubsub-redis-streams-');

	const url = (streams: string) => `${server.url}?streams=${streams}`;
	const range = (first: number, count: number) => Array.from({length: count}, (_, index) => first + index);
	const numbers = (reader: Reader) => reader.events.map(event => Number((event.value as {n: string}).n)).sort((a, b) => a - b);

	/** XADD entries n = first … first+count−1 with a JSON `data` field and flat fields; returns their ids. */
	const add = async (stream: string, first: number, count: number) => {
		const pipeline = server.client.pipeline();
		for (const n of range(first, count)) {
			pipeline.xadd(stream, '*', 'type', 'OrderCreated', 'n', String(n), 'data', JSON.stringify({orderId: `ORD-${n}`, amount: n}));
		}

		return (await pipeline.exec())!.map(([, id]) => id as string);
	};

	it('delivers every entry exactly once, fields as an object with JSON fields parsed, time from the id', async () => {
		const stream = uniqueName('it:orders');
		const ids = await add(stream, 0, 300);
		const reader = new Reader(redisStreamsSource(url(stream), {from: 'earliest', count: 70}));
		await reader.waitFor(300);
		await noMoreWithin(500);
		await reader.close();

		expect(reader.events.map(event => event.offset)).toEqual(ids);
		expect(reader.events[7]).toMatchObject({
			source: 'redis',
			topic: stream,
			offset: ids[7],
			value: {type: 'OrderCreated', n: '7', data: {orderId: 'ORD-7', amount: 7}},
			valueEncoding: 'json',
			timestamp: Number(ids[7]!.split('-')[0]),
		});
		expect(reader.positions).toEqual({[stream]: ids.at(-1)});
		expect(reader.source.health()).toMatchObject({name: url(stream), state: 'stopped'});
	});

	it('says it is catching up while its reads come back full, and no longer once one is not', async () => {
		const stream = uniqueName('it:backlog');
		await add(stream, 0, 250);
		const source = redisStreamsSource(url(stream), {from: 'earliest', count: 100, blockMs: 200});
		const batches = source.batches()[Symbol.asyncIterator]();
		try {
			let read = 0;
			// Pulled one batch at a time: each full read of 100 says more waits; the last one (50) says the stream is read.
			const catchingUp: Array<boolean | undefined> = [];
			while (read < 250) {
				const {value} = await batches.next();
				read += value!.events.length;
				if (value!.events.length > 0) catchingUp.push(source.health().catchingUp);
			}

			expect(catchingUp).toEqual([true, true, false]);
		} finally {
			await source.close();
		}
	});

	it('resumes strictly after the saved entry ids', async () => {
		const stream = uniqueName('it:resume');
		await add(stream, 0, 100);
		const first = new Reader(redisStreamsSource(url(stream), {from: 'earliest', count: 30}));
		await first.waitFor(30);
		await first.close();
		const read = first.events.length;
		await add(stream, 100, 50);

		const second = new Reader(redisStreamsSource(url(stream), {from: 'latest'}), first.positions);
		await second.waitFor(150 - read);
		await noMoreWithin(500);
		await second.close();
		expect([...numbers(first), ...numbers(second)].sort((a, b) => a - b)).toEqual(range(0, 150));
	});

	it('keeps binary entries byte-exact: every field base64 when any field is not UTF-8', async () => {
		const stream = uniqueName('it:binary');
		const blob = Buffer.from([0xff, 0xfe, 0x00, 0x80, 0xc3, 0x28]);
		await server.client.xadd(stream, '*', 'type', 'Blob', 'payload', blob);
		await server.client.xadd(stream, '*', 'note', 'plain text', 'list', '[1,2]', 'number', '00123');
		const reader = new Reader(redisStreamsSource(url(stream), {from: 'earliest'}));
		await reader.waitFor(2);
		await reader.close();

		const [binary, text] = reader.events;
		expect(binary).toMatchObject({valueEncoding: 'base64', value: {type: Buffer.from('Blob').toString('base64'), payload: blob.toString('base64')}});
		expect(Buffer.from((binary!.value as {payload: string}).payload, 'base64').equals(blob)).toBe(true);
		expect(text).toMatchObject({valueEncoding: 'json', value: {note: 'plain text', list: [1, 2], number: '00123'}});
	});

	it('keeps every value of a field named more than once in an entry, in order, as an array', async () => {
		const stream = uniqueName('it:repeated');
		try {
			await server.client.xadd(stream, '*', 'type', 'Tagged', 'tag', 'a', 'data', '{"k":1}', 'tag', 'b', 'tag', '{"c":[2]}');
			await server.client.xadd(stream, '*', 'tag', 'a', 'tag', Buffer.from([0xff]));
			const reader = new Reader(redisStreamsSource(url(stream), {from: 'earliest'}));
			await reader.waitFor(2);
			await reader.close();

			const [text, binary] = reader.events;
			expect(text!.value).toEqual({type: 'Tagged', tag: ['a', 'b', {c: [2]}], data: {k: 1}});
			expect(text!.valueText).toEqual({text: '{"type":"Tagged","tag":["a","b",{"c":[2]}],"data":{"k":1}}'});
			expect(binary).toMatchObject({valueEncoding: 'base64', value: {tag: ['YQ==', '/w==']}});
		} finally {
			await server.client.del(stream);
		}
	});

	it('starts after the newest entry (latest) or at the first entry at or after an ISO time', async () => {
		const stream = uniqueName('it:from');
		const base = Date.now() - 3600_000;
		await server.client.xadd(stream, `${base}-0`, 'n', '0');
		await server.client.xadd(stream, `${base + 1000}-0`, 'n', '1');
		await server.client.xadd(stream, `${base + 1000}-1`, 'n', '2');
		await add(stream, 3, 2);

		const byTime = new Reader(redisStreamsSource(url(stream), {from: new Date(base + 1000).toISOString()}));
		await byTime.waitFor(4);
		await noMoreWithin(300);
		await byTime.close();
		expect(numbers(byTime)).toEqual([1, 2, 3, 4]);

		const latest = new Reader(redisStreamsSource(url(stream)));
		await latest.waitForState('connected');
		await add(stream, 5, 2);
		await latest.waitFor(2);
		await noMoreWithin(300);
		await latest.close();
		expect(numbers(latest)).toEqual([5, 6]);
	});

	it('reads streams matching a pattern, also ones created while running, and skips keys of other types', async () => {
		const prefix = uniqueName('it:events');
		await add(`${prefix}:a`, 0, 3);
		await server.client.set(`${prefix}:not-a-stream`, 'x');
		const reader = new Reader(redisStreamsSource(url(`${prefix}:*`), {from: 'earliest', discoveryIntervalMs: 200}));
		await reader.waitFor(3);
		await add(`${prefix}:b`, 3, 3);
		await reader.waitFor(6);
		await reader.close();
		expect(numbers(reader)).toEqual(range(0, 6));
		expect(new Set(reader.events.map(event => event.topic))).toEqual(new Set([`${prefix}:a`, `${prefix}:b`]));
	});

	it('reads streams whose names are not UTF-8 by their exact bytes, shown and resumed with \\xNN for those bytes', async () => {
		const prefix = uniqueName('it:bytes');
		const binary = Buffer.concat([Buffer.from(`${prefix}:`), Buffer.from([0xff, 0xc3]), Buffer.from('é')]);
		const shown = `${prefix}:\\xff\\xc3é`;
		const plain = `${prefix}:plain`;
		try {
			await server.client.xadd(binary, '*', 'n', '0');
			await server.client.xadd(plain, '*', 'n', '1');
			await server.client.xgroup('CREATE', binary, 'app', '0');
			const first = new Reader(redisStreamsSource(url(`${prefix}:*`), {from: 'earliest', lagIntervalMs: 100}));
			await first.waitFor(2, limit(10_000));
			await expect.poll(() => first.source.health().lag, {timeout: limit(10_000)}).toEqual([{group: 'app', topic: shown, lag: 1, pending: 0, consumers: []}]);
			await first.close();
			expect(first.events.map(event => [event.topic, (event.value as {n: string}).n]).sort()).toEqual([[shown, '0'], [plain, '1']]);
			expect(Object.keys(first.positions).sort()).toEqual([shown, plain]);

			// Resumed under the name shown: only the entry added since is read.
			await server.client.xadd(binary, '*', 'n', '2');
			const second = new Reader(redisStreamsSource(url(`${prefix}:*`), {from: 'earliest'}), first.positions);
			await second.waitFor(1, limit(10_000));
			await noMoreWithin(300);
			await second.close();
			expect(second.events.map(event => [event.topic, (event.value as {n: string}).n])).toEqual([[shown, '2']]);
		} finally {
			await server.client.del(binary, plain);
		}
	});

	it('says a stream it cannot tell from another by the name shown cannot be read, and reads the other', async () => {
		const prefix = uniqueName('it:alike');
		const binary = Buffer.concat([Buffer.from(`${prefix}:`), Buffer.from([0xff])]);
		const literal = `${prefix}:\\xff`;
		try {
			await server.client.xadd(binary, '*', 'n', '0');
			await server.client.xadd(literal, '*', 'n', '1');
			const reader = new Reader(redisStreamsSource(url(`${prefix}:*`), {from: 'earliest'}));
			await reader.waitFor(1, limit(10_000));
			await noMoreWithin(500);
			const health = reader.source.health();
			await reader.close();
			expect(reader.events.map(event => event.topic)).toEqual([literal]);
			const said = `a stream named "${literal}" cannot be read: another one, read instead, has a name shown the same (a byte that is not UTF-8 is shown as \\xNN)`;
			// A notice, said once whatever is read: not a remark on having nothing to read, nor a gap in what was read.
			expect(health.notices).toEqual([said]);
			expect(health.error).toBeUndefined();
			expect(health.gaps).toBeUndefined();
			// A headless run says it, though the other stream gave events.
			const run = await runCli(['metrics', '--source', url(`${prefix}:*`), '--from', 'earliest', ...toNow(), '--json', '--data-dir', path.join(temp.path, 'alike')], {cwd: temp.path});
			expectReadToNow(run);
			expect(run.stderr).toContain(`pubsub-tools: warning: ${url(`${prefix}:*`)}: ${said}`);
			expect((JSON.parse(run.stdout) as {events: number}).events).toBe(1);
		} finally {
			await server.client.del(binary, literal);
		}
	});

	it('says a named key that is not a stream, though the other streams gave events', async () => {
		const [stream, hash] = [uniqueName('it:read'), uniqueName('it:hash')];
		try {
			const [last] = await add(stream, 0, 1);
			await server.client.hset(hash, 'orderId', 'ORD-1');
			const source = url(`${stream},${hash}`);
			// Stopped by Ctrl-C once it read the stream's entry (a 2 s --duration read nothing under load).
			const watch = await watchReads(server.client);
			const running = startCli(['metrics', '--source', source, '--from', 'earliest', '--duration', backstopDuration(100), '--json', '--data-dir', path.join(temp.path, 'hash')], {cwd: temp.path});
			try {
				await Promise.race([watch.readPast({[stream]: last!}), running.exited]);
				running.child.kill('SIGINT');
			} finally {
				watch.stop();
			}

			const run = await running.exited;
			expect(run.stderr).toContain(`pubsub-tools: warning: ${source}: "${hash}" is a hash, not a stream`);
			expect((JSON.parse(run.stdout) as {events: number}).events).toBe(1);
		} finally {
			await server.client.del(stream, hash);
		}
	});

	it('says a named stream does not exist until its first entry is read, and no longer from then on', async () => {
		const [present, absent] = [uniqueName('it:present'), uniqueName('it:absent')];
		await add(present, 0, 1);
		// No discovery during the test: reading the first entry is what ends the remark.
		const reader = new Reader(redisStreamsSource(url(`${present},${absent}`), {from: 'earliest', discoveryIntervalMs: 60_000}));
		await reader.waitFor(1);
		expect(reader.source.health().error).toBe(`stream "${absent}" does not exist`);
		await add(absent, 1, 1);
		await reader.waitFor(2);
		const health = reader.source.health();
		await reader.close();
		expect(health.error).toBeUndefined();
	});

	it('reads next to an application consumer group without changing it, and reports its lag and pending', async () => {
		const stream = uniqueName('it:group');
		await add(stream, 0, 50);
		await server.client.xgroup('CREATE', stream, 'app', '0');
		const delivered = await server.client.xreadgroup('GROUP', 'app', 'worker-1', 'COUNT', 30, 'STREAMS', stream, '>') as Array<[string, Array<[string, string[]]>]>;
		const deliveredIds = delivered[0]![1].map(([id]) => id);
		await server.client.xack(stream, 'app', ...deliveredIds.slice(0, 20));

		// Times (idle, inactive, time since delivery) move by themselves; everything else must stay exactly as it was.
		const consumerFields = (flat: unknown[]) => Object.fromEntries(Array.from({length: flat.length / 2}, (_, index) => [String(flat[2 * index]), flat[2 * index + 1]])
			.filter(([name]) => name !== 'idle' && name !== 'inactive'));
		const snapshot = async () => ({
			groups: await server.client.call('XINFO', 'GROUPS', stream),
			consumers: ((await server.client.call('XINFO', 'CONSUMERS', stream, 'app')) as unknown[][]).map(consumerFields),
			pending: ((await server.client.xpending(stream, 'app', '-', '+', 100)) as unknown[][]).map(([id, consumer, , deliveries]) => [id, consumer, deliveries]),
		});
		const before = await snapshot();

		const reader = new Reader(redisStreamsSource(url(stream), {from: 'earliest', lagIntervalMs: 200}));
		await reader.waitFor(50);
		// Also long enough for the lag, read every 200 ms, to see worker-1 idle for 500 ms or more.
		await noMoreWithin(600);
		const {lag} = reader.source.health();
		await reader.close();

		expect(numbers(reader)).toEqual(range(0, 50));
		// The group's consumers with their pending entries and idle time, read with XINFO CONSUMERS.
		expect(lag).toEqual([{group: 'app', topic: stream, lag: 20, pending: 10, consumers: [{name: 'worker-1', pending: 10, idleMs: expect.any(Number)}]}]);
		expect(lag![0]!.consumers![0]!.idleMs).toBeGreaterThanOrEqual(500);
		expect(before.pending).toHaveLength(10);
		expect(await snapshot()).toEqual(before);
	});

	it('waits for an unreachable server, showing why, and closes promptly', async () => {
		const reader = new Reader(redisStreamsSource('redis://127.0.0.1:1?streams=x'));
		await expect.poll(() => reader.source.health(), {timeout: limit(10_000)}).toMatchObject({error: expect.any(String)});
		expect(reader.source.health()).toMatchObject({state: 'connecting', error: expect.stringMatching(/ECONNREFUSED/)});
		await reader.close();
		expect(reader.events).toEqual([]);
		expect(reader.source.health().state).toBe('stopped');
	});
});
