// The topics a publisher writes to: created when missing, and made again as they were when the cluster loses them
// (a broker come back empty, topics deleted by hand). Only publishers create topics: the monitor never does.
import type {Admin} from 'kafkajs';

/** Partitions of a topic a publisher creates. */
export const createdPartitions = 3;

/** Creates those of `topics` (name → partition count) the cluster does not have; returns their names. */
export async function createMissingTopics(admin: Admin, topics: ReadonlyMap<string, number>): Promise<string[]> {
	const existing = new Set(await admin.listTopics());
	const missing = [...topics].filter(([topic]) => !existing.has(topic));
	if (missing.length > 0) await admin.createTopics({topics: missing.map(([topic, numPartitions]) => ({topic, numPartitions})), waitForLeaders: true});
	return missing.map(([topic]) => topic);
}

/** Topics made again, said for people: `the broker had lost 6 topics: made them again (orders.created, …)`. */
export function remadeTopicsWords(topics: string[]): string {
	if (topics.length === 1) return `the broker had lost topic ${topics[0]!}: made it again`;
	const shown = topics.slice(0, 3).join(', ');
	return `the broker had lost ${topics.length} topics: made them again (${shown}${topics.length > 3 ? ', …' : ''})`;
}
