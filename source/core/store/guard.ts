// The "read twice" guard: the same message (source and its origin, topic, partition, offset) is stored once. Offsets grow within
// a partition, so a message above the highest stored offset is new without any look-up; only offsets at or below
// it (a replay, a resumed read that overlaps, a recording out of offset order) are checked against LMDB.
//
// What is stored: messages admitted in offset order (the usual case) as one run per partition and batch,
// [source, topic, partition, …first offset] → the run's offsets and seqs (source: `kind@origin` for live messages,
// keys.ts guardPrefix); so a batch costs one put per partition
// instead of one per message. Runs are disjoint and ascending, so the only run that can hold an offset is the one
// with the greatest start at or below it. Messages admitted out of order, and text offsets, get a key each.
// A partition whose offsets went back (its topic made again) is forgotten: its offsets now name other messages.
// A Redis stream is not: its entry ids may name other entries (a stream made again) or the same ones (a server
// restored from an older copy), so an entry at a stored id is read twice only when its content is the one stored.
import type {Envelope} from '../envelope.js';
import type {Databases, GuardRun} from './databases.js';
import {compareParts, guardKey, guardPrefix, partitionKey, readOffsetParts, writtenKey} from './keys.js';
import {loadEvent} from './databases.js';
import {hasRecord, RecordReader} from './raw-scan.js';
import {RawRecord, recordField, unreadable} from './raw-record.js';
import type {RestartedPartition} from './types.js';

/** One partition as the guard knows it: its key prefix and its highest stored numeric offset (its own array, updated in place). */
type Partition = {prefix: Array<string | number>; max: number[] | undefined};

/** A message with an offset. */
type Offsetted = Envelope & {offset: string};

/**
 * Partitions known at most between jobs (about 400 bytes each): topics and streams made and deleted over a long run
 * (one stream per aggregate) would otherwise add one each for good. Past it, they are all forgotten before the next
 * job and read again from LMDB as they come, one range read each.
 */
const defaultMaxPartitions = 10_000;

/** Decides whether a message with an offset is new, and remembers the ones admitted. */
export class ReadTwiceGuard {
	/** source → origin ('' for none) → topic → partition number → what is known of it. */
	private readonly partitions = new Map<string, Map<string, Map<string, Map<number, Partition>>>>();
	private known = 0;

	constructor(private readonly dbs: Databases, private readonly maxPartitions = defaultMaxPartitions) {}

	/** Partitions known now. */
	get size(): number {
		return this.known;
	}

	/** Forget what was learnt (after a failed commit it may describe messages that were not stored). */
	clear(): void {
		this.partitions.clear();
		this.known = 0;
	}

	/**
	 * Start checking one job's messages (a batch may carry the same message twice). Jobs run one at a time, each
	 * committed before the next begins: what is forgotten here is on disk.
	 */
	begin(): GuardJob {
		if (this.known >= this.maxPartitions) this.clear();
		return new GuardJob(this.dbs, (event: RestartedPartition) => this.partition(event));
	}

	/** The event's partition; its highest stored offset is read once from LMDB per partition and process. */
	private partition(event: RestartedPartition): Partition {
		const topic = event.topic ?? '';
		const number = partitionKey(event.partition);
		let origins = this.partitions.get(event.source);
		if (!origins) this.partitions.set(event.source, origins = new Map());
		let topics = origins.get(event.origin ?? '');
		if (!topics) origins.set(event.origin ?? '', topics = new Map());
		let numbers = topics.get(topic);
		if (!numbers) topics.set(topic, numbers = new Map());
		let known = numbers.get(number);
		if (!known) {
			const prefix = guardPrefix(event);
			// A copy: admitting a message overwrites it in place, and what LMDB returned is not ours to change.
			known = {prefix, max: highest(this.dbs, prefix)?.slice()};
			numbers.set(number, known);
			this.known++;
		}

		return known;
	}
}

/** The highest numeric offset stored in a partition, in a run or under its own key. */
function highest(dbs: Databases, prefix: Array<string | number>): number[] | undefined {
	// Numbers sort before text in ordered-binary keys: the last key below [...prefix, ''] has the highest offset.
	const range = () => ({start: [...prefix, ''], end: prefix, reverse: true, limit: 1});
	const [single] = dbs.guard.getKeys(range());
	const [run] = dbs.guardRuns.getRange(range());
	const own = single ? (writtenKey(single).slice(3) as number[]) : undefined;
	const ran = run?.value.last;
	if (!own || !ran) return own ?? ran;
	return compareParts(own, ran) > 0 ? own : ran;
}

/** Every key of `db` that starts with `prefix` (they sort together, from the prefix itself on). */
function keysUnder(db: Databases['guard'] | Databases['guardRuns'], prefix: Array<string | number>): Array<Array<string | number>> {
	const keys: Array<Array<string | number>> = [];
	for (const read of db.getKeys({start: prefix})) {
		const key = writtenKey(read);
		if (!startsWith(key, prefix)) break;
		keys.push(key);
	}

	return keys;
}

/** Index of `parts` among a run's messages, or -1 (its offsets ascend: binary search). */
function indexInRun(run: GuardRun, parts: readonly number[]): number {
	const stride = run.width + 1;
	let low = 0;
	let high = run.flat.length / stride - 1;
	while (low <= high) {
		const middle = (low + high) >> 1;
		const at = run.flat.slice(middle * stride, middle * stride + run.width);
		const order = compareParts(at, parts);
		if (order === 0) return middle;
		if (order < 0) low = middle + 1;
		else high = middle - 1;
	}

	return -1;
}

/** A run being built in this job: the key it will have, its messages in order and their offsets' numbers, `width` each, flat. */
type OpenRun = {key: Array<string | number>; width: number; events: Offsetted[]; offsets: number[]};

/** The numbers of the `index`-th message's offset in a run. */
function runParts(run: OpenRun, index: number): number[] {
	return run.offsets.slice(index * run.width, (index + 1) * run.width);
}

/** The guard within one job: admits each new message once and keeps what it will write. */
export class GuardJob {
	private readonly singles: Array<{key: Array<string | number>; event: Offsetted}> = [];
	private readonly runs: OpenRun[] = [];
	private readonly open = new Map<Partition, OpenRun>();
	/** Partitions started again in this job (forget): what LMDB holds of them is removed, never looked up. */
	private readonly forgotten = new Set<Partition>();
	private readonly removals: {singles: Array<Array<string | number>>; runs: Array<Array<string | number>>} = {singles: [], runs: []};
	/** Keys of the messages admitted in this job as text, built when the first message needs a full check. */
	private admitted: Set<string> | undefined;
	/** The offset numbers of the message being admitted: read into one array, not a new one per message. */
	private readonly parts: number[] = [];
	/** Stored Redis entries read again, compared by content (storedCopy): read in turn, mostly from one chunk. */
	private readonly records: RecordReader;
	private readonly raw = new RawRecord();

	constructor(private readonly dbs: Databases, private readonly partitionOf: (event: RestartedPartition) => Partition) {
		this.records = new RecordReader(dbs);
	}

	/** Forget every message stored of a partition whose offsets went back: its offsets now name other messages. */
	forget(restarted: RestartedPartition): void {
		const partition = this.partitionOf(restarted);
		partition.max = undefined;
		this.forgotten.add(partition);
		this.removals.singles.push(...keysUnder(this.dbs.guard, partition.prefix));
		this.removals.runs.push(...keysUnder(this.dbs.guardRuns, partition.prefix));
	}

	/** Whether a message with an offset is new (not stored before, not earlier in this job). */
	admit(event: Offsetted): boolean {
		const {parts} = this;
		const width = readOffsetParts(event.offset, parts);
		const partition = this.partitionOf(event);
		const {max} = partition;
		if (width > 0 && (max === undefined || compareParts(parts, max, width) > 0)) {
			// Above everything stored: new, with no look-up (the usual case, kept cheap: nothing allocated but run growth).
			if (max === undefined || max.length !== width) partition.max = parts.slice(0, width);
			else for (let i = 0; i < width; i++) max[i] = parts[i]!;
			this.addToRun(partition, event, width);
			this.admitted?.add(JSON.stringify(guardKey(event, parts.slice(0, width))));
			return true;
		}

		this.admitted ??= this.admittedSoFar();
		const key = guardKey(event, width === 0 ? undefined : parts.slice(0, width));
		const text = JSON.stringify(key);
		if (this.admitted.has(text) || (!this.forgotten.has(partition) && this.storedCopy(event, key, partition, width === 0 ? undefined : parts.slice(0, width)))) return false;
		this.admitted.add(text);
		this.singles.push({key, event});
		return true;
	}

	/** Issue the guard's puts (inside the job's LMDB transaction; every admitted event has its seq by now). */
	write(): void {
		// Removed first: a new message's key may be one a forgotten message had.
		for (const key of this.removals.singles) void this.dbs.guard.remove(key);
		for (const key of this.removals.runs) void this.dbs.guardRuns.remove(key);
		for (const {key, event} of this.singles) void this.dbs.guard.put(key, event.seq);
		for (const run of this.runs) {
			const stride = run.width + 1;
			const flat = new Array<number>(run.events.length * stride);
			for (let i = 0; i < run.events.length; i++) {
				for (let j = 0; j < run.width; j++) flat[i * stride + j] = run.offsets[i * run.width + j]!;
				flat[i * stride + run.width] = run.events[i]!.seq;
			}

			const value: GuardRun = {width: run.width, last: runParts(run, run.events.length - 1), lastSeq: run.events.at(-1)!.seq, flat};
			void this.dbs.guardRuns.put(run.key, value);
		}
	}

	/** Keys of every message admitted in this job so far, as text. */
	private admittedSoFar(): Set<string> {
		const keys = new Set(this.singles.map(({key}) => JSON.stringify(key)));
		for (const run of this.runs) run.events.forEach((event, i) => keys.add(JSON.stringify(guardKey(event, runParts(run, i)))));
		return keys;
	}

	/**
	 * Whether a message at or below its partition's highest offset is stored: a Redis entry, with the same content
	 * (what its id names may have changed: file comment); any other, at its offset.
	 */
	private storedCopy(event: Offsetted, key: Array<string | number>, partition: Partition, parts: number[] | undefined): boolean {
		const seq = this.storedSeq(key, partition, parts);
		if (seq === undefined) return false;
		if (event.source !== 'redis') return true;
		const bytes = this.records.read(seq);
		if (!bytes) return false;
		// The value's text and encoding straight from the record's bytes, not the whole record decoded and its value
		// parsed; a value kept as an object, or bytes this reader does not walk, decoded whole.
		if (this.raw.load(bytes)) {
			const [text, member, encoding] = [this.raw.scalar(recordField.valueText), this.raw.scalar(recordField.valueMember), this.raw.scalar(recordField.valueEncoding)];
			if (typeof text === 'string' && member !== unreadable && encoding !== unreadable) return encoding === event.valueEncoding && contentText(event) === textOf(text, member);
		}

		const stored = loadEvent(this.dbs, seq);
		return stored !== undefined && stored.valueEncoding === event.valueEncoding && contentText(stored) === contentText(event);
	}

	/** The seq of the message stored at a key (under its own key or in a run), undefined when none is. */
	private storedSeq(key: Array<string | number>, partition: Partition, parts: number[] | undefined): number | undefined {
		const single = this.dbs.guard.get(key);
		if (single !== undefined) return single;
		if (!parts) return undefined;
		for (const {value: run} of this.dbs.guardRuns.getRange({start: [...partition.prefix, ...parts], end: partition.prefix, reverse: true, limit: 1})) {
			if (run.width !== parts.length || compareParts(parts, run.last) > 0) return undefined;
			const index = indexInRun(run, parts);
			const seq = index >= 0 ? run.flat[index * (run.width + 1) + run.width]! : undefined;
			// A message retention deleted is new again.
			return seq !== undefined && hasRecord(this.dbs, seq) ? seq : undefined;
		}

		return undefined;
	}

	/** Add the message whose offset numbers are the first `width` of `this.parts` to its partition's open run. */
	private addToRun(partition: Partition, event: Offsetted, width: number): void {
		const {parts} = this;
		let run = this.open.get(partition);
		if (!run || run.width !== width) {
			run = {key: [...partition.prefix, ...parts.slice(0, width)], width, events: [], offsets: []};
			this.open.set(partition, run);
			this.runs.push(run);
		}

		run.events.push(event);
		for (let i = 0; i < width; i++) run.offsets.push(parts[i]!);
	}
}

/** A message's value as text to compare: the text it was read as (textOf), or its JSON. */
function contentText(event: Envelope): string | undefined {
	return event.valueText ? textOf(event.valueText.text, event.valueText.member) : JSON.stringify(event.value);
}

/** A value's text as compared, with the member of the object read that holds it (ValueText). */
function textOf(text: string, member: unknown): string {
	return `${typeof member === 'string' ? member : ''}:${text}`;
}

/** Keys of a partition's runs whose messages all have a seq ≤ `lastSeq` (retention deletes them with the events). */
export function expiredRuns(dbs: Databases, prefixes: Iterable<Array<string | number>>, lastSeq: number): Array<Array<string | number>> {
	const expired: Array<Array<string | number>> = [];
	for (const prefix of prefixes) {
		// Runs are made in offset order over time, so they are in seq order too: stop at the first one still needed.
		for (const {key, value} of dbs.guardRuns.getRange({start: prefix, end: [...prefix, '']})) {
			if (value.lastSeq > lastSeq) break;
			expired.push(writtenKey(key));
		}
	}

	return expired;
}

/**
 * How many messages of a partition (its guard prefix) the store holds at numeric offsets in (`after`, `upTo`], from
 * its runs and own keys: only the runs that can hold them are read. Undefined when it holds none of the partition.
 */
export function storedBetween(dbs: Databases, prefix: Array<string | number>, after: number[], upTo: number[]): number | undefined {
	if (highest(dbs, prefix) === undefined) return undefined;
	const within = (parts: readonly number[]) => compareParts(parts, after) > 0 && compareParts(parts, upTo) <= 0;
	let count = 0;
	/** Count a run's messages within the range. */
	const countRun = (run: GuardRun) => {
		const stride = run.width + 1;
		for (let i = 0; i < run.flat.length; i += stride) if (within(run.flat.slice(i, i + run.width))) count++;
	};

	// The run that starts before `after` may reach into the range; the others start in it.
	for (const {key, value} of dbs.guardRuns.getRange({start: [...prefix, ...after], end: prefix, reverse: true, limit: 1})) {
		if (compareParts(writtenKey(key).slice(prefix.length) as number[], after) < 0) countRun(value);
	}

	for (const {key, value} of dbs.guardRuns.getRange({start: [...prefix, ...after]})) {
		const start = writtenKey(key).slice(prefix.length);
		if (!startsWith(writtenKey(key), prefix) || start.some(part => typeof part !== 'number') || compareParts(start as number[], upTo) > 0) break;
		countRun(value);
	}

	for (const read of dbs.guard.getKeys({start: [...prefix, ...after]})) {
		const parts = writtenKey(read).slice(prefix.length);
		if (!startsWith(writtenKey(read), prefix) || parts.some(part => typeof part !== 'number') || compareParts(parts as number[], upTo) > 0) break;
		if (within(parts as number[])) count++;
	}

	return count;
}

/** Whether a key starts with `prefix`. */
function startsWith(key: ReadonlyArray<unknown>, prefix: Array<string | number>): boolean {
	return prefix.every((part, i) => key[i] === part);
}
