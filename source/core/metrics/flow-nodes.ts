// What a flow node is: a topic, or an event type when a transaction's steps stay on one stream (event-model.md).
import type {Envelope} from '../envelope.js';

/** How hop nodes are named: `topic`, `type`, or `auto` (types on streams that carry a transaction's steps). */
export type NodeMode = 'auto' | 'topic' | 'type';

/** The node modes, as `--by` and the configuration spell them. */
export const nodeModes: readonly NodeMode[] = ['auto', 'topic', 'type'];

/** Self and crossing hop counts of one topic (auto mode). */
type TopicHops = {self: number; cross: number};

/**
 * Names hop nodes. `topic`: the topic (the type for events without one). `type`: the event type (the topic for
 * events without one). `auto`: the topic, except for a stream where more hops stay on it than cross into or out of
 * it (an event store such as one Redis stream per saga, `ecommerce.checkout.events`): its events are named by their type, so
 * its steps become nodes instead of one `stream->stream` edge. The choice per topic follows the hops seen so far
 * (in a single-stream system from the first hop on; in a mixed system the first few transactions' hops may
 * still name such a stream as a topic, until its inner hops outnumber its crossings); a topic some of whose hops stay on it while most cross
 * (a payment topic with an authorize → capture step) stays a topic node with a self-loop.
 */
export class FlowNodes {
	private readonly hops = new Map<string, TopicHops>();

	constructor(readonly mode: NodeMode = 'auto') {}

	/** The node of an event now. */
	nodeOf(event: Envelope): string {
		return this.name(event.topic ?? '', event.type);
	}

	/** The node of an event on `topic` ('' for none) of type `type`. */
	name(topic: string, type: string): string {
		if (topic === '') return type;
		if (type === '' || this.mode === 'topic') return topic;
		if (this.mode === 'type') return type;
		const counts = this.hops.get(topic);
		return counts !== undefined && counts.self > counts.cross ? type : topic;
	}

	/** Count a hop from an event on topic `from` to one on topic `to` (auto mode learns from these). */
	observe(from: string, to: string): void {
		if (this.mode !== 'auto') return;
		if (from === to) {
			if (from !== '') this.counts(from).self++;
			return;
		}

		if (from !== '') this.counts(from).cross++;
		if (to !== '') this.counts(to).cross++;
	}

	/** Topics whose events auto mode names by type now, sorted. */
	typedTopics(): string[] {
		return [...this.hops].filter(([, counts]) => counts.self > counts.cross).map(([topic]) => topic).sort();
	}

	private counts(topic: string): TopicHops {
		let counts = this.hops.get(topic);
		if (!counts) this.hops.set(topic, (counts = {self: 0, cross: 0}));
		return counts;
	}
}
