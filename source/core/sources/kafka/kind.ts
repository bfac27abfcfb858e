// The Kafka source kind: `kafka://` URLs, read and published through a client loaded only when one is opened.
import type {SourceKind} from '../kind.js';
import {parseKafkaUrl} from './url.js';

/** Kafka: topics read without joining a consumer group; `demo --publish` and `check` publish to it. */
export const kafkaKind: SourceKind = {
	name: 'Kafka',
	schemes: ['kafka'],
	live: true,
	readsToNow: true,
	example: `'kafka://host:9092?topics=orders.*'`,
	secretEnv: ['KAFKA_PASSWORD'],
	parseUrl: parseKafkaUrl,
	async open(spec, options) {
		// Loaded only when asked for: the Kafka client compiles its schemas on import (~0.3–1.5 s), which commands on a
		// recording must not pay.
		const {kafkaSource} = await import('./source.js');
		return kafkaSource(spec, {from: options.from, toNow: options.toNow, fields: options.config.fields});
	},
	async publisher(url, topics, fields, options) {
		const {kafkaPublisher} = await import('./publisher.js');
		return kafkaPublisher(url, topics, fields, options);
	},
};
