// Lag and pending of the applications' consumer groups on the streams we read, from XINFO GROUPS (read-only).
import {eachCommand, type RedisClient} from './cluster.js';
import type {ConsumerState, LagEntry} from '../source.js';
import type {StreamKey} from './stream-name.js';

export type {LagEntry} from '../source.js';

/**
 * At most this many streams are asked per refresh, this many groups of each kept (a stream with 5,000 groups would
 * otherwise cost 5,000 XINFO CONSUMERS a refresh and 5,000 series), and this many consumers listed per group.
 */
export const maxLagStreams = 100;
export const maxGroupsPerStream = 20;
const maxConsumers = 20;

/** The groups' lag, and what was cut to keep it bounded, each said in words that do not change between refreshes. */
export type RedisLag = {entries: LagEntry[]; cut: string[]};

/**
 * When Redis cannot tell a group's lag (before 7.0, or entries deleted after its last-delivered id), the entries
 * after that id are counted, up to this many: enough to pass the default lag alert threshold (10 000).
 */
const countCap = 10_001;

/** The fields of an XINFO reply, which answers a flat `[name, value, name, value…]` list (per group, per stream). */
export function fieldsOf(flat: unknown): Map<string, unknown> {
	const fields = new Map<string, unknown>();
	if (!Array.isArray(flat)) return fields;
	for (let index = 0; index + 1 < flat.length; index += 2) fields.set(String(flat[index]), flat[index + 1]);
	return fields;
}

/**
 * Lag and pending of the groups of each stream (the first 100 streams, each its name as shown and its key; the first
 * 20 groups of each, in name order as XINFO GROUPS lists them), and each group's consumers with their pending entries
 * and idle time; `cut` says which bound left something out. Read with XINFO GROUPS / XINFO CONSUMERS (and XRANGE
 * when Redis cannot tell the lag): never XREADGROUP, XCLAIM, XACK or XGROUP, so the applications' groups stay exactly
 * as they were.
 */
export async function fetchRedisLag(client: RedisClient, streams: Array<[name: string, key: StreamKey]>): Promise<RedisLag> {
	const asked = streams.slice(0, maxLagStreams);
	const cut = streams.length > maxLagStreams ? [`consumer-group lag of the first ${maxLagStreams} streams only`] : [];
	if (asked.length === 0) return {entries: [], cut};
	const replies = await eachCommand(asked.map(async ([, key]) => client.call('XINFO', 'GROUPS', key)));
	const entries: LagEntry[] = [];
	/** The stream key of each entry. */
	const keys: StreamKey[] = [];
	for (const [index, [error, groups]] of replies.entries()) {
		// A stream deleted since the last read answers "no such key": it has no groups to report.
		if (error || !Array.isArray(groups)) continue;
		const [stream, key] = asked[index]!;
		if (groups.length > maxGroupsPerStream) cut.push(`stream "${stream}" has more than ${maxGroupsPerStream} consumer groups: lag of the first ${maxGroupsPerStream} by name only`);
		for (const group of groups.slice(0, maxGroupsPerStream)) {
			const fields = fieldsOf(group);
			const name = String(fields.get('name'));
			const pending = Number(fields.get('pending') ?? 0);
			const known = fields.get('lag');
			let lag = known === null || known === undefined ? Number.NaN : Number(known);
			if (Number.isNaN(lag)) {
				const delivered = String(fields.get('last-delivered-id'));
				const after = await client.call('XRANGE', key, `(${delivered}`, '+', 'COUNT', countCap) as unknown[];
				lag = after.length;
			}

			entries.push({group: name, topic: stream, lag, pending});
			keys.push(key);
		}
	}

	const answers = await eachCommand(entries.map(async (entry, index) => client.call('XINFO', 'CONSUMERS', keys[index]!, entry.group)));
	for (const [index, [error, list]] of answers.entries()) {
		if (error || !Array.isArray(list)) continue;
		entries[index]!.consumers = list.slice(0, maxConsumers).map((flat): ConsumerState => {
			const fields = fieldsOf(flat);
			return {name: String(fields.get('name')), pending: Number(fields.get('pending') ?? 0), idleMs: Number(fields.get('idle') ?? 0)};
		});
	}

	return {entries, cut};
}
