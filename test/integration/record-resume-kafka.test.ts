// `record --source URL --data-dir DIR` run after run (an hourly archive) on a real Kafka topic: the store saves a
// batch's events and positions before the recording gets them, and a .gz reaches its file up to a second later. A
// record killed outright (SIGKILL) or cut by --count had stored events its file lacks; the next run resumed after
// them, so they were in no file and nothing said so. Now the next run writes them first, and says it.
import path from 'node:path';
import {setTimeout as delay} from 'node:timers/promises';
import {Kafka, logLevel} from 'kafkajs';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {runCli, startCli} from '../support/cli.js';
import {kafkaForTestFile, kafkaSkipReason} from '../support/kafka.js';
import {eventLinesSoFar, gzipEventLinesSoFar, recordedEvents} from '../support/recording-lines.js';
import {useTempDir} from '../support/temp-dir.js';
import {uniqueName} from './reader.js';
import {backstopDuration, limit} from '../support/limits.js';

const temp = useTempDir('pubsub-record-resume-kafka-');
const skip = kafkaSkipReason();

/** The orders' numbers in recorded lines. */
const orderNumbers = (lines: Array<{value: {n: number}}>) => lines.map(line => line.value.n);

/** The orders' numbers a recording file holds so far (a .jsonl.gz as far as it can be read). */
const orderNumbersSoFar = (file: string) => orderNumbers(eventLinesSoFar(file).map(line => JSON.parse(line) as {value: {n: number}}));

/**
 * `record ...args -o file`, ended by Ctrl-C once order `last` is in the file (written as it goes, a .gz flushed each
 * second): the last order sent, so it read them all. A fixed 3 s --duration ended it before that under load; it
 * stays as a 100 s (scaled) backstop.
 */
async function recordUntilOrder(args: string[], file: string, last: number) {
	const running = startCli(['record', ...args, '--duration', backstopDuration(100), '-o', file], {cwd: temp.path});
	let ended = false;
	void running.exited.then(() => {
		ended = true;
	});
	while (!ended && !orderNumbersSoFar(file).includes(last)) await delay(100);
	running.child.kill('SIGINT');
	return running.exited;
}

describe.skipIf(skip)('record --data-dir on Kafka, the run before killed or cut by --count', () => {
	let broker: Awaited<ReturnType<typeof kafkaForTestFile>>;
	let kafka: Kafka;
	beforeAll(async () => {
		broker = await kafkaForTestFile();
		kafka = new Kafka({clientId: 'record-resume-kafka', brokers: [broker.bootstrap], logLevel: logLevel.NOTHING});
	}, limit(120_000));
	afterAll(async () => broker?.stop());

	/** A new one-partition topic, its URL and a send of orders `from` to `to` (exclusive) as one batch. */
	async function topicWithOrders(prefix: string) {
		const topic = uniqueName(prefix);
		const admin = kafka.admin();
		await admin.connect();
		await admin.createTopics({topics: [{topic, numPartitions: 1}], waitForLeaders: true});
		await admin.disconnect();
		const producer = kafka.producer({allowAutoTopicCreation: false});
		await producer.connect();
		const send = async (from: number, to: number) => producer.send({topic, messages: Array.from({length: to - from}, (_, index) => ({value: JSON.stringify({type: 'OrderCreated', orderId: `ORD-${from + index}`, n: from + index})}))});
		return {url: `kafka://${broker.bootstrap}?topics=${topic}`, send, close: async () => producer.disconnect()};
	}

	it('writes what a record killed outright stored but had not flushed into the next file: every order once or more, none missing', async () => {
		const {url, send, close} = await topicWithOrders('it-record-killed');
		const dataDir = path.join(temp.path, 'killed-store');
		const [first, second] = [path.join(temp.path, 'hour-1.jsonl.gz'), path.join(temp.path, 'hour-2.jsonl.gz')];
		// Killed, it cannot remove what it leaves: the test's directory is removed afterwards.
		const running = startCli(['record', '--source', url, '--from', 'earliest', '--data-dir', dataDir, '-o', first], {cwd: temp.path, env: {TMPDIR: temp.path}});
		// Orders arrive every 20 ms, so the last second before the kill is always still in the compressor.
		let sent = 0;
		const deadline = Date.now() + 60_000;
		while (gzipEventLinesSoFar(first).length < 100 && Date.now() < deadline) {
			await send(sent, sent + 2);
			sent += 2;
			await delay(20);
		}

		for (const end = Date.now() + 1500; Date.now() < end; sent += 2) {
			await send(sent, sent + 2);
			await delay(20);
		}

		running.child.kill('SIGKILL');
		await running.exited;
		await close();
		const next = await recordUntilOrder(['--source', url, '--data-dir', dataDir], second, sent - 1);
		expect(next.code).toBe(0);
		const recorded = new Set([...orderNumbersSoFar(first), ...orderNumbersSoFar(second)]);
		const missing = Array.from({length: sent}, (_, n) => n).filter(n => !recorded.has(n));
		expect(missing, `orders in neither ${first} nor ${second}`).toEqual([]);
		expect(next.stderr).toMatch(new RegExp(`; [\\d,]+ of them were stored by the last record into this --data-dir after what it surely wrote to ${first.replaceAll('.', '\\.')} \\(it ended without closing that file \\(killed\\?\\), which may hold some of them too\\)`));
	}, limit(120_000));

	it('writes the rest of the batch a --count cut off into the next file, in order, each order once', async () => {
		const {url, send, close} = await topicWithOrders('it-record-count');
		const dataDir = path.join(temp.path, 'count-store');
		await send(0, 20);
		const files = [1, 2].map(run => path.join(temp.path, `count-${run}.jsonl`));
		const cut = await runCli(['record', '--source', url, '--from', 'earliest', '--data-dir', dataDir, '--count', '5', '--duration', backstopDuration(100), '-o', files[0]!], {cwd: temp.path});
		expect(cut.code).toBe(0);
		await send(20, 23);
		await close();
		const next = await recordUntilOrder(['--source', url, '--data-dir', dataDir], files[1]!, 22);
		expect(next.code).toBe(0);
		// The 20 orders came in one batch: the first run stored them all and wrote 5; the second ran on from order 20.
		expect(orderNumbers(recordedEvents(files[0]!))).toEqual([0, 1, 2, 3, 4]);
		expect(orderNumbers(recordedEvents(files[1]!))).toEqual(Array.from({length: 18}, (_, n) => n + 5));
		expect(next.stderr).toContain(`recorded 18 events to ${files[1]!}; 15 of them were stored by the last record into this --data-dir after what it surely wrote to ${files[0]!} (its --count cut them off)`);
	}, limit(120_000));
});
