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

/**
 * Bounds per refresh, so a large cluster is not flooded: lag of at most 50 groups (those that committed on the topics
 * read, the first by name), 50 other listed groups checked for commits on them (in turn, those never checked first),
 * and the first 100 topics read.
 */
const maxGroups = 50;
const checksPerRefresh = 50;
const maxTopics = 100;

/**
 * Lag of the groups asked about; the named groups the cluster does not list (none when groups were not named); what
 * the bounds left out, in words that do not change between refreshes; and how many listed groups were not yet checked
 * for commits on the topics read (until 0, a group reading them may be missing from `entries`).
 */
export type KafkaLag = {entries: LagEntry[]; missingGroups: string[]; cut: string[]; unchecked: number};

/**
 * Lag per (group, topic) of the groups that committed on the topics read, refresh after refresh: Σ (high watermark −
 * committed offset) over the partitions the group committed on, with each of those partitions' offsets and lag.
 * Without named groups every listed committing group is checked in turn, a bounded number a refresh, and those found
 * committed on the topics read are asked again every refresh: on a cluster of hundreds of groups the ones reading our
 * topics are all found, whatever their names. Only groups the cluster lists are asked about, named ones included:
 * asking for a group's offsets finds its coordinator, which on a cluster where no group ever committed creates the
 * `__consumer_offsets` topic; listing groups needs no coordinator.
 * Uses `fetchTopicOffsets` + `fetchOffsets` only: `resolveOffsets` would join the application's group and commit.
 */
export class KafkaLagReader {
	/** Groups found committed on the topics read when last asked: asked every refresh (the first `maxGroups`). */
	private readonly reading = new Set<string>();
	/** Listed groups asked at least once (what the cluster no longer lists is forgotten). */
	private readonly checked = new Set<string>();
	/** The last group checked in turn: the next turn starts after it, by name. */
	private cursor = '';
	/** The topics asked about at the last refresh: other topics make every other group worth checking again. */
	private topicsKey = '';

	/** One refresh: list the groups, ask the bounded set of them, and say what was left out. */
	async refresh(admin: Admin, topics: string[], groups?: string[]): Promise<KafkaLag> {
		if (topics.length === 0) return {entries: [], missingGroups: [], cut: [], unchecked: 0};
		const listed = (await admin.listGroups()).groups;
		const known = new Set(listed.map(group => group.groupId));
		const asked = topics.slice(0, maxTopics);
		const cut = topics.length > maxTopics ? [`consumer-group lag of the first ${maxTopics} topics read only`] : [];
		if (groups) {
			const named = groups.filter(group => known.has(group)).slice(0, maxGroups);
			const found = await this.ask(admin, asked, named);
			return {entries: found.flatMap(([, entries]) => entries), missingGroups: groups.filter(group => !known.has(group)), cut, unchecked: 0};
		}

		const candidates = listed
			.filter(group => committingProtocols.has(group.protocolType) && !group.groupId.startsWith(ownGroupPrefix))
			.map(group => group.groupId)
			.sort();
		const key = asked.join('\n');
		if (key !== this.topicsKey) {
			this.topicsKey = key;
			this.checked.clear();
		}

		forgetUnlisted(this.reading, known);
		forgetUnlisted(this.checked, known);
		const readers = new Set(candidates.filter(group => this.reading.has(group)).slice(0, maxGroups));
		const others = candidates.filter(group => !readers.has(group));
		// In turn from the cursor: groups never checked first, so that a first sweep (or a new group) ends soonest.
		const turn = [...others.filter(group => group > this.cursor), ...others.filter(group => group <= this.cursor)];
		const picked = [...turn.filter(group => !this.checked.has(group)), ...turn.filter(group => this.checked.has(group))].slice(0, checksPerRefresh);
		const again = picked.filter(group => this.checked.has(group)).at(-1);
		if (again !== undefined) this.cursor = again;
		const found = await this.ask(admin, asked, [...readers, ...picked]);
		for (const [group, entries] of found) {
			this.checked.add(group);
			if (entries.length > 0) this.reading.add(group);
			else this.reading.delete(group);
		}

		const shown = new Set([...this.reading].sort().slice(0, maxGroups));
		if (this.reading.size > maxGroups) cut.push(`more than ${maxGroups} consumer groups committed on the topics read: lag of the first ${maxGroups} by name only`);
		const entries = found.filter(([group]) => shown.has(group)).flatMap(([, groupEntries]) => groupEntries).sort((a, b) => (a.group < b.group ? -1 : a.group > b.group ? 1 : 0));
		return {entries, missingGroups: [], cut, unchecked: others.filter(group => !this.checked.has(group)).length};
	}

	/** Each group's lag on `topics` (empty when it committed on none of them), in the order asked. */
	private async ask(admin: Admin, topics: string[], groupIds: string[]): Promise<Array<[string, LagEntry[]]>> {
		const highs = new Map<string, Map<number, bigint>>();
		for (const topic of topics) {
			const offsets = await admin.fetchTopicOffsets(topic);
			highs.set(topic, new Map(offsets.map(({partition, high}) => [partition, BigInt(high)])));
		}

		const found: Array<[string, LagEntry[]]> = [];
		for (const groupId of groupIds) {
			const committed = await admin.fetchOffsets({groupId, topics: [...highs.keys()]});
			const entries: LagEntry[] = [];
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

			found.push([groupId, entries]);
		}

		return found;
	}
}

/** Drop from `groups` those the cluster no longer lists. */
function forgetUnlisted(groups: Set<string>, listed: Set<string>): void {
	for (const group of groups) if (!listed.has(group)) groups.delete(group);
}
