// The "read twice" guard: the same message (source, topic, partition, offset) is stored once. Offsets grow within
// a partition, so a message above the highest stored offset is new without any look-up; only offsets at or below
// it (a replay, a resumed read that overlaps) are checked against LMDB.
import type {Envelope} from '../envelope.js';
import type {Databases} from './databases.js';
import {compareParts, guardKey, keyText, offsetParts, partitionKey} from './keys.js';

/** Highest numeric offset stored in one partition; undefined when it holds none. */
type PartitionMax = {max: number[] | undefined};

/** Decides whether a message with an offset is new, and remembers the ones admitted. */
export class ReadTwiceGuard {
	private readonly partitions = new Map<string, Map<string, Map<number, PartitionMax>>>();

	constructor(private readonly dbs: Databases) {}

	/** Forget what was learnt (after a failed commit it may describe messages that were not stored). */
	clear(): void {
		this.partitions.clear();
	}

	/** Start checking one job's messages (a batch may carry the same message twice). */
	begin(): GuardJob {
		return new GuardJob(this.dbs, (event: Envelope) => this.partition(event));
	}

	/** The highest stored offset of the event's partition, read once from LMDB per partition and process. */
	private partition(event: Envelope): PartitionMax {
		const source = keyText(event.source);
		const topic = keyText(event.topic ?? '');
		const partition = partitionKey(event.partition);
		let topics = this.partitions.get(source);
		if (!topics) this.partitions.set(source, topics = new Map());
		let partitions = topics.get(topic);
		if (!partitions) topics.set(topic, partitions = new Map());
		let known = partitions.get(partition);
		if (!known) {
			// Numbers sort before text in ordered-binary keys: the last key below [..., ''] is the highest numeric offset.
			const [last] = this.dbs.guard.getKeys({start: [source, topic, partition, ''], end: [source, topic, partition], reverse: true, limit: 1});
			known = {max: last ? (last.slice(3) as number[]) : undefined};
			partitions.set(partition, known);
		}

		return known;
	}
}

/** The guard within one job: admits each new message once and keeps the keys it will write. */
export class GuardJob {
	private readonly keys: Array<Array<string | number>> = [];
	/** Keys admitted in this job as text, built when the first message needs a full check. */
	private admitted: Set<string> | undefined;

	constructor(private readonly dbs: Databases, private readonly partition: (event: Envelope) => PartitionMax) {}

	/** The guard key to write for an event that has an offset and was not stored before; undefined for a repeat. */
	admit(event: Envelope & {offset: string}): Array<string | number> | undefined {
		const parts = offsetParts(event.offset);
		const known = this.partition(event);
		const key = guardKey(event, parts);
		if (parts !== undefined && (known.max === undefined || compareParts(parts, known.max) > 0)) {
			known.max = parts;
			this.admitted?.add(JSON.stringify(key));
		} else {
			this.admitted ??= new Set(this.keys.map(each => JSON.stringify(each)));
			const text = JSON.stringify(key);
			if (this.admitted.has(text) || this.dbs.guard.doesExist(key)) return undefined;
			this.admitted.add(text);
		}

		this.keys.push(key);
		return key;
	}
}
