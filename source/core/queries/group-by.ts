// Group-by over the store: events per value of a field, with a sum of another field and when each group was
// first and last seen (event time). Copies of one event (same event id on two streams) count once. Each event is
// read from its stored bytes, only the fields asked for (raw-record.ts, json-field-scan.ts); an event whose bytes
// or value text hold anything unusual, or a filter that needs the whole event, is decoded in full instead.
import type {Envelope} from '../envelope.js';
import {exactPathInteger, exactPathText, isInexactInteger} from '../exact-integer.js';
import {findPathOrElements, numericValue, scalarText} from '../fields.js';
import {elementsSum} from './compensated-sum.js';
import {filterReadsEnvelopeOnly, type EventFilter} from '../filter/filter.js';
import {asciiText, pathsScanner, unscannable, type PathsScanner, type ScannedField} from '../json-field-scan.js';
import {inArray, numberText, readRecord, type ColumnBlock, type TextColumn} from '../store/group-columns.js';
import {asciiOnly, RawRecord, recordField, unreadable} from '../store/raw-record.js';
import type {EventStore} from '../store/types.js';
import {counted, formatNumber} from '../units/format.js';
import {GroupTable, hashBytes, type GroupColumns} from './group-table.js';
import {PendingEvents} from './pending-events.js';
import {asciiIdHashes, countedIn, SeenIds} from './seen-ids.js';

/** One group's figures. */
export type GroupFigures = {count: number; sum?: number; firstSeen?: number; lastSeen?: number};

/** What a group-by found. */
export type GroupByResult = {
	/** Events that passed the filter (copies once). */
	matched: number;
	/** Of those, events without the grouping field. */
	withoutField: number;
	/** Events left out as copies of an event already counted. */
	copies: number;
	/**
	 * Of those matched, events whose grouping field is inside an array (`items.sku` on `{"items": [...]}`): a
	 * group-by counts each event in one group, so they are in none (`query` refuses them, the TUI says so).
	 */
	inArrays: number;
	/**
	 * Of those matched, events whose `--sum` field is inside an array (`items.qty` on `{"items": [...]}`): each added
	 * the sum of its elements' numbers (an order with qty 2 and 3 adds 5).
	 */
	sumInArrays: number;
	/**
	 * Of those matched, events whose `--sum` field is a header sent more than once (no field of the value by that
	 * name): its sum or one of its values could be meant, so they add nothing (`query` refuses them, the TUI says so).
	 */
	sumRepeatedHeaders: number;
	/** Groups by value, largest first (ties by value). */
	groups: Array<[string, GroupFigures]>;
};

/** What the fold of one part of the store counted, sent between threads. */
export type PartFigures = {counts: Omit<GroupByResult, 'groups'>; groups: GroupColumns};

/** What to group by and sum: special envelope fields (topic, type, status, key, source) or dotted paths into the value. */
export type GroupByOptions = {groupBy: string; sum?: string; where?: EventFilter; containers: readonly string[]};

/**
 * How a fold that covers part of the store is set up (group-by-parallel.ts): `expected` events at most, its table
 * of ids `shared` with the threads folding older parts, and `deferred` when newer parts are folded elsewhere: its
 * events are then kept until `settle` knows which are copies of theirs.
 */
export type FoldSetup = {expected?: number; shared?: boolean; deferred?: boolean};

/** What a group-by reads of the store: group columns, else the bytes of events for the fast path, whole events for the rest. */
export type GroupByStore = Pick<EventStore, 'records' | 'get' | 'columnBlocks' | 'seqRange'>;

/** The envelope fields a group-by names directly, and where the stored record keeps them. */
const envelopeFields = {topic: recordField.topic, type: recordField.type, status: recordField.status, key: recordField.key, source: recordField.source} as const;

type EnvelopeField = keyof typeof envelopeFields;

/** How one field is read: an envelope field, or a dotted path into the value (then the headers), the scan's `index`-th. */
type FieldReader = {envelope: EnvelopeField} | {path: string[]; header: string; index: number};

/** The readers of the fields named on the command line, and one scanner of the value text for those that are paths. */
function readersOf(fields: readonly string[], containers: readonly string[]): {readers: FieldReader[]; scan: PathsScanner | undefined} {
	const paths: string[][] = [];
	const readers = fields.map((field): FieldReader => {
		if (Object.hasOwn(envelopeFields, field)) return {envelope: field as EnvelopeField};
		const path = field.split('.');
		paths.push(path);
		return {path, header: field, index: paths.length - 1};
	});
	return {readers, scan: paths.length === 0 ? undefined : pathsScanner(paths, containers)};
}

/** How an event's `--sum` field was read: a value (or none), the elements of arrays (summed), a header sent more than once (not summed). */
const enum SumKind {
	Value = 0,
	Elements = 1,
	RepeatedHeader = 2,
}

/** The group of an event whose grouping field is inside an array (GroupByResult.inArrays); -2 in PendingEvents. */
const insideArray = Symbol('inside an array');

/** How many rows ahead a block's fold reads the table slots of (see foldBlock). */
const readAhead = 8;

/** Largest group first, ties by value. */
function byCountThenValue(one: [string, GroupFigures], other: [string, GroupFigures]): number {
	const difference = other[1].count - one[1].count;
	if (difference !== 0) return difference;
	return one[0] < other[0] ? -1 : one[0] > other[0] ? 1 : 0;
}

/** Whether two lists hold the same names in the same order. */
function sameList(a: readonly string[], b: readonly string[]): boolean {
	return a.length === b.length && a.every((name, index) => name === b[index]);
}

/** Whether a batch's group columns hold what a group-by reads: no filter, and value fields searched as it searches them. */
function columnsHold(block: ColumnBlock, options: GroupByOptions, group: FieldReader, sum: FieldReader | undefined): boolean {
	if (options.where !== undefined) return false;
	const held = (reader: FieldReader) => 'envelope' in reader || (block.values.has(reader.header) && sameList(block.containers, options.containers));
	return held(group) && (sum === undefined || ('path' in sum && held(sum) && sumsHeld(block, sum)));
}

/** Whether a block's value columns hold the sums of fields inside arrays and leave repeated headers to the record (written since they do). */
function sumsHeld(block: ColumnBlock, sum: FieldReader | undefined): boolean {
	return sum === undefined || block.elementSums;
}

/** Whether the newest batch's group columns answer a group-by (then one thread reads a million events in about a second). */
export function answeredByColumns(store: Pick<EventStore, 'columnBlocks' | 'seqRange'>, options: GroupByOptions): boolean {
	const newest = store.seqRange()?.newest;
	if (newest === undefined) return false;
	const {readers} = readersOf(options.sum === undefined ? [options.groupBy] : [options.groupBy, options.sum], options.containers);
	let held = false;
	store.columnBlocks(({block}) => {
		held = block !== undefined && columnsHold(block, options, readers[0]!, readers[1]);
	}, newest - 1, newest);
	return held;
}

/** Whether a looked-up header counts as present, as findPath decides. */
function isPresent(value: unknown): boolean {
	return value !== undefined && value !== null && value !== '';
}

/** Groups accumulated over the stored events, folded in as they are stored (a live pane refreshes it by seq). */
export class GroupAccumulator {
	private readonly groups: GroupTable;
	/** Event ids counted so far (to count copies once). */
	private readonly seen: SeenIds;
	/** Counted events waiting for `settle` (deferred folds only). */
	private pending: PendingEvents | undefined;
	private readonly counts = {matched: 0, withoutField: 0, copies: 0, inArrays: 0, sumInArrays: 0, sumRepeatedHeaders: 0};
	private readonly raw = new RawRecord();
	private readonly group: FieldReader;
	private readonly sum: FieldReader | undefined;
	/** The scanner of the value text for the fields that are paths; undefined when none is, or when they must be parsed. */
	private readonly scan: PathsScanner | undefined;
	/** What the scanner found in the loaded record's value text (undefined until a field needs it). */
	private scanned: readonly ScannedField[] | typeof unscannable | undefined;
	/** Where the scanner left the ASCII texts it found undecoded (`asciiText`), two numbers a path. */
	private readonly spans = new Int32Array(4);
	/** The store being folded (to read back an earlier event's id when two ids hash alike). */
	private store: GroupByStore | undefined;
	/** Whether the filter, if any, can be tested on the envelope fields read from the bytes. */
	private readonly filterOnBytes: boolean;
	/** Newest seq folded in. */
	private folded = 0;
	/** A block's hashes of ids and group values (see foldBlock), kept from block to block. */
	private blockHashes = {ids: new Int32Array(0), groups: new Int32Array(0)};
	/** What the reads ahead read, kept so that they are not optimized away. */
	private touched = 0;

	constructor(private readonly options: GroupByOptions, setup: FoldSetup = {}) {
		this.seen = new SeenIds(setup.expected, setup.shared);
		if (setup.deferred) this.pending = new PendingEvents(setup.expected ?? 0);
		const {readers, scan} = readersOf(options.sum === undefined ? [options.groupBy] : [options.groupBy, options.sum], options.containers);
		this.group = readers[0]!;
		this.sum = readers[1];
		this.scan = scan;
		this.filterOnBytes = options.where === undefined || filterReadsEnvelopeOnly(options.where.expr);
		this.groups = new GroupTable(options.sum !== undefined);
	}

	/** Fold in the events stored since the last call (every stored event the first time), newest first; returns how many. */
	foldStored(store: GroupByStore): number {
		let newest = this.folded;
		const visited = this.fold(store, this.folded, undefined, seq => {
			newest = Math.max(newest, seq);
		});
		this.folded = newest;
		return visited;
	}

	/** Fold in the stored events with seqs in (afterSeq, upToSeq], newest first (one part of a split group-by); returns how many. */
	foldRange(store: GroupByStore, afterSeq: number, upToSeq: number): number {
		return this.fold(store, afterSeq, upToSeq, () => undefined);
	}

	/** The table of ids this fold counted, for the folds of older parts to settle against. */
	seenTable(): Int32Array {
		return this.seen.table;
	}

	/** Count the deferred fold's events, now that the id tables of every newer part are known: an id in one of them was counted there. */
	settle(store: GroupByStore, newer: readonly Int32Array[]): void {
		const pending = this.pending;
		if (!pending) return;
		this.pending = undefined;
		this.store = store;
		let seq = 0;
		const idOfPending = () => this.idOf(seq);
		for (let at = 0; at < pending.length; at++) {
			seq = pending.seq[at]!;
			const copy = countedIn(newer, pending.hashA[at]!, pending.hashB[at]!, idOfPending, this.idOf);
			const group = pending.group[at]!;
			const amount = pending.amount[at]!;
			const time = pending.time[at]!;
			this.add(copy, seq, group === -2 ? insideArray : (group < 0 ? undefined : group), Number.isNaN(amount) ? undefined : amount, Number.isNaN(time) ? undefined : time, pending.sumKind[at]!);
		}

		this.store = undefined;
	}

	/** Take over the folds of every stored event up to seq `upToSeq` made elsewhere (their figures, and their tables of ids to tell copies by), to go on from there. */
	adopt(parts: readonly PartFigures[], tables: readonly Int32Array[], upToSeq: number): void {
		for (const part of parts) this.absorb(part);
		this.seen.adopt(tables);
		this.folded = upToSeq;
	}

	/** What this fold counted (a part's share of a split group-by), for the fold of another part to `absorb`. */
	partial(): PartFigures {
		return {counts: {...this.counts}, groups: this.groups.columns()};
	}

	/** Add what the fold of another part counted. */
	absorb(part: PartFigures): void {
		this.counts.matched += part.counts.matched;
		this.counts.withoutField += part.counts.withoutField;
		this.counts.copies += part.counts.copies;
		this.counts.inArrays += part.counts.inArrays;
		this.counts.sumInArrays += part.counts.sumInArrays;
		this.counts.sumRepeatedHeaders += part.counts.sumRepeatedHeaders;
		this.groups.absorb(part.groups);
	}

	/**
	 * Visit the events in (afterSeq, upToSeq] (to the newest when undefined), newest first, counting each; returns
	 * how many. A batch's group columns are read where they hold what the group-by needs, its records elsewhere.
	 */
	private fold(store: GroupByStore, afterSeq: number, upToSeq: number | undefined, visited: (seq: number) => void): number {
		let count = 0;
		this.store = store;
		const records = (after: number, upTo: number | undefined) => store.records((seq, bytes) => {
			visited(seq);
			count++;
			if (this.addBytes(seq, bytes)) return;
			const event = store.get(seq);
			if (event) this.addEvent(event);
		}, after, upTo);
		// Retention deletes the oldest events first: a block may still hold some that are gone.
		const oldest = store.seqRange()?.oldest ?? Number.POSITIVE_INFINITY;
		let upper = upToSeq;
		store.columnBlocks(({first, count: rows, block}) => {
			const last = first + rows - 1;
			// Events above this block that no block holds (stored by a version without group columns).
			if (upper === undefined || upper > last) records(Math.max(afterSeq, last), upper);
			const low = Math.max(afterSeq + 1, first, oldest);
			const high = Math.min(upper ?? last, last);
			if (high >= low) {
				if (block && columnsHold(block, this.options, this.group, this.sum)) {
					visited(high);
					count += this.foldBlock(block, low - first, high - first);
				} else records(low - 1, high);
			}

			upper = first - 1;
		}, afterSeq, upToSeq);
		if (upper === undefined || upper > afterSeq) records(afterSeq, upper);
		this.store = undefined;
		return count;
	}

	/**
	 * Count the events of a block's rows [low, high], newest first, from its columns; returns how many. The ids'
	 * and ASCII values' hashes are made first, so that each row can read ahead the table slots of the row
	 * `readAhead` on: both tables miss the caches on nearly every event, and reading ahead overlaps the misses
	 * (measured on 1 M events in 100,000 groups: ~0.60 s against ~0.72 s, alternating runs).
	 */
	private foldBlock(block: ColumnBlock, low: number, high: number): number {
		const reader = this.group;
		const dict = 'envelope' in reader && reader.envelope !== 'key' ? block.dicts[reader.envelope] : undefined;
		// Each of the few values of a dictionary column finds its group once a block.
		const dictGroups = dict?.names.map((name, at) => (at === 0 ? undefined : this.groups.groupOf(name)));
		const column = 'envelope' in reader ? undefined : block.values.get(reader.header)!;
		const text = dict ? undefined : column?.text ?? block.key;
		const numbers = column?.numbers;
		const sum = this.sum && 'path' in this.sum ? block.values.get(this.sum.header) : undefined;
		const ids = block.eventId;
		const hashes = this.hashesFor(block.count);
		const idHashes = hashes.ids;
		const groupHashes = hashes.groups;
		const hashedText = text?.ascii === true ? text : undefined;
		for (let row = low; row <= high; row++) {
			if (ids.ascii) asciiIdHashes(ids.bytes, ids.offsets[row]!, ids.offsets[row + 1]!, idHashes, 2 * row);
			if (hashedText) groupHashes[row] = hashBytes(hashedText.bytes, hashedText.offsets[row]!, hashedText.offsets[row + 1]!);
		}

		let touched = 0;
		for (let row = high; row >= low; row--) {
			const ahead = row - readAhead;
			if (ahead >= low) {
				if (ids.ascii) touched += this.seen.prefetch(idHashes[2 * ahead]!);
				if (hashedText) touched += this.groups.prefetch(groupHashes[ahead]!);
			}

			const seq = block.first + row;
			if (text?.present[row] === readRecord || sum?.text.present[row] === readRecord || ids.present[row] === readRecord) {
				const event = this.store!.get(seq);
				if (event) this.addEvent(event);
				continue;
			}

			const group = dict ? dictGroups![dict.at[row]!] : this.groupOfText(text!, row, numbers, groupHashes[row]!);
			const start = ids.offsets[row]!;
			const end = ids.offsets[row + 1]!;
			const copy = ids.ascii
				? this.seen.seenBeforeHashed(idHashes[2 * row]!, idHashes[(2 * row) + 1]!, ids.bytes, start, end, seq, this.idOf)
				: this.seen.seenBefore(ids.bytes.toString('utf8', start, end), seq, this.idOf);
			const amount = sum?.numbers[row] ?? Number.NaN;
			const time = block.times[row]!;
			this.add(copy, seq, group, Number.isNaN(amount) ? undefined : amount, Number.isNaN(time) ? undefined : time, sum?.text.present[row] === inArray ? SumKind.Elements : SumKind.Value);
		}

		this.touched += touched;
		return high - low + 1;
	}

	/** Room for the hashes of a block of `rows` rows (kept from block to block). */
	private hashesFor(rows: number): {ids: Int32Array; groups: Int32Array} {
		if (this.blockHashes.groups.length < rows) this.blockHashes = {ids: new Int32Array(2 * rows), groups: new Int32Array(rows)};
		return this.blockHashes;
	}

	/** The group of a row of a text column (of a value column when `numbers`; `hash`: its bytes' hashBytes when ASCII): its index when its bytes are ASCII, else its text (undefined: none). */
	private groupOfText(text: TextColumn, row: number, numbers: Float64Array | undefined, hash: number): number | string | undefined | typeof insideArray {
		const present = text.present[row];
		if (present === 0) return undefined;
		if (present === inArray) return insideArray;
		if (present === numberText) return String(numbers![row]);
		const start = text.offsets[row]!;
		const end = text.offsets[row + 1]!;
		return text.ascii ? this.groups.groupOfAscii(text.bytes, start, end, hash) : text.bytes.toString('utf8', start, end);
	}

	/** The figures so far, largest group first (ties by value). */
	result(): GroupByResult {
		const groups = this.groups.entries();
		groups.sort(byCountThenValue);
		return {...this.counts, groups};
	}

	/**
	 * Count event `seq`, which passed the filter (`copy`: its id was counted before), into its group (an index from
	 * groupOfAscii, or a value's text), its `--sum` field read as `sumKind` says; a deferred fold keeps it for `settle`.
	 */
	private add(copy: boolean, seq: number, group: number | string | undefined | typeof insideArray, amount: number | undefined, time: number | undefined, sumKind: SumKind): void {
		if (copy) {
			this.counts.copies++;
			return;
		}

		if (this.pending) {
			this.pending.push(this.seen.lastA, this.seen.lastB, seq, typeof group === 'string' ? this.groups.groupOf(group) : group === insideArray ? -2 : group ?? -1, amount, time, sumKind);
			return;
		}

		this.counts.matched++;
		if (sumKind === SumKind.Elements) this.counts.sumInArrays++;
		else if (sumKind === SumKind.RepeatedHeader) this.counts.sumRepeatedHeaders++;
		if (group === insideArray) this.counts.inArrays++;
		else if (group === undefined) this.counts.withoutField++;
		else if (typeof group === 'number') this.groups.addAt(group, amount, time);
		else this.groups.add(group, amount, time);
	}

	/** The id of an event stored earlier, read back to tell two ids that hash alike apart. */
	private readonly idOf = (seq: number): string | undefined => this.store?.get(seq)?.eventId;

	/** Count a whole event (the slow path). */
	private addEvent(event: Envelope): void {
		const where = this.options.where;
		if (where && !where.matches(event)) return;
		const copy = this.seen.seenBefore(event.eventId, event.seq, this.idOf);
		const group = this.groupOfEvent(event);
		let amount: number | undefined;
		let sumKind = SumKind.Value;
		const sum = this.sum;
		if (sum && 'envelope' in sum) amount = numericValue(event[sum.envelope]);
		else if (sum) {
			const {found, inArray: inside} = findPathOrElements(event.value, event.headers, sum.path, this.options.containers);
			if (inside) {
				amount = elementsSum(found as unknown[]);
				sumKind = SumKind.Elements;
			} else if (Array.isArray(found) && found === event.headers?.[sum.header]) sumKind = SumKind.RepeatedHeader;
			else amount = numericValue(found);
		}

		this.add(copy, event.seq, group, amount, event.timestamp, sumKind);
	}

	/** A whole event's group: its field's text, an integer JSON.parse rounded written with the digits it was sent with. */
	private groupOfEvent(event: Envelope): string | undefined | typeof insideArray {
		const reader = this.group;
		if ('envelope' in reader) return scalarText(event[reader.envelope]);
		const {containers} = this.options;
		const {found, inArray: inside} = findPathOrElements(event.value, event.headers, reader.path, containers);
		return inside ? insideArray : exactPathText(found, event, reader.path, containers);
	}

	/** Count an event from its stored bytes; false when they need the slow path (nothing was counted). */
	private addBytes(seq: number, bytes: Uint8Array): boolean {
		const raw = this.raw;
		if (!this.filterOnBytes || !raw.load(bytes)) return false;
		this.scanned = undefined;
		const where = this.options.where;
		if (where) {
			const envelope = this.envelopeOfBytes();
			if (envelope === undefined) return false;
			if (!where.matches(envelope)) return true;
		}

		const time = raw.scalar(recordField.timestamp);
		const group = this.groupOfBytes();
		const sumValue = this.sum === undefined ? undefined : this.readBytes(this.sum);
		// An array here is a header sent more than once (the scan leaves a path into an array to the whole event): the slow path says so.
		if (!(time === undefined || typeof time === 'number') || group === unreadable || sumValue === unreadable || Array.isArray(sumValue)) return false;
		// The group is found before the id is looked up: that look-up may read the store, reusing the bytes' buffer.
		const copy = this.seenBytes(seq);
		if (copy === unreadable) return false;
		this.add(copy, seq, group, this.sum === undefined ? undefined : numericValue(sumValue), time, SumKind.Value);
		return true;
	}

	/** The loaded record's group: its index when its value is ASCII bytes, else its value's text (undefined: none). */
	private groupOfBytes(): number | string | undefined | typeof unreadable {
		const raw = this.raw;
		const reader = this.group;
		let start: number;
		let end: number;
		if ('envelope' in reader) {
			start = raw.stringSpan(envelopeFields[reader.envelope]);
			end = raw.spanEnd;
			if (start < 0 || end === start || !asciiOnly(raw.buffer, start, end)) {
				const value = raw.scalar(envelopeFields[reader.envelope]);
				return value === unreadable ? unreadable : scalarText(value);
			}
		} else {
			const value = this.readBytes(reader);
			if (isInexactInteger(value)) return this.exactOfBytes(value, reader.path);
			if (value !== asciiText) return value === unreadable ? unreadable : scalarText(value);
			start = this.spans[2 * reader.index]!;
			end = this.spans[(2 * reader.index) + 1]!;
		}

		return this.groups.groupOfAscii(raw.buffer, start, end);
	}

	/** The text of an integer JSON.parse rounds, found at `path` in the loaded record's value text: the digits it holds. */
	private exactOfBytes(found: number, path: readonly string[]): string | undefined {
		const raw = this.raw;
		const start = raw.stringSpan(recordField.valueText);
		const member = raw.scalar(recordField.valueMember);
		const text = raw.buffer.subarray(start, raw.spanEnd);
		return exactPathInteger(text, typeof member === 'string' ? member : undefined, path, this.options.containers) ?? scalarText(found);
	}

	/** Whether the loaded record's event id was counted before (remembered if not), hashed from its bytes when ASCII. */
	private seenBytes(seq: number): boolean | typeof unreadable {
		const raw = this.raw;
		const start = raw.stringSpan(recordField.eventId);
		if (start >= 0 && asciiOnly(raw.buffer, start, raw.spanEnd)) return this.seen.seenBeforeAscii(raw.buffer, start, raw.spanEnd, seq, this.idOf);
		const eventId = raw.scalar(recordField.eventId);
		return typeof eventId === 'string' ? this.seen.seenBefore(eventId, seq, this.idOf) : unreadable;
	}

	/** The envelope fields a filter on envelope fields reads (filterReadsEnvelopeOnly), from the loaded bytes. */
	private envelopeOfBytes(): Envelope | undefined {
		const raw = this.raw;
		const topic = raw.scalar(recordField.topic);
		const type = raw.scalar(recordField.type);
		const key = raw.scalar(recordField.key);
		const partition = raw.scalar(recordField.partition);
		const ids = raw.strings(recordField.ids);
		if (topic === unreadable || type === unreadable || key === unreadable || partition === unreadable || ids === unreadable) return undefined;
		return {topic, type, key, partition, ids} as Envelope;
	}

	/** What the loaded record's value text holds of the fields that are paths. */
	private scanValue(): readonly ScannedField[] | typeof unscannable {
		const raw = this.raw;
		const start = raw.stringSpan(recordField.valueText);
		const member = raw.scalar(recordField.valueMember);
		if (start < 0 || !(member === undefined || typeof member === 'string') || !this.scan) return unscannable;
		// The text of a JSON string holding JSON is that string: its fields are read from the decoded event.
		if (raw.scalar(recordField.valueEncoding) === 'json-string') return unscannable;
		return this.scan(raw.buffer, start, raw.spanEnd, member, this.spans);
	}

	/** A field's value from the loaded bytes (the group's ASCII text as `asciiText`), or `unreadable` when only the whole event tells. */
	private readBytes(reader: FieldReader): unknown {
		const raw = this.raw;
		if ('envelope' in reader) return raw.scalar(envelopeFields[reader.envelope]);
		this.scanned ??= this.scanValue();
		if (this.scanned === unscannable) return unreadable;
		const found = this.scanned[reader.index];
		// Only the group is looked up by its bytes: another field's text is made here.
		if (found === asciiText && reader !== this.group) return raw.buffer.toString('latin1', this.spans[2 * reader.index], this.spans[(2 * reader.index) + 1]);
		if (found !== undefined) return found;
		const headers = raw.headers(recordField.headers);
		if (headers === unreadable) return unreadable;
		const header = headers[reader.header];
		return isPresent(header) ? header : undefined;
	}
}

/** Group every stored event that `where` accepts by the value of `groupBy`, on this thread (group-by-parallel.ts splits it over threads). */
export function groupStoredEvents(store: GroupByStore & Pick<EventStore, 'seqRange'>, options: GroupByOptions): GroupByResult {
	const range = store.seqRange();
	const accumulator = new GroupAccumulator(options, {expected: range ? range.newest - range.oldest + 1 : 0});
	if (range) accumulator.foldRange(store, range.oldest - 1, range.newest);
	return accumulator.result();
}

/**
 * The parts of a group-by's account: what matched and its values, the events without the field, the copies counted
 * once (`short`: called copies, for a narrow line).
 */
export function groupSummaryParts(groupBy: string, result: GroupByResult, short = false): {matched: string; without: string; copies: string} {
	return {
		matched: `${counted(result.matched, 'event')} · ${counted(result.groups.length, 'value')} of ${groupBy}`,
		without: `${formatNumber(result.withoutField)} without it`,
		copies: `${short ? counted(result.copies, 'copy', 'copies') : counted(result.copies, 'repeated event id')} counted once`,
	};
}

/** What the account of a group-by says of its `--sum` field when found inside arrays or as a repeated header (empty otherwise). */
export function sumNotes(sum: string | undefined, result: GroupByResult): string {
	if (sum === undefined) return '';
	const elements = result.sumInArrays === 0 ? '' : ` · ${sum} inside an array in ${counted(result.sumInArrays, 'event')}: each element's number added`;
	const headers = result.sumRepeatedHeaders === 0 ? '' : ` · ${sum} a repeated header in ${counted(result.sumRepeatedHeaders, 'event')}: not added`;
	return `${elements}${headers}`;
}

/** The one-line account of a group-by (`query` and the TUI's `:group` view say it alike), with the `--sum` field's notes. */
export function groupSummary(groupBy: string, result: GroupByResult, sum?: string): string {
	const {matched, without, copies} = groupSummaryParts(groupBy, result);
	const inArrays = result.inArrays === 0 ? '' : ` · ${formatNumber(result.inArrays)} with it inside an array, in no group`;
	return `${matched} · ${without} · ${copies}${inArrays}${sumNotes(sum, result)}`;
}
