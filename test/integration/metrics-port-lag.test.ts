// `monitor --headless --metrics-port` on a live Kafka topic: the applications' consumer-group lag reaches /metrics.
import {Kafka, logLevel, Partitioners} from 'kafkajs';
import {afterAll, beforeAll, describe, expect, it, vi} from 'vitest';
import {metricsUrl, startCli} from '../support/cli.js';
import {useTempDir} from '../support/temp-dir.js';
import {kafkaForTestFile, kafkaSkipReason} from '../support/kafka.js';
import {uniqueName} from './reader.js';
import {limit} from '../support/limits.js';

const temp = useTempDir('pubsub-metrics-lag-');

describe.skipIf(kafkaSkipReason())('monitor --headless --metrics-port on Kafka', () => {
	let broker: {bootstrap: string; stop(): Promise<void>};
	beforeAll(async () => {
		broker = await kafkaForTestFile();
	});
	afterAll(async () => broker.stop());

	it('exports the topic\'s events and an application group\'s lag, labelled by group and topic only', async () => {
		const topic = uniqueName('it-metrics-lag');
		const groupId = uniqueName('it-metrics-app');
		const kafka = new Kafka({brokers: [broker.bootstrap], logLevel: logLevel.NOTHING});
		const admin = kafka.admin();
		const producer = kafka.producer({createPartitioner: Partitioners.DefaultPartitioner});
		await admin.connect();
		await producer.connect();
		try {
			await admin.createTopics({topics: [{topic, numPartitions: 1}], waitForLeaders: true});
			await producer.send({topic, messages: Array.from({length: 25}, (_, index) => ({value: JSON.stringify({type: 'Ping', orderId: `ORD-${index}`})}))});
			// An application that has read (and committed) the first 5 only: its lag is 20.
			await admin.setOffsets({groupId, topic, partitions: [{partition: 0, offset: '5'}]});
			const cli = startCli(['monitor', '--source', `kafka://${broker.bootstrap}?topics=${topic}`, '--from', 'earliest', '--headless', '--metrics-port', '0', '--ephemeral'], {cwd: temp.path});
			try {
				const url = await metricsUrl(cli);
				const lagLine = `pubsub_tools_consumer_lag{source="kafka://${broker.bootstrap}?topics=${topic}",group="${groupId}",topic="${topic}"} 20`;
				const text = await vi.waitFor(async () => {
					const scraped = await (await fetch(url)).text();
					expect(scraped).toContain(`pubsub_tools_topic_events_total{topic="${topic}"} 25`);
					expect(scraped).toContain(lagLine);
					return scraped;
				}, {timeout: limit(60_000), interval: 500});
				expect(text).not.toMatch(/ORD-\d/);
			} finally {
				cli.child.kill('SIGINT');
				const result = await cli.exited;
				expect(result.code).toBe(0);
			}
		} finally {
			await producer.disconnect();
			await admin.deleteGroups([groupId]).catch(() => undefined);
			await admin.disconnect();
		}
	}, limit(120_000));
});
