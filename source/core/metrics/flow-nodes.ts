// What a flow node is: a topic, or an event type when a transaction's steps stay on one stream (event-model.md).
import type {Envelope} from '../envelope.js';

/** How hop nodes are named: `topic`, `type`, or `auto` (types on streams that carry a transaction's steps). */
export type NodeMode = 'auto' | 'topic' | 'type';

/** The node modes, as `--by` and the configuration spell them. */
export const nodeModes: readonly NodeMode[] = ['auto', 'topic', 'type'];

/**
 * How long auto mode may take to name a topic: the hops touching it (self and crossing) it counts at most, and the
 * event time after its first hop it waits at most. The hop tracker holds back the hops of an undecided topic meanwhile.
 */
export const namingBounds = {hops: 1000, ms: 10_000};

/** What auto mode knows of one topic: its self and crossing hops, its first hop's time, its naming once decided. */
type TopicHops = {self: number; cross: number; since: number; byType: boolean | undefined};

/**
 * Names hop nodes. `topic`: the topic (the type for events without one). `type`: the event type (the topic for
 * events without one). `auto`: the topic, except for a stream where more hops stay on it than cross into or out of
 * it (an event store such as one Redis stream per saga, `ecommerce.checkout.events`): its events are named by their
 * type, so its steps become nodes instead of one `stream->stream` edge; a topic some of whose hops stay on it while
 * most cross (a payment topic with an authorize → capture step) stays a topic node with a self-loop. Auto mode
 * decides each topic once, from its first `namingBounds.hops` hops or `namingBounds.ms` of event time after its first
 * hop, whichever comes first (or when told to, `decide`), and keeps that naming for the rest of the run: until then
 * the topic is undecided (`settled` says false) and its hops wait (hops.ts).
 */
export class FlowNodes {
	private readonly hops = new Map<string, TopicHops>();

	constructor(readonly mode: NodeMode = 'auto', private readonly bounds = namingBounds) {}

	/** The node of an event now (an undecided topic's events by the topic). */
	nodeOf(event: Envelope): string {
		return this.name(event.topic ?? '', event.type);
	}

	/** The node of an event on `topic` ('' for none) of type `type`. */
	name(topic: string, type: string): string {
		if (topic === '') return type;
		if (type === '' || this.mode === 'topic') return topic;
		if (this.mode === 'type') return type;
		return this.hops.get(topic)?.byType === true ? type : topic;
	}

	/**
	 * Count a hop at event time `at` from an event on topic `from` to one on topic `to` (auto mode learns from these
	 * until it has decided); true when both topics' namings are decided, with event time `now` reached.
	 */
	settle(from: string, to: string, at: number, now: number): boolean {
		if (this.mode !== 'auto') return true;
		const source = from === '' ? undefined : this.counts(from, at);
		const target = to === '' ? undefined : (from === to ? source : this.counts(to, at));
		if (source !== undefined && source.byType === undefined) {
			if (from === to) source.self++;
			else source.cross++;
		}

		if (target !== undefined && target !== source && target.byType === undefined) target.cross++;
		return this.decided(source, now) && this.decided(target, now);
	}

	/** Whether the naming of `topic` ('' for none) is decided, deciding it when its time `now` has come. */
	settled(topic: string, now: number): boolean {
		return this.mode !== 'auto' || topic === '' || this.decided(this.hops.get(topic), now);
	}

	/** Decide the naming of `topic` now, from the hops counted so far (the tracker holds too many hops back). */
	decide(topic: string): void {
		const counts = this.hops.get(topic);
		if (counts !== undefined && counts.byType === undefined) fixNaming(counts);
	}

	/** Topics whose events auto mode names by type, sorted. */
	typedTopics(): string[] {
		return [...this.hops].filter(([, counts]) => counts.byType === true).map(([topic]) => topic).sort();
	}

	private decided(counts: TopicHops | undefined, now: number): boolean {
		if (counts === undefined || counts.byType !== undefined) return true;
		if (counts.self + counts.cross < this.bounds.hops && now < counts.since + this.bounds.ms) return false;
		fixNaming(counts);
		return true;
	}

	private counts(topic: string, at: number): TopicHops {
		let counts = this.hops.get(topic);
		if (!counts) this.hops.set(topic, (counts = {self: 0, cross: 0, since: at, byType: undefined}));
		return counts;
	}
}

/** Fix a topic's naming for the rest of the run: by type when more of its hops stay on it than cross it. */
function fixNaming(counts: TopicHops): void {
	counts.byType = counts.self > counts.cross;
}
