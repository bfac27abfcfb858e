// A real Redis Cluster for tests: redis-server nodes on free loopback ports (scripts/redis-server.ts), three primaries
// sharing the 16,384 slots as `redis-cli --cluster create` splits them, optionally one replica each; stopped after.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import calculateSlot from 'cluster-key-slot';
import {Cluster, Redis, type RedisOptions} from 'ioredis';
import {afterAll, beforeAll} from 'vitest';
import {makeTestCertificates, startRedisServer, type RedisServer, type RedisServerOptions} from '../../scripts/redis-server.js';
import {uniqueName} from './unique-name.js';
import {limit} from './limits.js';

/** A running test cluster. */
export type TestRedisCluster = {
	/** The primaries in slot order: the first holds slots 0–5460, the second 5461–10922, the third 10923–16383. */
	primaries: RedisServer[];
	/** With `replicas`: replicas[i] replicates primaries[i]. */
	replicas: RedisServer[];
	/** With `tls`: the CA every node's certificate is signed by. */
	caFile?: string;
	/** How a client reaches a node: password, TLS. */
	clientOptions: RedisOptions;
	/** A client of one node (its own connection; the caller disconnects it). */
	client(node: RedisServer): Redis;
	/** Make replicas[index] the primary of its slots (CLUSTER FAILOVER, no entry lost) and wait until every node agrees. */
	failover(index: number): Promise<void>;
	/**
	 * Move `slot` and its keys from primaries[from] to primaries[to] as `redis-cli --cluster reshard` does: the keys
	 * migrated while the slot is MIGRATING (clients are sent on with ASK), `between` run then, and the slot given to
	 * its new node (MOVED from then on).
	 */
	moveSlot(slot: number, from: number, to: number, between?: () => Promise<void>): Promise<void>;
	/** Wait until replicas[index] has everything its primary has (replication is asynchronous). */
	inSync(index: number): Promise<void>;
	/** Stop every node and remove their data. */
	stop(): Promise<void>;
};

const slotRanges = [[0, 5460], [5461, 10_922], [10_923, 16_383]] as const;

/** Options of a test cluster. */
type ClusterOptions = Pick<RedisServerOptions, 'password' | 'users'> & {replicas?: boolean; tls?: boolean};

/** A new stream name starting `prefix` whose slot the test cluster gives to primaries[index] (before any slot moves). */
export function nameOnPrimary(prefix: string, index: number): string {
	const [from, to] = slotRanges[index]!;
	for (;;) {
		const name = uniqueName(prefix);
		const slot = calculateSlot(name);
		if (slot >= from && slot <= to) return name;
	}
}

/** One new stream name starting `prefix` on each primary, in their order. */
export function namesOnEachPrimary(prefix: string): string[] {
	return slotRanges.map((_, index) => nameOnPrimary(prefix, index));
}

/**
 * Register the hooks of tests on a cluster of their own: started before them, stopped after them, with a cluster
 * client that writes to it (`add`). The fields are set before the tests run.
 */
export function useRedisCluster(options: ClusterOptions = {}): {
	cluster: TestRedisCluster;
	/** `redis://127.0.0.1:PORT` of primaries[index] (no credentials; with TLS `rediss://127.0.0.1:PORT?ca=FILE`). */
	node(index: number): string;
	/** XADD `n` = first … first+count−1 over `streams` in turn. */
	add(streams: string[], first: number, count: number): Promise<void>;
	writer: Cluster;
} {
	const use = {
		cluster: undefined as unknown as TestRedisCluster,
		writer: undefined as unknown as Cluster,
		node: (index: number) => use.cluster.primaries[index]!.url,
		async add(streams: string[], first: number, count: number) {
			for (let n = first; n < first + count; n++) await use.writer.xadd(streams[n % streams.length]!, '*', 'n', String(n));
		},
	};
	beforeAll(async () => {
		use.cluster = await startRedisCluster(options);
		use.writer = new Cluster([{host: '127.0.0.1', port: use.cluster.primaries[0]!.port}], {redisOptions: use.cluster.clientOptions});
	}, limit(120_000));
	afterAll(async () => {
		use.writer?.disconnect();
		await use.cluster?.stop();
	});
	return use;
}

/** Resolves once `check` is true, polling; fails after `timeoutMs` saying `what`. */
async function until(what: string, check: () => Promise<boolean>, timeoutMs = limit(60_000)): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!await check()) {
		if (Date.now() > deadline) throw new Error(`test cluster: ${what} not within ${timeoutMs / 1000} s`);
		await new Promise(resolve => setTimeout(resolve, 100));
	}
}

/** Start a cluster of three primaries (and a replica of each with `replicas`); resolves once every node says it is ok. */
export async function startRedisCluster(options: ClusterOptions = {}): Promise<TestRedisCluster> {
	const nodes: RedisServer[] = [];
	const clients: Redis[] = [];
	const certificatesDir = options.tls ? fs.mkdtempSync(path.join(os.tmpdir(), 'pubsub-tools-cluster-ca-')) : undefined;
	const certificates = certificatesDir === undefined ? undefined : makeTestCertificates(certificatesDir);
	const clientOptions: RedisOptions = {password: options.password, tls: certificates && {ca: fs.readFileSync(certificates.caFile)}};
	const client = (node: RedisServer) => {
		const made = new Redis({...clientOptions, host: '127.0.0.1', port: node.port, lazyConnect: true});
		made.on('error', () => undefined);
		return made;
	};

	const stop = async () => {
		for (const made of clients) made.disconnect();
		await Promise.all(nodes.map(async node => node.stop()));
		if (certificatesDir) fs.rmSync(certificatesDir, {recursive: true, force: true});
	};

	try {
		for (let index = 0; index < (options.replicas ? 6 : 3); index++) nodes.push(await startRedisServer({cluster: true, password: options.password, users: options.users, tls: certificates}));
		clients.push(...nodes.map(node => client(node)));
		const [first] = clients;
		await Promise.all(slotRanges.map(async ([from, to], index) => clients[index]!.call('CLUSTER', 'ADDSLOTSRANGE', from, to)));
		for (const node of nodes.slice(1)) await first!.call('CLUSTER', 'MEET', '127.0.0.1', node.port, node.clusterPort!);
		const ids = await Promise.all(clients.map(async made => String(await made.call('CLUSTER', 'MYID'))));
		const knowsAll = async (made: Redis) => String(await made.call('CLUSTER', 'NODES')).trim().split('\n').length === nodes.length;
		await until('every node knowing the others', async () => (await Promise.all(clients.map(knowsAll))).every(Boolean));
		if (options.replicas) await Promise.all([3, 4, 5].map(async index => clients[index]!.call('CLUSTER', 'REPLICATE', ids[index - 3]!)));
		await until('cluster_state:ok on every node', async () => (await Promise.all(clients.map(async made => made.call('CLUSTER', 'INFO'))))
			.every(info => String(info).includes('cluster_state:ok')));
	} catch (error) {
		await stop();
		throw error;
	}

	const primaries = nodes.slice(0, 3);
	const replicas = nodes.slice(3);
	const clientOf = (node: RedisServer) => clients[nodes.indexOf(node)]!;
	const idOf = async (node: RedisServer) => String(await clientOf(node).call('CLUSTER', 'MYID'));
	const offset = async (node: RedisServer) => Number(/master_repl_offset:(\d+)/.exec(await clientOf(node).info('replication'))?.[1]);
	return {
		primaries,
		replicas,
		caFile: certificates?.caFile,
		clientOptions,
		client,
		async inSync(index) {
			await until('the replica in sync', async () => /master_link_status:up/.test(await clientOf(replicas[index]!).info('replication'))
				&& await offset(replicas[index]!) === await offset(primaries[index]!));
		},
		async moveSlot(slot, from, to, between) {
			const [source, target] = [primaries[from]!, primaries[to]!];
			const [sourceId, targetId] = [await idOf(source), await idOf(target)];
			await clientOf(target).call('CLUSTER', 'SETSLOT', slot, 'IMPORTING', sourceId);
			await clientOf(source).call('CLUSTER', 'SETSLOT', slot, 'MIGRATING', targetId);
			for (;;) {
				const keys = await clientOf(source).call('CLUSTER', 'GETKEYSINSLOT', slot, 100) as string[];
				if (keys.length === 0) break;
				await clientOf(source).call('MIGRATE', '127.0.0.1', target.port, '', 0, 5000, ...options.password ? ['AUTH', options.password] : [], 'KEYS', ...keys);
			}

			await between?.();
			for (const node of [target, source, ...primaries.filter(other => other !== source && other !== target)]) await clientOf(node).call('CLUSTER', 'SETSLOT', slot, 'NODE', targetId);
		},
		async failover(index) {
			const replica = clientOf(replicas[index]!);
			// CLUSTER FAILOVER (not FORCE) waits for the replica to have all its primary has before it takes over.
			await replica.call('CLUSTER', 'FAILOVER');
			const id = String(await replica.call('CLUSTER', 'MYID'));
			await until('every node seeing the new primary', async () => (await Promise.all(clients.map(async made => made.call('CLUSTER', 'NODES'))))
				.every(text => String(text).split('\n').some(line => line.startsWith(id) && / master /.test(line.replace('myself,', '')))));
			[primaries[index], replicas[index]] = [replicas[index]!, primaries[index]!];
		},
		stop,
	};
}
