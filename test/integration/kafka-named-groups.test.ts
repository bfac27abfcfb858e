// `groups=` on a broker of the test's own, where no group ever committed: naming a group that does not exist must
// not make the broker create its `__consumer_offsets` topic (asking for a group's offsets finds its coordinator,
// which creates it), and the source says the group does not exist, whether or not it read events; a named group that
// does exist still has its lag.
import path from 'node:path';
import {setTimeout as delay} from 'node:timers/promises';
import {Kafka, logLevel, type Admin} from 'kafkajs';
import {afterAll, beforeAll, describe, expect, it, vi} from 'vitest';
import type {KafkaServer} from '../../scripts/kafka-server.js';
import {kafkaSource} from '../../source/core/sources/kafka/source.js';
import {runCli, startCli} from '../support/cli.js';
import {kafkaSkipReason, startDedicatedKafka} from '../support/kafka.js';
import {useTempDir} from '../support/temp-dir.js';
import {Reader} from './reader.js';
import {backstopDuration, limit} from '../support/limits.js';
import {expectReadToNow, toNow} from '../support/read-to-now.js';
import {eventLines} from '../support/recording-lines.js';

const skipReason = kafkaSkipReason({dedicated: true});

describe.skipIf(skipReason)('Kafka source with groups= on a fresh cluster', () => {
	const temp = useTempDir('pubsub-kafka-named-groups-');
	const topic = 'orders';
	let broker: KafkaServer;
	let admin: Admin;

	beforeAll(async () => {
		broker = await startDedicatedKafka();
		admin = new Kafka({clientId: 'it-named-groups', brokers: [broker.bootstrap], logLevel: logLevel.NOTHING}).admin();
		await admin.connect();
		await admin.createTopics({topics: [{topic, numPartitions: 1}], waitForLeaders: true});
	});

	/** Send `count` small JSON messages to `name`. */
	const produce = async (name: string, count: number) => {
		const producer = new Kafka({clientId: 'it-named-groups-producer', brokers: [broker.bootstrap], logLevel: logLevel.NOTHING}).producer();
		await producer.connect();
		try {
			await producer.send({topic: name, messages: Array.from({length: count}, (_, n) => ({key: `ORD-${n}`, value: JSON.stringify({orderId: `ORD-${n}`, type: 'OrderCreated'})}))});
		} finally {
			await producer.disconnect();
		}
	};

	afterAll(async () => {
		await admin?.disconnect();
		await broker?.stop();
	});

	it('creates nothing for a group that does not exist, and says it does not exist', async () => {
		expect(await admin.listTopics()).toEqual([topic]);
		const source = `kafka://${broker.bootstrap}?topics=${topic}&groups=billing`;
		const result = await runCli(['metrics', '--source', source, ...toNow(), '--json', '--ephemeral'], {cwd: temp.path});
		expectReadToNow(result);
		expect(await admin.listTopics()).toEqual([topic]);
		expect((await admin.listGroups()).groups).toEqual([]);
		expect(result.stderr).toContain(`${source}: consumer group "billing" does not exist`);
	}, limit(60_000));

	it('shows a named group that exists and says which named one does not', async () => {
		await admin.setOffsets({groupId: 'billing', topic, partitions: [{partition: 0, offset: '0'}]});
		const reader = new Reader(kafkaSource(`kafka://${broker.bootstrap}?topics=${topic}&groups=billing,shipping`, {lagIntervalMs: 200}));
		try {
			await vi.waitFor(() => {
				const health = reader.source.health();
				expect(health.lag).toEqual([{group: 'billing', topic, lag: 0, partitions: [{partition: 0, end: 0, committed: 0, lag: 0}]}]);
				expect(health.notices).toEqual(['consumer group "shipping" does not exist']);
				expect(health.error).toBeUndefined();
			}, {timeout: limit(20_000), interval: 100});
		} finally {
			await reader.close();
		}

		expect((await admin.listGroups()).groups.map(group => group.groupId)).toEqual(['billing']);
	}, limit(60_000));

	it('says a named group does not exist also when events were read', async () => {
		await produce(topic, 3);
		const source = `kafka://${broker.bootstrap}?topics=${topic}&groups=billing,shipping`;
		const result = await runCli(['metrics', '--source', source, '--from', 'earliest', ...toNow(), '--json', '--ephemeral'], {cwd: temp.path});
		expectReadToNow(result);
		expect(JSON.parse(result.stdout)).toMatchObject({events: 3});
		expect(result.stderr.split('\n').filter(line => line.includes('consumer group'))).toEqual([`pubsub-tools: warning: ${source}: consumer group "shipping" does not exist`]);
	}, limit(60_000));

	it('keeps reading an empty topic past the connect timeout when a named group does not exist (no --duration)', async () => {
		const quiet = 'payments';
		await admin.createTopics({topics: [{topic: quiet, numPartitions: 1}], waitForLeaders: true});
		const source = `kafka://${broker.bootstrap}?topics=${quiet}&groups=nobody`;
		// From earliest: the events are read whenever the source got to its positions (a loaded machine starts slowly);
		// `record --count` ends the run once it has read them, where a `metrics` run stopped after a guessed 5 s.
		const file = path.join(temp.path, 'payments.jsonl');
		// A connect timeout of 1 s was missed on a loaded machine ("could not reach … within 1 s"): scaled, as the wait
		// past it, which stays twice as long.
		const cli = startCli(['record', '--source', source, '--from', 'earliest', '--connect-timeout', backstopDuration(2), '--count', '2', '--ephemeral', '-o', file], {cwd: temp.path});
		const missing = `pubsub-tools: warning: ${source}: consumer group "nobody" does not exist\n`;
		// Connected: the group was looked up. Then well past the connect timeout: a source with nothing to read yet
		// would have been given up on by now.
		await vi.waitFor(() => expect(cli.printed().stderr).toContain(missing), {timeout: limit(30_000), interval: 100});
		await delay(limit(4000));
		await produce(quiet, 2);
		const result = await cli.exited;
		expect(result.code, result.stderr).toBe(0);
		expect(result.stderr).toContain(missing);
		expect(result.stderr).not.toContain('stopped reading it');
		expect(result.stderr).toContain('recorded 2 events');
		expect(eventLines(file)).toHaveLength(2);
	}, limit(60_000));
});
