// Publish to Kafka: creates the scenario's topics when missing (the monitor itself never creates topics), and with
// `hold` (the demo) again when the cluster loses them.
import {setTimeout as delay} from 'node:timers/promises';
import {Partitioners, type Admin, type Message, type PartitionMetadata} from 'kafkajs';
import {createKafkaClient, isFatalKafkaError, isUnknownTopicError} from './client.js';
import {leaderlessWords} from './leaderless.js';
import {positionKey} from './positions.js';
import {createdPartitions, createMissingTopics, remadeTopicsWords} from './publish-topics.js';
import {parseKafkaUrl} from './url.js';
import {safeErrorMessage} from '../../redact.js';
import {InputError} from '../../errors.js';
import type {FieldConfig} from '../../config.js';
import type {RawEvent} from '../../envelope.js';
import {wireHeaders, wireKey, wireValue} from '../wire.js';
import {capHeld} from '../held.js';
import type {HeldEvents, PublishOptions, Publisher} from '../source.js';

/**
 * How long events for a partition without a leader wait for one to be elected (an election takes a few seconds), and
 * how often the cluster is asked meanwhile. kafkajs alone failed the whole batch after its retries (6.4 s), also the
 * events for partitions with a leader, saying only "Broker -1 not found in the cached metadata".
 */
const leaderWaitMs = 10_000;
const leaderPollMs = 500;

/** A message on its way, with its topic. */
type Outgoing = {topic: string; message: Message};

/** Each topic's partitions, with their leaders (-1: none), as the cluster says them now. */
async function partitionsOf(admin: Admin, topics: string[]): Promise<Map<string, PartitionMetadata[]>> {
	const {topics: found} = await admin.fetchTopicMetadata({topics});
	return new Map(found.map(({name, partitions}) => [name, partitions]));
}

/** Messages grouped by topic, as sendBatch takes them. */
function topicMessages(outgoing: Outgoing[]): Array<{topic: string; messages: Message[]}> {
	const byTopic = new Map<string, Message[]>();
	for (const {topic, message} of outgoing) {
		const messages = byTopic.get(topic);
		if (messages) messages.push(message);
		else byTopic.set(topic, [message]);
	}

	return [...byTopic].map(([topic, messages]) => ({topic, messages}));
}

/**
 * A Kafka producer for `url` that writes each event to its topic, its value as its JSON text (as written when it was
 * read from one; base64 values, keys and headers as their bytes), with its event time, keyed by its correlation id
 * as `fields` find it (so a transaction's events share a partition and stay in order). Events for a partition without
 * a leader wait leaderWaitMs for one while the others are sent; then publishing fails, naming the partitions. With
 * `options.hold` they are kept instead (up to heldLimit) and sent with a later batch once their partition has a leader,
 * and `topics` the cluster says it does not have (a broker come back empty) are made again with the partitions they
 * had, before what was kept is sent (news() says so once).
 */
export async function kafkaPublisher(url: string, topics: string[], fields: FieldConfig, options: PublishOptions = {}): Promise<Publisher> {
	const parsed = parseKafkaUrl(url);
	const kafka = createKafkaClient(parsed, () => undefined);
	const admin = kafka.admin();
	// Each event's partition is chosen here, as the producer would (by key, else among those with a leader), to know
	// which events have no leader to go to.
	const partitioner = Partitioners.DefaultPartitioner();
	// Idempotent, as Kafka's own producer is by default since 3.0: when a request fails for one partition, kafkajs
	// sends the whole batch again, and without producer ids the partitions that took it the first time would hold
	// those events twice (seen under load: 93 events stored for 84 published). Retries bounded: kafkajs would
	// otherwise retry an idempotent send forever, and a command must fail when the broker is gone.
	const producer = kafka.producer({createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false, idempotent: true, maxInFlightRequests: 1, retry: {retries: 5}});
	// Each topic's partition count at start: what a topic the cluster loses is made again with.
	let partitionCounts: Map<string, number>;
	try {
		await admin.connect();
		await createMissingTopics(admin, new Map(topics.map(topic => [topic, createdPartitions])));
		const partitions = await partitionsOf(admin, topics);
		partitionCounts = new Map(topics.map(topic => [topic, partitions.get(topic)?.length ?? createdPartitions]));
		await producer.connect();
	} catch (error) {
		await admin.disconnect().catch(() => undefined);
		throw new InputError(`cannot publish to ${parsed.display}: ${safeErrorMessage(error, parsed.secrets)}`);
	}

	const toOutgoing = (event: RawEvent): Outgoing => ({
		topic: event.topic ?? 'events',
		message: {
			key: wireKey(event, fields),
			value: wireValue(event),
			timestamp: event.timestamp === undefined ? undefined : String(event.timestamp),
			headers: wireHeaders(event.headers, event.headersEncoding),
		},
	});

	// With `hold`: the topics made again since news() was last asked, said for people.
	let remade: string | undefined;

	/** Each of `names`' partitions now; with `hold`, the topics the cluster lost made again first. */
	const partitionsNow = async (names: string[]) => {
		try {
			return await partitionsOf(admin, names);
		} catch (error) {
			if (!options.hold || !isUnknownTopicError(error)) throw error;
			const made = await createMissingTopics(admin, partitionCounts);
			if (made.length > 0) remade = remadeTopicsWords(made);
			return partitionsOf(admin, names);
		}
	};

	/** Send those of `pending` whose partition has a leader now; returns the others, in order. */
	const sendLed = async (pending: Outgoing[]): Promise<Outgoing[]> => {
		const partitions = await partitionsNow([...new Set(pending.map(({topic}) => topic))]);
		const waiting: Outgoing[] = [];
		const ready: Outgoing[] = [];
		for (const outgoing of pending) {
			const partitionMetadata = partitions.get(outgoing.topic) ?? [];
			// A topic the cluster does not list is left to the producer, which says so.
			if (partitionMetadata.length > 0) outgoing.message.partition ??= partitioner({topic: outgoing.topic, partitionMetadata, message: outgoing.message});
			const leader = partitionMetadata.find(({partitionId}) => partitionId === outgoing.message.partition)?.leader;
			(leader !== undefined && leader < 0 ? waiting : ready).push(outgoing);
		}

		if (ready.length > 0) await producer.sendBatch({topicMessages: topicMessages(ready)});
		return waiting;
	};

	/** The partitions `pending` waits for, named for people. */
	const whereWaiting = (pending: Outgoing[]) => leaderlessWords([...new Set(pending.map(({topic, message}) => positionKey(topic, message.partition!)))]);
	// With `hold`: why the cluster could not be asked or sent to at the last try (its only broker down), else undefined.
	let unreachable: string | undefined;

	// With `hold`: events kept for partitions without a leader, oldest first, and how many were given up on.
	let held: Outgoing[] = [];
	let dropped = 0;
	// What held() says, worked out once when `held` changes (it names the partitions of every held event), not at
	// every call: the demo asks twice a batch and once a second.
	let said: HeldEvents | undefined;
	const keep = (waiting: Outgoing[]) => {
		held = waiting;
		const waitingFor = unreachable === undefined ? `${whereWaiting(held)} without a leader` : `${parsed.display} to answer (${unreachable})`;
		said = held.length > 0 || dropped > 0 ? {events: held.length, dropped, where: waitingFor} : undefined;
	};

	return {
		name: parsed.display,
		async publish(events: RawEvent[]) {
			if (options.hold) {
				// Kept events go first: a partition's events keep their order, and a key keeps its partition.
				const pending = held.length > 0 ? held.concat(events.map(toOutgoing)) : events.map(toOutgoing);
				let waiting: Outgoing[];
				try {
					waiting = await sendLed(pending);
					unreachable = undefined;
				} catch (error) {
					// The whole cluster out of reach (a single broker down): every event waits for it, as for a leader.
					if (isFatalKafkaError(error)) throw new InputError(`cannot publish to ${parsed.display}: ${safeErrorMessage(error, parsed.secrets)}`);
					unreachable = safeErrorMessage(error, parsed.secrets);
					waiting = pending;
				}

				const {kept, dropped: over} = capHeld(waiting);
				dropped += over;
				keep(kept);
				return;
			}

			let pending = events.map(toOutgoing);
			const deadline = Date.now() + leaderWaitMs;
			for (;;) {
				pending = await sendLed(pending);
				if (pending.length === 0) return;
				if (Date.now() >= deadline) {
					throw new InputError(`cannot publish to ${parsed.display}: ${whereWaiting(pending)} without a leader for ${leaderWaitMs / 1000} s (a broker down?): ${pending.length} of ${events.length} events not sent`);
				}

				await delay(leaderPollMs);
			}
		},
		held() {
			return said;
		},
		news() {
			const news = remade;
			remade = undefined;
			return news;
		},
		async close() {
			// One last try for what is held, without waiting for a leader: what still has none stays held, for the caller to say.
			if (held.length > 0) keep(await sendLed(held).catch(() => held));
			await producer.disconnect();
			await admin.disconnect();
		},
	};
}
