// The Kafka source against a real broker: exact round trips, resume, binary values, time starts, topic discovery,
// and an application's consumer group left exactly as it was, with no group of our own.
import {Kafka, logLevel, Partitioners, type Admin, type Consumer, type Producer} from 'kafkajs';
import {afterAll, beforeAll, describe, expect, it, vi} from 'vitest';
import {InputError} from '../../source/core/errors.js';
import {kafkaSource} from '../../source/core/sources/kafka/source.js';
import {kafkaForTestFile, kafkaSkipReason} from '../support/kafka.js';
import {noMoreWithin, Reader, uniqueName} from './reader.js';
import {limit} from '../support/limits.js';

const skipReason = kafkaSkipReason();

describe.skipIf(skipReason)('Kafka source', () => {
	let broker: {bootstrap: string; stop(): Promise<void>};
	let kafka: Kafka;
	let admin: Admin;
	let producer: Producer;

	const url = (topics: string) => `kafka://${broker.bootstrap}?topics=${topics}`;

	const createTopic = async (topic: string, partitions = 1) => {
		await admin.createTopics({topics: [{topic, numPartitions: partitions}], waitForLeaders: true});
	};

	/** Produce `count` JSON events `{event_id, n}` with n from `first`, keyed so they spread over partitions. */
	const produce = async (topic: string, first: number, count: number) => {
		await producer.send({
			topic,
			messages: Array.from({length: count}, (_, index) => ({
				key: `k${first + index}`,
				value: JSON.stringify({event_id: `e${first + index}`, n: first + index}),
			})),
		});
	};

	const numbers = (reader: Reader) => reader.events.map(event => (event.value as {n: number}).n).sort((a, b) => a - b);
	const range = (first: number, count: number) => Array.from({length: count}, (_, index) => first + index);

	beforeAll(async () => {
		broker = await kafkaForTestFile();
		kafka = new Kafka({clientId: 'it-app', brokers: [broker.bootstrap], logLevel: logLevel.NOTHING});
		admin = kafka.admin();
		await admin.connect();
		// Idempotent: a producer retry under load must not write a message twice, or the ledger checks would lie.
		producer = kafka.producer({createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false, idempotent: true});
		await producer.connect();
	});

	afterAll(async () => {
		await producer?.disconnect();
		await admin?.disconnect();
		await broker?.stop();
	});

	it('delivers every event of a multi-partition topic exactly once, with partition, offset, key and time', async () => {
		const topic = uniqueName('it-roundtrip');
		await createTopic(topic, 3);
		const before = Date.now();
		await produce(topic, 0, 300);
		const reader = new Reader(kafkaSource(url(topic), {from: 'earliest'}));
		await reader.waitFor(300);
		await noMoreWithin(1000);
		await reader.close();

		const places = new Set(reader.events.map(event => `${event.partition}/${event.offset}`));
		expect(places.size).toBe(reader.events.length);
		expect(numbers(reader)).toEqual(range(0, 300));
		for (const event of reader.events) {
			expect(event).toMatchObject({source: 'kafka', topic, valueEncoding: 'json'});
			expect(event.key).toBe(`k${(event.value as {n: number}).n}`);
			expect(event.timestamp).toBeGreaterThanOrEqual(before - 1000);
			expect(event.receivedAt).toBeGreaterThanOrEqual(event.timestamp!);
		}

		const highs = await admin.fetchTopicOffsets(topic);
		// Beside the offsets, the topic's id: a topic made again before the next run has another.
		expect(reader.positions).toEqual({...Object.fromEntries(highs.map(({partition, high}) => [`${topic}/${partition}`, high])), [`${topic}#id`]: expect.any(String)});
		expect(reader.source.health()).toMatchObject({name: `kafka://${broker.bootstrap}?topics=${topic}`, state: 'stopped'});
	});

	it('resumes exactly after the saved positions, also when closed with a batch still waiting', async () => {
		const topic = uniqueName('it-resume');
		await createTopic(topic, 2);
		await produce(topic, 0, 400);
		const first = new Reader(kafkaSource(url(topic), {from: 'earliest'}));
		// Close as soon as anything arrived: kafkajs usually has further batches waiting on us, which must be dropped.
		await first.waitFor(1);
		await first.close();
		const read = first.events.length;
		expect(read).toBeGreaterThan(0);

		await produce(topic, 400, 100);
		const second = new Reader(kafkaSource(url(topic), {from: 'latest'}), first.positions);
		await second.waitFor(500 - read);
		await noMoreWithin(1000);
		await second.close();
		expect([...numbers(first), ...numbers(second)].sort((a, b) => a - b)).toEqual(range(0, 500));
	});

	it('keeps binary, text and JSON values byte-exact, with keys and headers', async () => {
		const topic = uniqueName('it-binary');
		await createTopic(topic);
		const binary = Buffer.from([0x00, 0xff, 0xfe, 0x80, 0x81, 0xc3, 0x28, 0x0a, 0x7b]);
		await producer.send({
			topic,
			messages: [
				{key: 'bin', value: binary, headers: {'event-type': 'Blob', raw: Buffer.from([0xff, 0x00])}},
				{key: 'text', value: 'plain text, not JSON {'},
				{key: 'json', value: '{"a":[1,2,{"b":null}]}'},
				{key: 'number', value: '42'},
				{key: null, value: null},
			],
		});
		const reader = new Reader(kafkaSource(url(topic), {from: 'earliest'}));
		await reader.waitFor(5);
		await reader.close();
		const [bin, text, json, number, tombstone] = reader.events;
		expect(bin).toMatchObject({
			key: 'bin',
			valueEncoding: 'base64',
			headers: {'event-type': 'Blob', raw: Buffer.from([0xff, 0x00]).toString('base64')},
		});
		expect(Buffer.from(bin!.value as string, 'base64').equals(binary)).toBe(true);
		expect(text).toMatchObject({value: 'plain text, not JSON {', valueEncoding: 'text'});
		expect(json).toMatchObject({value: {a: [1, 2, {b: null}]}, valueEncoding: 'json'});
		expect(number).toMatchObject({value: 42, valueEncoding: 'json'});
		expect(tombstone).toMatchObject({key: undefined, value: null, valueEncoding: 'json'});
	});

	it('starts at the latest offset, or at the first message at or after an ISO time', async () => {
		const topic = uniqueName('it-from');
		await createTopic(topic);
		const hourAgo = Date.now() - 3600_000;
		await producer.send({
			topic,
			messages: [
				...range(0, 3).map(n => ({value: JSON.stringify({n}), timestamp: String(hourAgo + n)})),
				...range(3, 4).map(n => ({value: JSON.stringify({n}), timestamp: String(hourAgo + 1800_000 + n)})),
			],
		});
		const byTime = new Reader(kafkaSource(url(topic), {from: new Date(hourAgo + 1800_000).toISOString()}));
		await byTime.waitFor(4);
		await noMoreWithin(500);
		await byTime.close();
		expect(numbers(byTime)).toEqual([3, 4, 5, 6]);
		expect(byTime.events[0]!.timestamp).toBe(hourAgo + 1800_003);

		const latest = new Reader(kafkaSource(url(topic)));
		await latest.waitForState('connected');
		await produce(topic, 100, 2);
		await latest.waitFor(2);
		await noMoreWithin(500);
		await latest.close();
		expect(numbers(latest)).toEqual([100, 101]);
	});

	it('finds topics matching a pattern while running and reports a deleted topic without stopping', async () => {
		const prefix = uniqueName('it-disc');
		await createTopic(`${prefix}.a`);
		// A kafkajs client that once wrote to a deleted topic keeps failing on it: this test uses producers of its own.
		const early = kafka.producer({createPartitioner: Partitioners.DefaultPartitioner, idempotent: true});
		await early.connect();
		const send = async (to: Producer, topic: string, first: number) => to.send({
			topic,
			messages: range(first, 5).map(n => ({value: JSON.stringify({n})})),
		});
		await send(early, `${prefix}.a`, 0);
		const reader = new Reader(kafkaSource(url(`${prefix}.*`), {from: 'earliest', discoveryIntervalMs: 500}));
		await reader.waitFor(5);
		await createTopic(`${prefix}.b`);
		await send(early, `${prefix}.b`, 5);
		await reader.waitFor(10);
		await early.disconnect();

		await admin.deleteTopics({topics: [`${prefix}.a`]});
		await expect.poll(() => reader.source.health(), {timeout: limit(30_000)}).toMatchObject({error: expect.stringMatching(/was deleted/)});
		const late = kafka.producer({createPartitioner: Partitioners.DefaultPartitioner, idempotent: true});
		await late.connect();
		await send(late, `${prefix}.b`, 10);
		await createTopic(`${prefix}.c`);
		await send(late, `${prefix}.c`, 15);
		await late.disconnect();
		await reader.waitFor(20);
		await reader.close();
		expect(numbers(reader)).toEqual(range(0, 20));
		expect(reader.source.health().error).toContain(`topic "${prefix}.a" was deleted`);
		expect(reader.states.has('error')).toBe(false);
	});

	it('says how many events of a topic deleted while it was read were never read', async () => {
		const topic = uniqueName('it-deleted-unread');
		await createTopic(topic);
		// 5,000 events of 1 KB: a fetch brings at most 1 MiB of a partition, so most of them are still to read. A kafkajs
		// client that once wrote to a deleted topic keeps failing on it: a producer of its own.
		const own = kafka.producer({createPartitioner: Partitioners.DefaultPartitioner, idempotent: true});
		await own.connect();
		const padding = 'x'.repeat(1000);
		for (let first = 0; first < 5000; first += 500) {
			await own.send({topic, messages: range(first, 500).map(n => ({value: JSON.stringify({n, padding})}))});
		}

		await own.disconnect();

		const source = kafkaSource(url(topic), {from: 'earliest', discoveryIntervalMs: 500});
		// Taken one batch at a time: the source fetches no further than the batch waiting to be taken.
		const batches = source.batches()[Symbol.asyncIterator]();
		// The first batch may carry only where the partition starts (no event): taken until events come.
		let read = 0;
		while (read === 0) read += (await batches.next()).value?.events.length ?? 0;
		await admin.deleteTopics({topics: [topic]});
		await expect.poll(() => source.health(), {timeout: limit(30_000)}).toMatchObject({error: expect.stringMatching(/was deleted/)});
		const taking = (async () => {
			for (let next = await batches.next(); !next.done; next = await batches.next()) read += next.value.events.length;
		})();
		await noMoreWithin(1000);
		await source.close();
		await taking;
		const gap = source.health().gaps?.find(text => text.includes(topic));
		const unread = Number(/^([\d,]+) events of /.exec(gap ?? '')?.[1]?.replaceAll(',', ''));
		expect(gap).toBe(`${unread.toLocaleString('en-US')} events of ${topic}/0 (offsets ${read} to 4999) were not read before topic ${topic} was deleted`);
		expect(read + unread).toBe(5000);
		expect(read).toBeLessThan(5000);
	});

	it('reads a topic deleted and made again while it runs from its new start, and says so', async () => {
		const topic = uniqueName('it-remade');
		await createTopic(topic);
		await produce(topic, 0, 10);
		// Discoveries 3 s apart: the topic is made again and filled between two of them.
		const reader = new Reader(kafkaSource(url(topic), {from: 'earliest', discoveryIntervalMs: 3000}));
		await reader.waitFor(10);
		await admin.deleteTopics({topics: [topic]});
		await expect.poll(() => reader.source.health(), {timeout: limit(30_000)}).toMatchObject({error: expect.stringMatching(/was deleted/)});
		// Deletion completes in the background: the broker refuses the same name until it has.
		await vi.waitFor(async () => {
			expect(await admin.createTopics({topics: [{topic, numPartitions: 1}], waitForLeaders: true})).toBe(true);
		}, {timeout: limit(30_000), interval: 500});
		// More events than the old topic had: no offset is out of range, only the topic's id tells it is new.
		const fresh = new Kafka({clientId: 'it-remade', brokers: [broker.bootstrap], logLevel: logLevel.NOTHING}).producer({idempotent: true});
		await fresh.connect();
		await fresh.send({topic, messages: range(100, 20).map(n => ({value: JSON.stringify({n})}))});
		await fresh.disconnect();
		await reader.waitFor(30, limit(20_000));
		await noMoreWithin(1000);
		// The fetches that failed while the topic was gone ("Unknown topic") are over: no error is left, only the notice.
		const health = reader.source.health();
		await reader.close();
		expect(health.state).toBe('connected');
		expect(health.error ?? '').not.toMatch(/Unknown topic/);
		expect(numbers(reader)).toEqual([...range(0, 10), ...range(100, 20)]);
		expect(reader.events.slice(10).map(event => event.offset)).toEqual(range(0, 20).map(String));
		// The cluster by its id, whatever its brokers were called.
		expect(reader.restarted).toEqual([{source: 'kafka', origin: (await admin.describeCluster()).clusterId, topic, partition: 0}]);
		expect(reader.events.every(event => event.origin === reader.restarted[0]!.origin)).toBe(true);
		expect(reader.source.health().gaps).toContain(`topic ${topic} was deleted and made again since it was last read: its new events were read from its start`);
	});

	it('picks up partitions added to a topic while running, from their first event', async () => {
		const topic = uniqueName('it-grow');
		await createTopic(topic);
		await produce(topic, 0, 5);
		const reader = new Reader(kafkaSource(url(topic), {from: 'latest', discoveryIntervalMs: 500}), {});
		await reader.waitForState('connected');
		await produce(topic, 5, 5);
		await reader.waitFor(5);
		await admin.createPartitions({topicPartitions: [{topic, count: 3}]});
		// A producer of its own: the shared one would not see the new partitions before its metadata expires.
		const fresh = new Kafka({clientId: 'it-grow', brokers: [broker.bootstrap], logLevel: logLevel.NOTHING}).producer({idempotent: true});
		await fresh.connect();
		await fresh.send({topic, messages: range(10, 6).map(n => ({partition: n % 3, value: JSON.stringify({n})}))});
		await fresh.disconnect();
		await reader.waitFor(11);
		await noMoreWithin(1000);
		await reader.close();
		expect(numbers(reader)).toEqual(range(5, 11));
		expect(new Set(reader.events.map(event => event.partition))).toEqual(new Set([0, 1, 2]));
	});

	it('reads committed events only: an aborted transaction and the transaction markers are not events', async () => {
		const topic = uniqueName('it-txn');
		await createTopic(topic);
		const transactional = kafka.producer({transactionalId: uniqueName('it-txn-id'), idempotent: true, maxInFlightRequests: 1});
		await transactional.connect();
		const inTransaction = async (first: number, outcome: 'commit' | 'abort') => {
			const transaction = await transactional.transaction();
			await transaction.send({topic, messages: range(first, 5).map(n => ({key: `k${n}`, value: JSON.stringify({n})}))});
			await (outcome === 'commit' ? transaction.commit() : transaction.abort());
		};

		await inTransaction(0, 'commit');
		await inTransaction(100, 'abort');
		await inTransaction(5, 'commit');
		await transactional.disconnect();
		const reader = new Reader(kafkaSource(url(topic), {from: 'earliest'}));
		await reader.waitFor(10);
		await noMoreWithin(1000);
		// Read up to past the last marker: caught up, so the engine lets the quiet topic's time pass.
		expect(reader.source.health()).toMatchObject({state: 'connected', catchingUp: false});
		await reader.close();
		expect(numbers(reader)).toEqual(range(0, 10));
		// Past the last commit marker: a resumed run does not read the markers again.
		const [{high}] = await admin.fetchTopicOffsets(topic) as [{high: string}];
		expect(reader.positions).toEqual({[`${topic}/0`]: high, [`${topic}#id`]: expect.any(String)});
	});

	it('says a named topic does not exist, connected to a broker that answers (a warning, not an unreachable broker)', async () => {
		const topic = uniqueName('it-missing');
		const reader = new Reader(kafkaSource(url(topic), {from: 'earliest'}));
		await expect.poll(() => reader.source.health(), {timeout: limit(30_000)}).toMatchObject({error: expect.any(String)});
		// Time is tested: a second later the missing topic is still a warning on a connected source, not a failure.
		await new Promise(resolve => setTimeout(resolve, 1000));
		expect(reader.source.health()).toMatchObject({state: 'connected', error: `topic "${topic}" does not exist`});
		await reader.close();
		expect(reader.events).toEqual([]);
	});

	it('stops with an InputError that does not show the password when the broker refuses SASL', async () => {
		const password = 'Sup3r-secret-pw';
		const reader = new Reader(kafkaSource(`kafka://bob:${password}@${broker.bootstrap}?topics=x&sasl=scram-sha-256`));
		await reader.ended();
		const health = reader.source.health();
		expect(reader.error).toBeInstanceOf(InputError);
		expect(health.state).toBe('error');
		expect(health.error).toMatch(/SASL/);
		for (const text of [health.error, (reader.error as Error).message, health.name]) expect(text).not.toContain(password);
	});

	it('waits for an unreachable broker, showing why, and closes promptly', async () => {
		const reader = new Reader(kafkaSource('kafka://127.0.0.1:1?topics=x'));
		await expect.poll(() => reader.source.health(), {timeout: limit(10_000)}).toMatchObject({error: expect.any(String)});
		expect(reader.source.health()).toMatchObject({state: 'connecting', error: expect.stringMatching(/ECONNREFUSED/)});
		await reader.close();
		expect(reader.events).toEqual([]);
		expect(reader.source.health().state).toBe('stopped');
	});

	describe('next to an application consumer group', () => {
		let app: Consumer;

		afterAll(async () => {
			await app?.disconnect();
		});

		it('reads without changing the group or joining any group of its own, and reports the group lag', async () => {
			const topic = uniqueName('it-group');
			const groupId = uniqueName('it-app-group');
			await createTopic(topic, 2);
			await produce(topic, 0, 60);
			app = kafka.consumer({groupId, allowAutoTopicCreation: false});
			await app.connect();
			await app.subscribe({topics: [topic], fromBeginning: true});
			let consumed = 0;
			await app.run({eachMessage: async () => {
				consumed++;
			}});
			await expect.poll(() => consumed, {timeout: limit(30_000), message: 'events the application consumed'}).toBe(60);
			// The application stops consuming (stays a member) and commits what it read.
			app.pause([{topic}]);
			const committedOffsets = async () => (await admin.fetchOffsets({groupId, topics: [topic]}))[0]!.partitions.reduce((sum, {offset}) => sum + Math.max(0, Number(offset)), 0);
			await expect.poll(committedOffsets, {timeout: limit(30_000), message: 'offsets the application committed'}).toBe(60);
			await produce(topic, 60, 40);

			const snapshot = async () => {
				const {groups: [group]} = await admin.describeGroups([groupId]);
				return {
					state: group!.state,
					members: group!.members.map(member => ({id: member.memberId, assignment: member.memberAssignment.toString('base64')})),
					offsets: await admin.fetchOffsets({groupId, topics: [topic]}),
				};
			};

			const before = await snapshot();
			expect(before.state).toBe('Stable');
			const committed = before.offsets[0]!.partitions.reduce((sum, {offset}) => sum + Number(offset), 0);
			expect(committed).toBe(60);

			const groupsBefore = new Set((await admin.listGroups()).groups.map(group => group.groupId));
			const reader = new Reader(kafkaSource(url(topic), {from: 'earliest', lagIntervalMs: 300}));
			await reader.waitFor(100);
			await expect.poll(() => (reader.source.health().lag ?? []).map(entry => entry.group), {timeout: limit(30_000)}).toContain(groupId);
			// Other tests share this broker and make groups of their own: a group of ours would be one whose member
			// is assigned this run-unique topic while the reader runs.
			const newGroups = (await admin.listGroups()).groups.map(group => group.groupId).filter(id => !groupsBefore.has(id));
			const described = newGroups.length > 0 ? (await admin.describeGroups(newGroups)).groups : [];
			const readingOurTopic = described
				.filter(group => group.members.some(member => member.memberAssignment.includes(Buffer.from(topic))))
				.map(group => group.groupId);
			await reader.close();

			expect(numbers(reader)).toEqual(range(0, 100));
			// Per partition: the topic's end offset, the group's committed offset, and what lies between.
			const ends = new Map((await admin.fetchTopicOffsets(topic)).map(({partition, high}) => [partition, Number(high)]));
			const partitions = before.offsets[0]!.partitions.map(({partition, offset}) => ({partition, end: ends.get(partition)!, committed: Number(offset), lag: ends.get(partition)! - Number(offset)}))
				.sort((a, b) => a.partition - b.partition);
			expect(partitions.reduce((sum, each) => sum + each.lag, 0)).toBe(40);
			expect(reader.source.health().lag).toEqual([{group: groupId, topic, lag: 40, partitions}]);
			expect(await snapshot()).toEqual(before);
			expect(readingOurTopic).toEqual([]);
		});
	});
});
