// Lag and pending of the applications' consumer groups on the streams we read, from XINFO GROUPS (read-only).
import type {Redis} from 'ioredis';
import type {SourceHealth} from './source.js';

/** One lag line of SourceHealth. */
export type LagEntry = NonNullable<SourceHealth['lag']>[number];

/** At most this many streams are asked per refresh. */
const maxStreams = 100;

/**
 * When Redis cannot tell a group's lag (before 7.0, or entries deleted after its last-delivered id), the entries
 * after that id are counted, up to this many: enough to pass the default lag alert threshold (10 000).
 */
const countCap = 10_001;

/** XINFO GROUPS answers a flat `[name, value, name, value…]` list per group. */
function fieldsOf(flat: unknown): Map<string, unknown> {
	const fields = new Map<string, unknown>();
	if (!Array.isArray(flat)) return fields;
	for (let index = 0; index + 1 < flat.length; index += 2) fields.set(String(flat[index]), flat[index + 1]);
	return fields;
}

/** Lag and pending of every group of each stream (the first 100 streams). */
export async function fetchRedisLag(client: Redis, streams: string[]): Promise<LagEntry[]> {
	const asked = streams.slice(0, maxStreams);
	if (asked.length === 0) return [];
	const pipeline = client.pipeline();
	for (const stream of asked) pipeline.call('XINFO', 'GROUPS', stream);
	const replies = await pipeline.exec() ?? [];
	const entries: LagEntry[] = [];
	for (const [index, [error, groups]] of replies.entries()) {
		// A stream deleted since the last read answers "no such key": it has no groups to report.
		if (error || !Array.isArray(groups)) continue;
		const stream = asked[index]!;
		for (const group of groups) {
			const fields = fieldsOf(group);
			const name = String(fields.get('name'));
			const pending = Number(fields.get('pending') ?? 0);
			const known = fields.get('lag');
			let lag = known === null || known === undefined ? Number.NaN : Number(known);
			if (Number.isNaN(lag)) {
				const delivered = String(fields.get('last-delivered-id'));
				const after = await client.call('XRANGE', stream, `(${delivered}`, '+', 'COUNT', countCap) as unknown[];
				lag = after.length;
			}

			entries.push({group: name, topic: stream, lag, pending});
		}
	}

	return entries;
}
