// Which Redis server a connection reached, whatever the host was spelled as: read positions are saved under these
// names too, so `localhost`, `127.0.0.1`, `[::1]` or the host's name resume one another. A false merge (two servers
// taken as one) would silently skip entries, a missed one only reads again: each name is one only that server has.
import {ReplyError, type Redis} from 'ioredis';
import type {Positions} from '../../store/types.js';
import {hostPort} from '../../units/host-port.js';

/** The loopback addresses `localhost` resolves to, one machine's one port whichever family: named as IPv4. */
const loopback = new Set(['127.0.0.1', '::1']);

/**
 * The server as `address:port`, from the connected socket's peer: an IPv4-mapped IPv6 address as IPv4, and `::1` as
 * `127.0.0.1`. Other 127.x addresses stay themselves (servers on one port at 127.0.0.2 and 127.0.0.3 are two).
 */
export function peerServer(address: string, port: number): string {
	const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1] ?? address;
	const named = loopback.has(mapped) ? '127.0.0.1' : mapped;
	return hostPort(named, port);
}

/**
 * The names the server a client is connected to goes by, besides the host as given: its peer address
 * (`peerServer`), and the id of its process (INFO's `run_id`) when the user may run INFO (a least-privilege reader
 * with `+@read +@connection` may not: then the address alone, quietly); and whether it is a Redis Cluster node
 * (undefined without INFO).
 */
export async function serverNames(client: Redis): Promise<{peer: string | undefined; runId: string | undefined; cluster: boolean | undefined}> {
	let info = '';
	try {
		// The default sections hold both `server` and `cluster` (INFO takes one section before Redis 7).
		info = await client.info();
	} catch (error) {
		// A reply (NOPERM, or INFO renamed away): the address alone names the server. A dropped connection is retried.
		if (!(error instanceof ReplyError)) throw error;
	}

	const runId = /^run_id:([0-9a-f]+)\r?$/m.exec(info)?.[1];
	const {remoteAddress, remotePort} = client.stream ?? {};
	const cluster = info === '' ? undefined : /^cluster_enabled:1\r?$/m.test(info);
	return {peer: remoteAddress && remotePort ? peerServer(remoteAddress, remotePort) : undefined, runId, cluster};
}

/**
 * Where a server's entries come from (RawEvent.origin), the same whichever way it was reached, so that one run given
 * it twice (two spellings of its host, two nodes of one cluster) stores each entry once and counts the second read
 * as read twice: a cluster's lowest node id (every node lists them all), else the server's address as it answered
 * (`peerServer`), with the database. Undefined when neither is known (the host as given stays the origin).
 */
export function serverOrigin(peer: string | undefined, clusterIds: readonly string[] | undefined, db: number): string | undefined {
	if (clusterIds !== undefined && clusterIds.length > 0) return `cluster:${clusterIds[0]!}/${db}`;
	return peer === undefined ? undefined : `${peer}/${db}`;
}

/**
 * Order of two well-formed entry ids (`ms-sequence`, each up to 2^64 - 1), their parts compared as decimal texts:
 * exact at any size without a BigInt (it runs for every entry read: unread-loss.ts).
 */
export function compareEntryIds(a: string, b: string): number {
	const aDash = a.indexOf('-');
	const bDash = b.indexOf('-');
	return compareDecimals(a, 0, aDash, b, 0, bDash) || compareDecimals(a, aDash + 1, a.length, b, bDash + 1, b.length);
}

/** Order of the unsigned decimal numbers written in `a` from `aStart` to `aEnd` and in `b` from `bStart` to `bEnd` (leading zeros allowed). */
function compareDecimals(a: string, aStart: number, aEnd: number, b: string, bStart: number, bEnd: number): number {
	while (aStart < aEnd - 1 && a.charCodeAt(aStart) === 48) aStart++;
	while (bStart < bEnd - 1 && b.charCodeAt(bStart) === 48) bStart++;
	const length = aEnd - aStart;
	if (length !== bEnd - bStart) return length > bEnd - bStart ? 1 : -1;
	for (let i = 0; i < length; i++) {
		const order = a.charCodeAt(aStart + i) - b.charCodeAt(bStart + i);
		if (order !== 0) return order > 0 ? 1 : -1;
	}

	return 0;
}

/** Per stream, the latest entry id among positions saved under the names of one server (ill-formed ids left out). */
export function latestPositions(saved: Positions[]): Positions {
	const latest: Positions = {};
	for (const positions of saved) {
		for (const [stream, id] of Object.entries(positions)) {
			// Only well-formed ids: one bad id makes every XREAD fail.
			if (!/^\d+-\d+$/.test(id)) continue;
			const other = latest[stream];
			if (other === undefined || compareEntryIds(id, other) > 0) latest[stream] = id;
		}
	}

	return latest;
}
