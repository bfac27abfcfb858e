// Redis Cluster, reached through the address of one node (as `redis-cli -c` takes it): ioredis's Cluster client
// follows MOVED/ASK and failovers; streams are found on every primary (reading them: cluster-read.ts).
import {Cluster, ReplyError, type Redis, type RedisOptions} from 'ioredis';
import {InputError} from '../../errors.js';
import {safeErrorMessage} from '../../redact.js';
import type {RedisSourceUrl} from './url.js';

/** A client of one Redis server or of a whole cluster: what the source's commands are sent through. */
export type RedisClient = Redis | Cluster;

/** Connection failures, as opposed to replies: a node that cannot be reached at the address it is announced under. */
const unreachable = /ECONNREFUSED|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN|connect ETIMEDOUT|Connection is closed/;

/**
 * A Cluster client for the cluster whose node `url` names, with `options` (credentials, TLS, timeouts) for every
 * node. A cluster has database 0 only: another one is refused, as Redis would.
 */
export function redisClusterClient(url: RedisSourceUrl, options: RedisOptions): Cluster {
	if (url.db !== 0) throw new InputError(`${url.display} is a Redis Cluster node: a cluster has database 0 only (leave the /${url.db} out)`);
	// A node has no database but 0, and a cluster client reconnects by its own strategy (clusterRetryStrategy).
	const {host, port, retryStrategy: _single, db: _database, ...perNode} = options;
	return new Cluster([{host, port}], {
		redisOptions: perNode,
		lazyConnect: true,
		// CLUSTER INFO, which a least-privilege reader may not run; commands wait while the cluster is down anyway.
		enableReadyCheck: false,
		// Node addresses are used as announced (a TLS certificate is checked against the name given, SNI).
		dnsLookup: (address, lookup) => {
			lookup(null, address);
		},
		clusterRetryStrategy: times => Math.min(100 * times, 2000),
		// Give a promoted replica time to be known by every node before a command is sent again.
		retryDelayOnMoved: 50,
	});
}

/**
 * The ids of every node of the cluster that serves slots (CLUSTER SLOTS, as the Cluster client reads them):
 * primaries and replicas; undefined for a server that is not a cluster node. `cluster` is what INFO said, if the
 * user may run it: without it, CLUSTER SLOTS itself tells (refused on a server without cluster support).
 */
export async function clusterNodeIds(client: Redis, cluster: boolean | undefined): Promise<string[] | undefined> {
	if (cluster === false) return undefined;
	let slots: Array<[number, number, ...Array<[string, number, string?]>]>;
	try {
		slots = await client.call('CLUSTER', 'SLOTS') as typeof slots;
	} catch (error) {
		// Refused (no cluster support, or this user may not ask): read as one server; a MOVED then says what to allow.
		if (cluster === undefined && error instanceof ReplyError) return undefined;
		throw error;
	}

	const ids = new Set<string>();
	for (const [, , ...nodes] of slots) for (const [, , id] of nodes) if (id) ids.add(id);
	return [...ids].sort();
}

/** The servers to SCAN for streams: the one server, or every primary of a cluster (once its topology is known). */
export async function scannedNodes(client: RedisClient): Promise<Redis[]> {
	if (!(client instanceof Cluster)) return [client];
	// A command waits until the cluster is connected and its slots known.
	if (client.status !== 'ready') await client.call('PING');
	return client.nodes('master');
}

/**
 * A node's failure in the words to show: which node, and when it cannot be reached, what to check (a cluster that
 * announces addresses only its own network reaches, such as containers' or a private VPC's).
 */
export function nodeProblem(address: string, error: unknown, secrets: string[]): string {
	const message = safeErrorMessage(error, secrets);
	if (!unreachable.test(message)) return `cluster node ${address}: ${message}`;
	return `cannot reach cluster node ${address}, as the cluster announces it (${message}): if this lasts, the nodes must announce addresses this machine reaches (cluster-announce-ip / cluster-announce-hostname), or run from where those addresses are reachable`;
}

/** Run commands at once (ioredis sends them without waiting for replies), each answer as `[error, result]` as a pipeline's exec gives: a cluster's pipeline cannot span nodes. */
export async function eachCommand<T>(commands: Array<Promise<T>>): Promise<Array<[Error | null, T | undefined]>> {
	const settled = await Promise.allSettled(commands);
	return settled.map(outcome => outcome.status === 'fulfilled' ? [null, outcome.value] : [outcome.reason instanceof Error ? outcome.reason : new Error(String(outcome.reason)), undefined]);
}
