// Consumer-group lag of the applications reading our topics, computed from read-only admin requests.
import type {Admin} from 'kafkajs';
import type {LagEntry, PartitionLag} from '../source.js';

export type {LagEntry} from '../source.js';

/** Throwaway groups of earlier versions of this tool (which read through one) are not applications. */
const ownGroupPrefix = 'pubsub-tools-';

/**
 * Group protocol types whose groups commit offsets on partitions: consumers (and groups of no protocol, those only
 * committed to), and Kafka Streams applications on the streams rebalance protocol, which Kafka 4.4 lists as `streams`.
 * Share groups (`share`) keep no committed offsets.
 */
const committingProtocols = new Set(['consumer', '', 'streams']);

/** At most this many groups and topics are asked per refresh, so a large cluster is not flooded. */
const maxGroups = 50;
const maxTopics = 100;

/** Lag of the groups asked about, and the named groups the cluster does not list (none when groups were not named). */
export type KafkaLag = {entries: LagEntry[]; missingGroups: string[]};

/**
 * Lag per (group, topic): Σ (high watermark − committed offset) over the partitions the group committed on, with
 * each of those partitions' offsets and lag. Only groups the cluster lists are asked about, named ones included:
 * asking for a group's offsets finds its coordinator, which on a cluster where no group ever committed creates the
 * `__consumer_offsets` topic; listing groups needs no coordinator.
 * Uses `fetchTopicOffsets` + `fetchOffsets` only: `resolveOffsets` would join the application's group and commit.
 */
export async function fetchKafkaLag(admin: Admin, topics: string[], groups?: string[]): Promise<KafkaLag> {
	if (topics.length === 0) return {entries: [], missingGroups: []};
	const listed = (await admin.listGroups()).groups;
	const known = new Set(listed.map(group => group.groupId));
	const groupIds = groups?.filter(group => known.has(group)) ?? listed
		.filter(group => committingProtocols.has(group.protocolType) && !group.groupId.startsWith(ownGroupPrefix))
		.map(group => group.groupId)
		.sort();
	const missingGroups = groups?.filter(group => !known.has(group)) ?? [];
	const highs = new Map<string, Map<number, bigint>>();
	for (const topic of topics.slice(0, maxTopics)) {
		const offsets = await admin.fetchTopicOffsets(topic);
		highs.set(topic, new Map(offsets.map(({partition, high}) => [partition, BigInt(high)])));
	}

	const entries: LagEntry[] = [];
	for (const groupId of groupIds.slice(0, maxGroups)) {
		const committed = await admin.fetchOffsets({groupId, topics: [...highs.keys()]});
		for (const {topic, partitions} of committed) {
			let lag = 0n;
			const detail: PartitionLag[] = [];
			for (const {partition, offset} of partitions) {
				const high = highs.get(topic)?.get(partition);
				if (high === undefined || Number(offset) < 0) continue;
				const behind = high > BigInt(offset) ? high - BigInt(offset) : 0n;
				lag += behind;
				detail.push({partition, end: Number(high), committed: Number(offset), lag: Number(behind)});
			}

			if (detail.length > 0) entries.push({group: groupId, topic, lag: Number(lag), partitions: detail.sort((a, b) => a.partition - b.partition)});
		}
	}

	return {entries, missingGroups};
}
