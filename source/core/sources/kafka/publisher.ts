// Publish to Kafka: creates the scenario's topics when missing (the monitor itself never creates topics).
import {Partitioners} from 'kafkajs';
import {createKafkaClient} from './client.js';
import {parseKafkaUrl} from './url.js';
import {safeErrorMessage} from '../../redact.js';
import {InputError} from '../../errors.js';
import type {FieldConfig} from '../../config.js';
import type {RawEvent} from '../../envelope.js';
import {wireHeaders, wireKey, wireValue} from '../wire.js';
import type {Publisher} from '../source.js';

/**
 * A Kafka producer for `url` that writes each event to its topic, its value as its JSON text (as written when it was
 * read from one; base64 values, keys and headers as their bytes), with its event time, keyed by its correlation id
 * as `fields` find it (so a transaction's events share a partition and stay in order).
 */
export async function kafkaPublisher(url: string, topics: string[], fields: FieldConfig): Promise<Publisher> {
	const parsed = parseKafkaUrl(url);
	const kafka = createKafkaClient(parsed, () => undefined);
	const admin = kafka.admin();
	// Idempotent, as Kafka's own producer is by default since 3.0: when a request fails for one partition, kafkajs
	// sends the whole batch again, and without producer ids the partitions that took it the first time would hold
	// those events twice (seen under load: 93 events stored for 84 published). Retries bounded: kafkajs would
	// otherwise retry an idempotent send forever, and a command must fail when the broker is gone.
	const producer = kafka.producer({createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false, idempotent: true, maxInFlightRequests: 1, retry: {retries: 5}});
	try {
		await admin.connect();
		const existing = new Set(await admin.listTopics());
		const missing = topics.filter(topic => !existing.has(topic));
		if (missing.length > 0) await admin.createTopics({topics: missing.map(topic => ({topic, numPartitions: 3})), waitForLeaders: true});
		await admin.disconnect();
		await producer.connect();
	} catch (error) {
		await admin.disconnect().catch(() => undefined);
		throw new InputError(`cannot publish to ${parsed.display}: ${safeErrorMessage(error, parsed.secrets)}`);
	}

	return {
		name: parsed.display,
		async publish(events: RawEvent[]) {
			const byTopic = new Map<string, RawEvent[]>();
			for (const event of events) {
				const topic = event.topic ?? 'events';
				byTopic.set(topic, [...(byTopic.get(topic) ?? []), event]);
			}

			await producer.sendBatch({
				topicMessages: [...byTopic].map(([topic, batch]) => ({
					topic,
					messages: batch.map(event => ({
						key: wireKey(event, fields),
						value: wireValue(event),
						timestamp: event.timestamp === undefined ? undefined : String(event.timestamp),
						headers: wireHeaders(event.headers, event.headersEncoding),
					})),
				})),
			});
		},
		async close() {
			await producer.disconnect();
		},
	};
}
