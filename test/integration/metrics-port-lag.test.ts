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

	it('bounds the lag to the first 100 topics and 50 groups by name, and says what it left out', async () => {
		const topics = Array.from({length: 102}, (_, index) => uniqueName(`it-lag-cut-${String(index).padStart(3, '0')}`));
		// 53 applications, each committed on the first topic (application groups of the test: the monitor makes none).
		const groups = Array.from({length: 53}, (_, index) => uniqueName(`it-lag-app-${String(index).padStart(2, '0')}`)).sort();
		const kafka = new Kafka({brokers: [broker.bootstrap], logLevel: logLevel.NOTHING});
		const admin = kafka.admin();
		const producer = kafka.producer({createPartitioner: Partitioners.DefaultPartitioner});
		await admin.connect();
		await producer.connect();
		try {
			await admin.createTopics({topics: topics.map(topic => ({topic, numPartitions: 1})), waitForLeaders: true});
			await producer.send({topic: topics[0]!, messages: Array.from({length: 3}, (_, index) => ({value: JSON.stringify({type: 'Ping', orderId: `ORD-${index}`})}))});
			for (const groupId of groups) await admin.setOffsets({groupId, topic: topics[0]!, partitions: [{partition: 0, offset: '1'}]});
			const before = new Set((await admin.listGroups()).groups.map(group => group.groupId));
			const source = `kafka://${broker.bootstrap}?topics=${topics.join(',')}`;
			const cli = startCli(['monitor', '--source', source, '--from', 'earliest', '--headless', '--metrics-port', '0', '--ephemeral'], {cwd: temp.path});
			try {
				const url = await metricsUrl(cli);
				await vi.waitFor(async () => {
					const scraped = await (await fetch(url)).text();
					expect(scraped.match(/^pubsub_tools_consumer_lag\{/gm)?.length).toBe(50);
				}, {timeout: limit(60_000), interval: 500});
				const scraped = await (await fetch(url)).text();
				for (const group of groups.slice(0, 50)) expect(scraped).toContain(`group="${group}",topic="${topics[0]}"} 2`);
				for (const group of groups.slice(50)) expect(scraped).not.toContain(`group="${group}"`);
				await vi.waitFor(() => {
					expect(cli.printed().stderr).toContain('consumer-group lag of the first 50 groups by name only: 3 more left out');
					expect(cli.printed().stderr).toContain('consumer-group lag of the first 100 topics read only: 2 more left out');
				}, {timeout: limit(10_000), interval: 100});
				// The monitor made no group of its own.
				expect((await admin.listGroups()).groups.map(group => group.groupId).filter(group => !before.has(group))).toEqual([]);
			} finally {
				cli.child.kill('SIGINT');
				const result = await cli.exited;
				expect(result.code).toBe(0);
			}
		} finally {
			await producer.disconnect();
			await admin.deleteGroups(groups).catch(() => undefined);
			await admin.deleteTopics({topics}).catch(() => undefined);
			await admin.disconnect();
		}
	}, limit(240_000));
});
