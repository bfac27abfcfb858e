// Kafka 4.4 lists a Kafka Streams application on the streams rebalance protocol as a group of type `streams` (not
// `consumer`): its lag must reach /metrics (and the Topics pane) as a consumer group's does. Runs on a 4.4.0 broker of
// its own, the release that turns the protocol on by default.
import {Kafka, logLevel, Partitioners} from 'kafkajs';
import {afterAll, beforeAll, describe, expect, it, vi} from 'vitest';
import type {KafkaServer} from '../../scripts/kafka-server.js';
import {metricsUrl, startCli} from '../support/cli.js';
import {kafkaSkipReason, startDedicatedKafka} from '../support/kafka.js';
import {runStreamsApp} from '../support/kafka-streams-app.js';
import {limit} from '../support/limits.js';
import {useTempDir} from '../support/temp-dir.js';
import {uniqueName} from './reader.js';

const temp = useTempDir('pubsub-streams-lag-');
const version = '4.4.0';

describe.skipIf(kafkaSkipReason({dedicated: true}))(`a Kafka Streams application's lag on Kafka ${version}`, () => {
	let broker: KafkaServer;
	beforeAll(async () => {
		broker = await startDedicatedKafka({version});
	});
	afterAll(async () => broker?.stop());

	it('is exported for a streams group as for a consumer group', async () => {
		const topic = uniqueName('it-streams-lag');
		const appId = uniqueName('it-streams-app');
		const kafka = new Kafka({brokers: [broker.bootstrap], logLevel: logLevel.NOTHING});
		const admin = kafka.admin();
		const producer = kafka.producer({createPartitioner: Partitioners.DefaultPartitioner});
		await admin.connect();
		await producer.connect();
		const send = async (first: number, count: number) => producer.send({topic, messages: Array.from({length: count}, (_, index) => ({
			key: `k${first + index}`, value: JSON.stringify({type: 'Ping', orderId: `ORD-${first + index}`}),
		}))});
		try {
			await admin.createTopics({topics: [{topic, numPartitions: 1}], waitForLeaders: true});
			await send(0, 25);
			// The application reads and commits the first 25; 7 more written after it stopped are its lag.
			await runStreamsApp({bootstrap: broker.bootstrap, topic, appId, protocol: 'streams', count: 25, stateDir: temp.path, version});
			await send(25, 7);
			const listed = (await admin.listGroups()).groups.find(group => group.groupId === appId);
			expect(listed?.protocolType).toBe('streams');
			const cli = startCli(['monitor', '--source', `kafka://${broker.bootstrap}?topics=${topic}`, '--from', 'earliest', '--headless', '--metrics-port', '0', '--ephemeral'], {cwd: temp.path});
			try {
				const url = await metricsUrl(cli);
				await vi.waitFor(async () => {
					const scraped = await (await fetch(url)).text();
					expect(scraped).toContain(`pubsub_tools_topic_events_total{topic="${topic}"} 32`);
					expect(scraped).toContain(`pubsub_tools_consumer_lag{source="kafka://${broker.bootstrap}?topics=${topic}",group="${appId}",topic="${topic}"} 7`);
				}, {timeout: limit(30_000), interval: 500});
			} finally {
				cli.child.kill('SIGINT');
				const result = await cli.exited;
				expect(result.code).toBe(0);
			}
		} finally {
			await producer.disconnect();
			await admin.disconnect();
		}
	}, limit(180_000));
});
