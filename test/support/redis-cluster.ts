// A real Redis Cluster for tests: redis-server nodes on free loopback ports (scripts/redis-server.ts), three primaries
// sharing the 16,384 slots as `redis-cli --cluster create` splits them, optionally one replica each; stopped after.
import {Redis} from 'ioredis';
import {startRedisServer, type RedisServer} from '../../scripts/redis-server.js';

/** A running test cluster. */
export type TestRedisCluster = {
	/** The primaries in slot order: the first holds slots 0–5460, the second 5461–10922, the third 10923–16383. */
	primaries: RedisServer[];
	/** With `replicas`: replicas[i] replicates primaries[i]. */
	replicas: RedisServer[];
	/** A client of one node (its own connection; the caller disconnects it). */
	client(node: RedisServer): Redis;
	/** Make replicas[index] the primary of its slots (CLUSTER FAILOVER, no entry lost) and wait until every node agrees. */
	failover(index: number): Promise<void>;
	/** Stop every node and remove their data. */
	stop(): Promise<void>;
};

const slotRanges = [[0, 5460], [5461, 10_922], [10_923, 16_383]] as const;

/** Resolves once `check` is true, polling; fails after `timeoutMs` saying `what`. */
async function until(what: string, check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!await check()) {
		if (Date.now() > deadline) throw new Error(`test cluster: ${what} not within ${timeoutMs / 1000} s`);
		await new Promise(resolve => setTimeout(resolve, 100));
	}
}

/** Start a cluster of three primaries (and a replica of each with `replicas`); resolves once every node says it is ok. */
export async function startRedisCluster(options: {replicas?: boolean; password?: string} = {}): Promise<TestRedisCluster> {
	const nodes: RedisServer[] = [];
	const clients: Redis[] = [];
	const client = (node: RedisServer) => {
		const made = new Redis({host: '127.0.0.1', port: node.port, password: options.password, lazyConnect: true});
		made.on('error', () => undefined);
		return made;
	};

	const stop = async () => {
		for (const made of clients) made.disconnect();
		await Promise.all(nodes.map(async node => node.stop()));
	};

	try {
		for (let index = 0; index < (options.replicas ? 6 : 3); index++) nodes.push(await startRedisServer({cluster: true, password: options.password}));
		clients.push(...nodes.map(node => client(node)));
		const [first] = clients;
		await Promise.all(slotRanges.map(async ([from, to], index) => clients[index]!.call('CLUSTER', 'ADDSLOTSRANGE', from, to)));
		for (const node of nodes.slice(1)) await first!.call('CLUSTER', 'MEET', '127.0.0.1', node.port);
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
	return {
		primaries,
		replicas,
		client,
		async failover(index) {
			const replica = clients[3 + index]!;
			// The replica must have caught up with its primary before it can take over without losing anything.
			await until('the replica in sync', async () => /master_link_status:up/.test(await replica.info('replication')));
			await replica.call('CLUSTER', 'FAILOVER');
			const id = String(await replica.call('CLUSTER', 'MYID'));
			await until('every node seeing the new primary', async () => (await Promise.all(clients.map(async made => made.call('CLUSTER', 'NODES'))))
				.every(text => String(text).split('\n').some(line => line.startsWith(id) && / master /.test(line.replace('myself,', '')))));
			[primaries[index], replicas[index]] = [replicas[index]!, primaries[index]!];
		},
		stop,
	};
}
