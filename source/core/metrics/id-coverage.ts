// How many events carry no correlation id (none of `fields.ids`), and which other fields of the first events look
// like one: an id-like name whose values recur on another topic or event type, as a correlation id's do. A system
// whose ids are named otherwise (`order_ref`) forms no transactions and no hops; this is what says why, and what
// to add to `fields.ids`.
import type {Config} from '../config.js';
import type {Envelope} from '../envelope.js';
import {eachContainer, isRecord} from '../fields.js';

/** A field that may be a correlation id: how many sampled events carried it, its values, and those met elsewhere. */
export type IdCandidate = {field: string; events: number; values: number; linkedValues: number};

/** The `correlation` member of `metrics --json`. */
export type CorrelationSummary = {
	events: number;
	withoutId: number;
	/** The first events of the run, which the candidates were looked for in. */
	sampledEvents: number;
	candidates: IdCandidate[];
};

/** Events looked at for candidates: enough to see values recur, a bounded cost. */
const sampleLimit = 50_000;
/** Fields followed, values kept per field, and values noted where they were met, so memory stays bounded. */
const maxFields = 24;
const maxValues = 20_000;
const maxSightings = 100_000;
/** More events per value than this is a hub (a product, a region), not a transaction's id. */
const maxEventsPerValue = 50;
const minLinked = 3;
const shownCandidates = 3;

// Names that read as an identifier of something else: orderRef, order_ref, invoiceNumber, invoice_no, request-id,
// paymentUuid. Not a bare `id` (`_id`, `uuid`): a record's own key (an event id, a table's primary key, whose
// small integers recur in every table by chance).
const idLikeName = /.(?:Id|ID|[_-]id|Ref|[_-]ref|Reference|[_-]reference|Number|[_-]number|[_-]no|Uuid|UUID|[_-]uuid)$/;

/** Where a value was first met (topic and type), and whether it was met in another place since. */
type Sighting = {group: string; shared: boolean};
type FieldSample = {events: number; values: Set<string>};

/** Counts events without a correlation id and looks for fields that may be one in the run's first events. */
export class IdCoverage {
	private events = 0;
	private withoutId = 0;
	private sampled = 0;
	private readonly fields = new Map<string, FieldSample>();
	/** Every value of the ids and the candidate fields sampled, by any field: `order_ref` on one topic meets `orderRef` or `orderId` on another. */
	private readonly sightings = new Map<string, Sighting>();
	private readonly containers: readonly string[];
	private readonly known: ReadonlySet<string>;
	/** Whether a key may be a candidate, decided once per name (a key is met in nearly every event). */
	private readonly verdicts = new Map<string, boolean>();
	/** The candidates as of `sampled` events: they change only while sampling, and views ask ten times a second. */
	private candidates: {sampled: number; list: IdCandidate[]} = {sampled: 0, list: []};

	constructor(fields: Config['fields']) {
		this.containers = fields.containers;
		// Fields with a role already are not candidates: customers join a customer's orders into one, on purpose not.
		this.known = new Set([...fields.ids, ...fields.eventId, ...fields.customer, ...fields.recipient, ...fields.ip, ...fields.amount, ...fields.type, ...fields.time, ...fields.status]);
	}

	/** Count a batch's events; sample the run's first ones for candidates. */
	observe(events: readonly Envelope[]): void {
		for (const env of events) {
			this.events++;
			if (env.ids.length === 0) this.withoutId++;
			if (this.sampled >= sampleLimit || env.duplicate || env.copy) continue;
			this.sample(env);
			if (++this.sampled === sampleLimit) this.settle();
		}
	}

	/** Note the event's ids and id-like fields where they were met (its topic and type). */
	private sample(env: Envelope): void {
		const group = `${env.topic}\u0000${env.type}`;
		for (const id of env.ids) this.see(id, group);
		if (!isRecord(env.value)) return;
		this.sampleFields(env.value, group);
		eachContainer(env.value, this.containers, inner => {
			this.sampleFields(inner, group);
		});
	}

	/** What `metrics --json` says under `correlation`. */
	summary(): CorrelationSummary {
		if (this.candidates.sampled !== this.sampled) this.candidates = {sampled: this.sampled, list: this.findCandidates()};
		return {events: this.events, withoutId: this.withoutId, sampledEvents: this.sampled, candidates: this.candidates.list};
	}

	/** Sampling is over: the candidates are final, and what they were found in is let go (up to ~15 MB). */
	private settle(): void {
		this.candidates = {sampled: this.sampled, list: this.findCandidates()};
		this.fields.clear();
		this.sightings.clear();
	}

	/** The fields whose values recur across topics or types, the most such values first. */
	private findCandidates(): IdCandidate[] {
		const candidates: IdCandidate[] = [];
		for (const [field, sample] of this.fields) {
			let linkedValues = 0;
			for (const value of sample.values) if (this.sightings.get(value)?.shared === true) linkedValues++;

			const values = sample.values.size;
			if (linkedValues < minLinked || sample.events > values * maxEventsPerValue) continue;
			candidates.push({field, events: sample.events, values, linkedValues});
		}

		candidates.sort((a, b) => b.linkedValues - a.linkedValues || a.field.localeCompare(b.field));
		return candidates.slice(0, shownCandidates);
	}

	private sampleFields(object: Readonly<Record<string, unknown>>, group: string): void {
		for (const name in object) {
			if (!Object.hasOwn(object, name) || !this.mayBeId(name)) continue;
			const value = object[name];
			const text = typeof value === 'string' ? value : (Number.isSafeInteger(value) ? String(value) : undefined);
			if (text === undefined || text === '') continue;
			let sample = this.fields.get(name);
			if (!sample) {
				if (this.fields.size >= maxFields) continue;
				sample = {events: 0, values: new Set()};
				this.fields.set(name, sample);
			}

			sample.events++;
			if (sample.values.size < maxValues) sample.values.add(text);
			this.see(text, group);
		}
	}

	/** An identifier's name without a role of its own; past 1,000 names, each new name is tested as it comes. */
	private mayBeId(name: string): boolean {
		let verdict = this.verdicts.get(name);
		if (verdict === undefined) {
			verdict = !this.known.has(name) && idLikeName.test(name);
			if (this.verdicts.size < 1000) this.verdicts.set(name, verdict);
		}

		return verdict;
	}

	/** Note that `value` was met in `group`: shared once met in another. Past the cap, only values already noted are. */
	private see(value: string, group: string): void {
		const sighting = this.sightings.get(value);
		if (sighting === undefined) {
			if (this.sightings.size < maxSightings) this.sightings.set(value, {group, shared: false});
		} else if (!sighting.shared && sighting.group !== group) sighting.shared = true;
	}
}

/**
 * What the run says about correlation ids, a sentence each (unsanitized: field names come from messages): how many
 * events carry none, and the fields that may be ids. Empty when every event has one and nothing else looks like one.
 */
export function correlationNotes({events, withoutId, candidates}: CorrelationSummary, formatCount: (count: number) => string): string[] {
	if (withoutId === 0 && candidates.length === 0) return [];
	const notes = [`${formatCount(withoutId)} of ${formatCount(events)} events carry no correlation id (fields.ids)`];
	if (candidates.length > 0) {
		const named = candidates.map(({field, values, linkedValues}) => `${field} (${formatCount(linkedValues)} of ${formatCount(values)} values)`);
		notes.push(`may be ids, their values met on other topics or types too: ${named.join(', ')}; add them to fields.ids`);
	}

	return notes;
}
