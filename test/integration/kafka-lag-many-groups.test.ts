// Kafka lag on a cluster of more groups than one refresh asks: 60 groups that commit on another topic, named to sort
// first, and one application that commits on the topic read. Its lag is found (every listed group is checked in turn,
// those reading our topics every refresh), and nothing is said of the 60, which read none of our topics.
import {Kafka, logLevel, Partitioners, type Admin} from 'kafkajs';
import {afterAll, beforeAll, describe, expect, it, vi} from 'vitest';
import {kafkaSource} from '../../source/core/sources/kafka/source.js';
import {metricsUrl, startCli} from '../support/cli.js';
import {kafkaForTestFile, kafkaSkipReason} from '../support/kafka.js';
import {useTempDir} from '../support/temp-dir.js';
import {limit} from '../support/limits.js';
import {Reader, uniqueName} from './reader.js';

const temp = useTempDir('pubsub-kafka-lag-many-groups-');

describe.skipIf(kafkaSkipReason())('Kafka lag on a cluster of many groups', () => {
	let broker: {bootstrap: string; stop(): Promise<void>};
	let admin: Admin;
	const topic = uniqueName('it-lag-ours');
	const other = uniqueName('it-lag-other');
	// Sorted before the application: the first 50 groups by name are all unrelated to the topic read.
	const unrelated = Array.from({length: 60}, (_, index) => uniqueName(`0-it-lag-unrelated-${String(index).padStart(2, '0')}`));
	const app = uniqueName('zz-it-lag-app');
	let groupsBefore: Set<string>;

	beforeAll(async () => {
		broker = await kafkaForTestFile();
		const kafka = new Kafka({brokers: [broker.bootstrap], logLevel: logLevel.NOTHING});
		admin = kafka.admin();
		await admin.connect();
		await admin.createTopics({topics: [{topic, numPartitions: 1}, {topic: other, numPartitions: 1}], waitForLeaders: true});
		const producer = kafka.producer({createPartitioner: Partitioners.DefaultPartitioner});
		await producer.connect();
		try {
			await producer.send({topic, messages: Array.from({length: 10}, (_, index) => ({value: JSON.stringify({type: 'Ping', orderId: `ORD-${index}`})}))});
			await producer.send({topic: other, messages: [{value: JSON.stringify({type: 'Pong', orderId: 'ORD-0'})}]});
		} finally {
			await producer.disconnect();
		}

		// Groups of the test (committed to with no member): the monitor itself makes none. setOffsets joins each group
		// for a moment, so they are made 20 at a time.
		for (let first = 0; first < unrelated.length; first += 20) {
			await Promise.all(unrelated.slice(first, first + 20).map(async groupId => admin.setOffsets({groupId, topic: other, partitions: [{partition: 0, offset: '1'}]})));
		}

		await admin.setOffsets({groupId: app, topic, partitions: [{partition: 0, offset: '4'}]});
		groupsBefore = new Set((await admin.listGroups()).groups.map(group => group.groupId));
	}, limit(120_000));

	afterAll(async () => {
		if (admin) {
			// Groups the monitor made would be left behind here: there must be none.
			const made = (await admin.listGroups()).groups.map(group => group.groupId).filter(group => !groupsBefore?.has(group));
			await admin.deleteGroups([...unrelated, app]).catch(() => undefined);
			await admin.deleteTopics({topics: [topic, other]}).catch(() => undefined);
			await admin.disconnect();
			expect(made).toEqual([]);
		}

		await broker?.stop();
	});

	it('finds the application past the first 50 groups by name, and checks every listed group', async () => {
		const reader = new Reader(kafkaSource(`kafka://${broker.bootstrap}?topics=${topic}`, {}));
		try {
			await vi.waitFor(() => {
				const health = reader.source.health();
				expect(health.lag).toEqual([{group: app, topic, lag: 6, partitions: [{partition: 0, end: 10, committed: 4, lag: 6}]}]);
				expect(health.lagUnchecked).toBe(0);
			}, {timeout: limit(30_000), interval: 100});
			// The 60 groups read none of our topics: nothing is said of them.
			expect(reader.source.health().notices).toBeUndefined();
		} finally {
			await reader.close();
		}
	}, limit(60_000));

	it('shows it on /metrics, with no group left unchecked, and says nothing of the unrelated groups on stderr', async () => {
		const source = `kafka://${broker.bootstrap}?topics=${topic}`;
		const cli = startCli(['monitor', '--source', source, '--from', 'earliest', '--headless', '--metrics-port', '0', '--ephemeral'], {cwd: temp.path});
		try {
			const url = await metricsUrl(cli);
			await vi.waitFor(async () => {
				const scraped = await (await fetch(url)).text();
				expect(scraped).toContain(`pubsub_tools_consumer_lag{source="${source}",group="${app}",topic="${topic}"} 6`);
				expect(scraped).toContain(`pubsub_tools_consumer_lag_unchecked_groups{source="${source}"} 0`);
				expect(scraped.match(/^pubsub_tools_consumer_lag\{/gm)).toHaveLength(1);
			}, {timeout: limit(30_000), interval: 250});
		} finally {
			cli.child.kill('SIGINT');
		}

		const result = await cli.exited;
		expect(result.code, result.stderr).toBe(0);
		expect(result.stderr.split('\n').filter(line => /group/i.test(line))).toEqual([]);
	}, limit(60_000));
});
