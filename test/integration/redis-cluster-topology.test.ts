// A Redis Cluster whose topology changes while it is read: a slot moved to another primary (ASK, then MOVED) and a
// primary stopped (its replica takes over) lose and double nothing, and the node down is named meanwhile; groups'
// lag is read on every node; `demo --publish` and `check` write through the cluster; with a password, every node is
// reached with it and it is never printed.
import path from 'node:path';
import calculateSlot from 'cluster-key-slot';
import {describe, expect, it, vi} from 'vitest';
import {redisStreamsSource} from '../../source/core/sources/redis/source.js';
import {runCli} from '../support/cli.js';
import {redisSkipReason} from '../support/redis.js';
import {nameOnPrimary, namesOnEachPrimary, useRedisCluster} from '../support/redis-cluster.js';
import {useTempDir} from '../support/temp-dir.js';
import {Reader} from './reader.js';
import {limit} from '../support/limits.js';
import {expectReadToNow, toNow} from '../support/read-to-now.js';

const skipReason = redisSkipReason({dedicated: true});
const temp = useTempDir('pubsub-redis-cluster-topology-');

/** The `n` of the events a reader read, sorted. */
const numbers = (reader: Reader) => reader.events.map(event => Number((event.value as {n: string}).n)).sort((a, b) => a - b);
const upTo = (count: number) => Array.from({length: count}, (_, n) => n);

describe.skipIf(skipReason)('Redis Cluster changing while read', () => {
	const clustered = useRedisCluster({replicas: true});
	const {node, add} = clustered;

	it('reads every entry once while a slot holding a stream moves to another primary', async () => {
		const streams = [nameOnPrimary('cl-move', 0), nameOnPrimary('cl-move', 1)];
		await add(streams, 0, 100);
		const reader = new Reader(redisStreamsSource(`${node(2)}?streams=${streams.join(',')}`, {from: 'earliest'}));
		await reader.waitFor(100);
		// Entries are written and read while the slot is half moved (the old node answers ASK), then after (MOVED).
		await clustered.cluster.moveSlot(calculateSlot(streams[0]!), 0, 1, async () => {
			await add(streams, 100, 50);
			await reader.waitFor(150);
		});
		await add(streams, 150, 50);
		await reader.waitFor(200);
		await reader.close();
		expect(numbers(reader)).toEqual(upTo(200));
	}, limit(120_000));

	it('reads the lag of groups on every primary', async () => {
		const streams = [nameOnPrimary('cl-lag', 1), nameOnPrimary('cl-lag', 2)];
		await add(streams, 0, 10);
		for (const stream of streams) await clustered.writer.xgroup('CREATE', stream, 'billing', '0');
		const reader = new Reader(redisStreamsSource(`${node(0)}?streams=${streams.join(',')}`, {from: 'earliest', lagIntervalMs: 200}));
		await reader.waitFor(10);
		await vi.waitFor(() => {
			expect(reader.source.health().lag?.map(({topic, group, lag}) => ({topic, group, lag})).sort((a, b) => a.topic.localeCompare(b.topic)))
				.toEqual(streams.map(topic => ({topic, group: 'billing', lag: 5})).sort((a, b) => a.topic.localeCompare(b.topic)));
		}, {timeout: limit(20_000), interval: 100});
		await reader.close();
	}, limit(60_000));

	it('publishes the demo through the cluster, and reads it all back', async () => {
		const published = await runCli(['demo', '--publish', node(1), '--duration', '3s'], {cwd: temp.path});
		expect(published.code, published.stderr).toBe(0);
		const total = Number(/published (\d+) events to /.exec(published.stderr)?.[1]);
		expect(total).toBeGreaterThan(20);
		const read = await runCli(['metrics', '--source', `${node(2)}?streams=orders.*,payment.*,inventory.*,customer.*,shipping.*`, '--from', 'earliest', ...toNow(), '--json'], {cwd: temp.path});
		expectReadToNow(read);
		const summary = JSON.parse(read.stdout) as {events: number; topics: Record<string, {count: number}>};
		expect(summary.events).toBe(total);
		// The demo's streams lie on more than one primary: what the test is about.
		const owners = new Set(Object.keys(summary.topics).map(topic => Math.floor(calculateSlot(topic) / 5461)));
		expect(owners.size).toBeGreaterThan(1);
		for (const [topic, {count}] of Object.entries(summary.topics)) expect(await clustered.writer.xlen(topic)).toBe(count);
	}, limit(120_000));

	it('checks the shipped live scenarios through the cluster', async () => {
		const scenarios = path.resolve(import.meta.dirname, '../../scenarios/ecommerce-live.yaml');
		const result = await runCli(['check', scenarios, '--source', `${node(0)}?streams=orders.*,payment.*,inventory.*,customer.*,shipping.*`], {cwd: temp.path});
		expect(result.stdout).toContain('2 scenarios: 2 passed, 0 failed, 0 skipped');
		expect(result.code).toBe(0);
	}, limit(120_000));

	it('says which node is down, and reads on from its replica once it has taken over', async () => {
		const streams = namesOnEachPrimary('cl-down');
		await add(streams, 0, 30);
		const reader = new Reader(redisStreamsSource(`${node(1)}?streams=${streams.join(',')}`, {from: 'earliest'}));
		await reader.waitFor(30);
		await clustered.cluster.inSync(0);
		const stopped = clustered.cluster.primaries[0]!;
		await stopped.down();
		await vi.waitFor(() => {
			const health = reader.source.health();
			expect(health.state).toBe('reconnecting');
			expect(health.error).toContain(`127.0.0.1:${stopped.port}`);
		}, {timeout: limit(30_000), interval: 50});
		// The replica takes over once the others take the primary for failed (cluster-node-timeout, 2 s here).
		await vi.waitFor(async () => {
			await clustered.writer.xadd(streams[0]!, '*', 'n', '30');
		}, {timeout: limit(60_000), interval: 500});
		await add(streams, 31, 29);
		await reader.waitFor(60);
		await reader.waitForState('connected', limit(30_000));
		await reader.close();
		expect(numbers(reader)).toEqual(upTo(60));
	}, limit(120_000));
});

describe.skipIf(skipReason)('Redis Cluster with a password, whose nodes then announce addresses not reached', () => {
	const password = 'cluster-S3cret@pw';
	const clustered = useRedisCluster({password, users: [
		{name: 'reader', password: 'reader-pw', rules: '-@all +@read +@connection +cluster|slots'},
		{name: 'bare', password: 'bare-pw'},
	]});

	it('reaches every node with the password given, and never prints it', async () => {
		const streams = namesOnEachPrimary('cl-auth');
		await clustered.add(streams, 0, 3);

		const source = `${clustered.node(2)}?streams=${streams.join(',')}`;
		const read = await runCli(['metrics', '--source', source, '--from', 'earliest', ...toNow(), '--json'], {cwd: temp.path, env: {REDIS_PASSWORD: password}});
		expectReadToNow(read);
		expect((JSON.parse(read.stdout) as {events: number}).events).toBe(3);
		const wrong = await runCli(['metrics', '--source', source.replace('redis://', `redis://:${encodeURIComponent(`${password}x`)}@`), '--from', 'earliest', '--duration', '4s', '--json'], {cwd: temp.path});
		expect(wrong.code).not.toBe(0);
		expect(wrong.stderr).toMatch(/authentication failed|WRONGPASS/);
		for (const output of [read.stdout, read.stderr, wrong.stdout, wrong.stderr]) {
			expect(output).not.toContain(password);
			expect(output).not.toContain(encodeURIComponent(password));
		}
	}, limit(60_000));

	it('reads as a least-privilege user that may run CLUSTER SLOTS but not INFO, and says what to allow to one that may not', async () => {
		const streams = namesOnEachPrimary('cl-acl');
		await clustered.add(streams, 0, 3);

		const node = `127.0.0.1:${clustered.cluster.primaries[1]!.port}`;
		const read = await runCli(['metrics', '--source', `redis://reader:reader-pw@${node}?streams=cl-acl-*`, '--from', 'earliest', ...toNow(), '--json'], {cwd: temp.path});
		expectReadToNow(read);
		expect((JSON.parse(read.stdout) as {events: number}).events).toBe(3);
		const bare = await runCli(['metrics', '--source', `redis://bare:bare-pw@${node}?streams=${streams.join(',')}`, '--from', 'earliest', '--duration', '4s', '--json'], {cwd: temp.path});
		expect(bare.code).toBe(1);
		expect(bare.stderr).toContain('this server is a Redis Cluster node, read whole once known as one (INFO, or CLUSTER SLOTS): let this user run CLUSTER SLOTS');
		expect(bare.stderr).not.toContain('bare-pw');
	}, limit(60_000));

	it('names a node announced under an address it cannot reach, and what to change', async () => {
		// The second and third primaries announce 127.0.0.2, where nothing listens (the servers bind 127.0.0.1).
		for (const index of [1, 2]) {
			const client = clustered.cluster.client(clustered.cluster.primaries[index]!);
			await client.config('SET', 'cluster-announce-ip', '127.0.0.2');
			client.disconnect();
		}

		const seed = clustered.cluster.client(clustered.cluster.primaries[0]!);
		try {
			await vi.waitFor(async () => expect(String(await seed.call('CLUSTER', 'NODES'))).toContain('127.0.0.2:'), {timeout: limit(30_000), interval: 200});
		} finally {
			seed.disconnect();
		}

		const read = await runCli(['metrics', '--source', `${clustered.node(0)}?streams=cl-announce`, '--duration', '5s', '--json'], {cwd: temp.path, env: {REDIS_PASSWORD: password}});
		expect(read.code).toBe(1);
		expect(read.stderr).toMatch(/cannot reach cluster node 127\.0\.0\.2:\d+, as the cluster announces it/);
		expect(read.stderr).toContain('cluster-announce-ip');
		expect(read.stderr).not.toContain(password);
	}, limit(60_000));
});

describe.skipIf(skipReason)('Redis Cluster over TLS', () => {
	const clustered = useRedisCluster({tls: true});

	it('reaches every node over TLS with the CA given, and says a CA not given', async () => {
		const streams = namesOnEachPrimary('cl-tls');
		await clustered.add(streams, 0, 3);
		const read = await runCli(['metrics', '--source', `${clustered.node(1)}&streams=${streams.join(',')}`, '--from', 'earliest', ...toNow(), '--json'], {cwd: temp.path});
		expectReadToNow(read);
		expect((JSON.parse(read.stdout) as {events: number}).events).toBe(3);
		const untrusted = await runCli(['metrics', '--source', `rediss://127.0.0.1:${clustered.cluster.primaries[1]!.port}?streams=${streams.join(',')}`, '--duration', '4s', '--json'], {cwd: temp.path});
		expect(untrusted.code).toBe(1);
		expect(untrusted.stderr).toContain('give its CA with ?ca=FILE');
	}, limit(60_000));
});
