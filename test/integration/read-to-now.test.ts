// `--to now` on real brokers: `metrics` and `record` read what a Kafka topic or Redis streams held when the run
// started and exit by themselves, with every event and no --duration to guess (the 600 s one given is only a
// backstop, said on stderr if it ever ends the run). Kafka: a transaction's commit marker is the last offset of a
// partition, after the last message, and a transaction still open is not waited for; Redis: an empty stream and one
// not made yet have nothing to wait for. A run cut short (as --duration would) says how far it was from those ends.
import fs from 'node:fs';
import path from 'node:path';
import {Kafka, logLevel} from 'kafkajs';
import {afterAll, describe, expect, it} from 'vitest';
import type {Source} from '../../source/core/sources/source.js';
import {kafkaSource} from '../../source/core/sources/kafka/source.js';
import {redisStreamsSource} from '../../source/core/sources/redis/source.js';
import {runCli} from '../support/cli.js';
import {kafkaForTestFile, kafkaSkipReason} from '../support/kafka.js';
import {backstopDuration, limit} from '../support/limits.js';
import {cutByDuration} from '../support/read-to-now.js';
import {eventLines} from '../support/recording-lines.js';
import {redisSkipReason, useRedis} from '../support/redis.js';
import {useTempDir} from '../support/temp-dir.js';
import {uniqueName} from './reader.js';

const temp = useTempDir('pubsub-read-to-now-');

/** `metrics … --from earliest --to now --json` on `url`, then `record` the same way: both must end by themselves. */
async function metricsAndRecord(url: string, events: number): Promise<void> {
	const metrics = await runCli(['metrics', '--source', url, '--from', 'earliest', '--to', 'now', '--duration', backstopDuration(600), '--json'], {cwd: temp.path});
	expect(metrics.stderr).not.toContain(cutByDuration);
	expect(metrics.code, metrics.stderr).toBe(0);
	expect((JSON.parse(metrics.stdout) as {events: number}).events).toBe(events);
	const file = path.join(temp.path, `${uniqueName('to-now')}.jsonl`);
	const record = await runCli(['record', '--source', url, '--from', 'earliest', '--to', 'now', '-o', file], {cwd: temp.path});
	expect(record.code, record.stderr).toBe(0);
	expect(record.stderr).toContain(`recorded ${events} events`);
	expect(eventLines(file)).toHaveLength(events);
	fs.rmSync(file);
}

/** `args` with `--from earliest --to now` and a backstop --duration, run: it must end by itself and exit 0. */
async function toNow(args: string[]): Promise<string> {
	const run = await runCli([...args, '--from', 'earliest', '--to', 'now', '--duration', backstopDuration(600)], {cwd: temp.path});
	expect(run.stderr).not.toContain(cutByDuration);
	expect(run.code, run.stderr).toBe(0);
	return run.stdout;
}

/**
 * `flow analyze --json`, `state --id --json` and (given `alerts`) `alerts --json`, each with `--to now`, on `url`
 * whose order `id` was sent once: each ends by itself with that event (and its `outages`: none), and with the
 * alerts `alerts` names (`RULE KEY`) fired.
 */
async function answersToNow(url: string, id: string, alerts?: string[]): Promise<void> {
	const flow = JSON.parse(await toNow(['flow', 'analyze', '--source', url, '--id', id, '--json'])) as {id: string; events: Array<{type: string}>; outages: unknown[]};
	expect(flow).toMatchObject({id, events: [{type: 'OrderPlaced'}], outages: []});
	const state = JSON.parse(await toNow(['state', '--source', url, '--id', id, '--json'])) as {id: string; version: number; history: unknown[]; outages: unknown[]};
	expect(state).toMatchObject({id, version: 1, history: [{type: 'OrderPlaced'}], outages: []});
	if (!alerts) return;
	const fired = (await toNow(['alerts', '--source', url, '--json'])).split('\n').filter(Boolean).map(line => JSON.parse(line) as {rule: string; key: string});
	expect(fired.map(({rule, key}) => `${rule} ${key}`)).toEqual(alerts);
}

/** Take `source`'s batches until one holds events, then close it as --duration would: what it says it left unread. */
async function cutAfterFirstEvents(source: Source): Promise<{taken: number; gaps: string[]}> {
	const batches = source.batches()[Symbol.asyncIterator]();
	let taken = 0;
	while (taken === 0) {
		const next = await batches.next();
		if (next.done) throw new Error(`the source ended before giving an event: ${JSON.stringify(source.health())}`);
		taken = next.value.events.length;
	}

	await source.close();
	await batches.return?.();
	return {taken, gaps: source.health().gaps ?? []};
}

describe.skipIf(kafkaSkipReason())('--to now on Kafka', () => {
	it('reads every partition up to where it ended at the start, a commit marker last, and exits 0 by itself', async () => {
		const broker = await kafkaForTestFile();
		const topic = uniqueName('it-to-now');
		const kafka = new Kafka({clientId: 'it-to-now', brokers: [broker.bootstrap], logLevel: logLevel.NOTHING});
		const admin = kafka.admin();
		// Idempotent: a send retried on a loaded broker must not write its messages twice.
		const producer = kafka.producer({idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false});
		const transactional = kafka.producer({transactionalId: topic, idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false});
		try {
			await Promise.all([admin.connect(), producer.connect(), transactional.connect()]);
			await admin.createTopics({topics: [{topic, numPartitions: 3}], waitForLeaders: true});
			const value = (n: number) => JSON.stringify({eventType: 'OrderPlaced', orderId: `ORD-${n}`, timestamp: new Date().toISOString()});
			await producer.send({topic, messages: Array.from({length: 27}, (_, n) => ({partition: n % 3, value: value(n)}))});
			// Partition 0 ends with a commit marker: its end offset is one past the last message.
			const transaction = await transactional.transaction();
			await transaction.send({topic, messages: [{partition: 0, value: value(27)}, {partition: 0, value: value(28)}, {partition: 0, value: value(29)}]});
			await transaction.commit();
			await metricsAndRecord(`kafka://${broker.bootstrap}?topics=${topic}`, 30);
			await answersToNow(`kafka://${broker.bootstrap}?topics=${topic}`, 'ORD-28', []);
		} finally {
			await Promise.all([producer.disconnect(), transactional.disconnect(), admin.disconnect()]);
			await broker.stop();
		}
	}, limit(240_000));

	it('says how far a run cut short was from the ends, and does not wait for a transaction still open', async () => {
		const broker = await kafkaForTestFile();
		const topic = uniqueName('it-to-now-open');
		const kafka = new Kafka({clientId: 'it-to-now-open', brokers: [broker.bootstrap], logLevel: logLevel.NOTHING});
		const admin = kafka.admin();
		// Idempotent: a send retried on a loaded broker must not write its messages twice.
		const producer = kafka.producer({idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false});
		const transactional = kafka.producer({transactionalId: topic, idempotent: true, maxInFlightRequests: 1, transactionTimeout: 120_000, allowAutoTopicCreation: false});
		const url = `kafka://${broker.bootstrap}?topics=${topic}`;
		try {
			await Promise.all([admin.connect(), producer.connect(), transactional.connect()]);
			await admin.createTopics({topics: [{topic, numPartitions: 3}], waitForLeaders: true});
			await producer.send({topic, messages: Array.from({length: 300}, (_, n) => ({partition: n % 3, value: JSON.stringify({eventType: 'OrderPlaced', orderId: `ORD-${n}`})}))});
			const {taken, gaps} = await cutAfterFirstEvents(kafkaSource(url, {from: 'earliest', toNow: true}));
			expect(taken).toBeLessThan(300);
			expect(gaps).toContainEqual(expect.stringMatching(new RegExp(`^${cutByDuration} reading up to where the topics ended when it started: ${300 - taken} offsets of .*${topic}/\\d.* were not read$`)));

			// What read_committed can read ends before this transaction: the run stops there, it does not wait for it.
			const transaction = await transactional.transaction();
			await transaction.send({topic, messages: [{partition: 1, value: JSON.stringify({eventType: 'OrderPlaced', orderId: 'ORD-OPEN'})}]});
			const metrics = await runCli(['metrics', '--source', url, '--from', 'earliest', '--to', 'now', '--duration', backstopDuration(600), '--json'], {cwd: temp.path});
			expect(metrics.stderr).not.toContain(cutByDuration);
			expect(metrics.code, metrics.stderr).toBe(0);
			expect((JSON.parse(metrics.stdout) as {events: number}).events).toBe(300);
			await transaction.abort();
		} finally {
			await Promise.all([producer.disconnect(), transactional.disconnect(), admin.disconnect()]);
			await broker.stop();
		}
	}, limit(240_000));
});

describe.skipIf(redisSkipReason())('--to now on Redis', () => {
	const server = useRedis();
	const full = uniqueName('it:to-now:full');
	const emptied = uniqueName('it:to-now:emptied');
	const missing = uniqueName('it:to-now:missing');
	const payments = uniqueName('it:to-now:payments');
	const orders = uniqueName('it:to-now:orders');

	afterAll(async () => {
		await server.client?.del(full, emptied, payments, orders);
	});

	it('reads each stream up to its last entry at the start; an empty stream and one not made yet end at once', async () => {
		const pipeline = server.client.pipeline();
		for (let n = 0; n < 25; n++) pipeline.xadd(full, '*', 'data', JSON.stringify({eventType: 'OrderPlaced', orderId: `ORD-${n}`}));
		pipeline.xadd(emptied, '*', 'data', '{}');
		pipeline.xtrim(emptied, 'MAXLEN', 0);
		await pipeline.exec();
		await metricsAndRecord(`${server.url}?streams=${full},${emptied},${missing}`, 25);
		await answersToNow(`${server.url}?streams=${full},${emptied},${missing}`, 'ORD-7', []);
		// The commands that answer from a store read their input the same way.
		const query = await runCli(['query', '--source', `${server.url}?streams=${full}`, '--from', 'earliest', '--to', 'now', '--group-by', 'type', '--json'], {cwd: temp.path});
		expect(query.code, query.stderr).toBe(0);
		expect((JSON.parse(query.stdout) as {matched: number}).matched).toBe(25);
		const last = (await server.client.xrevrange(full, '+', '-', 'COUNT', 1))[0]![0];
		const {taken, gaps} = await cutAfterFirstEvents(redisStreamsSource(`${server.url}?streams=${full}`, {from: 'earliest', toNow: true, count: 10}));
		const reached = (await server.client.xrange(full, '-', '+', 'COUNT', taken)).at(-1)![0];
		expect(gaps).toContain(`${cutByDuration} reading up to where the streams ended when it started: ${full} read up to ${reached} of ${last}`);
	}, limit(120_000));

	it('has alerts --to now list the alerts of what the streams held at its start, while a writer goes on', async () => {
		// Payments over the fraud.amount threshold (10,000): each fires, those written once the run began too.
		const payment = (id: string) => JSON.stringify({eventType: 'PaymentAuthorized', transactionId: id, amount: 25_000, timestamp: new Date().toISOString()});
		const pipeline = server.client.pipeline();
		for (let n = 0; n < 3; n++) pipeline.xadd(payments, '*', 'data', payment(`TX-${n}`));
		pipeline.xadd(orders, '*', 'data', JSON.stringify({eventType: 'OrderPlaced', orderId: 'ORD-1'}));
		await pipeline.exec();
		let writing = true;
		// Paced (about 50 a second), so that the alerts stay well under the 10,000 the store keeps.
		const writer = (async () => {
			for (let n = 0; writing; n++) {
				await server.client.xadd(payments, '*', 'data', payment(`TX-LATE-${n}`));
				await new Promise(resolve => setTimeout(resolve, 20));
			}
		})();
		try {
			const before = await server.client.xlen(payments);
			const url = `${server.url}?streams=${payments},${orders}`;
			const run = await runCli(['alerts', '--source', url, '--from', 'earliest', '--to', 'now', '--duration', backstopDuration(600), '--json'], {cwd: temp.path});
			const after = await server.client.xlen(payments);
			expect(run.stderr).not.toContain(cutByDuration);
			expect(run.code, run.stderr).toBe(0);
			const keys = run.stdout.split('\n').filter(Boolean).map(line => JSON.parse(line) as {rule: string; key: string}).filter(alert => alert.rule === 'fraud.amount').map(alert => alert.key);
			// Every payment there before the run, none written after it ended, and it ended with the writer still going.
			expect(keys.slice(0, 3)).toEqual(['TX-0', 'TX-1', 'TX-2']);
			expect(keys.length).toBeGreaterThanOrEqual(before);
			expect(keys.length).toBeLessThan(after);
			await answersToNow(url, 'ORD-1');
		} finally {
			writing = false;
			await writer;
		}
	}, limit(120_000));

	it('says a stream that does not exist when a --to now run ends at once, as a run that waited for it would', async () => {
		const url = `${server.url}?streams=${missing}`;
		const metrics = await runCli(['metrics', '--source', url, '--from', 'earliest', '--to', 'now', '--json'], {cwd: temp.path});
		expect(metrics.code, metrics.stderr).toBe(0);
		expect(metrics.stderr).toContain(`stream "${missing}" does not exist; nothing matched while the run lasted`);
	}, limit(120_000));
});
