// The Kafka source through a broker restart, on a broker of the test's own: it reconnects by itself within seconds
// of the broker's return, delivers every event exactly once, says a broker killed outright on stderr (headless),
// stops at once on Ctrl-C, and never creates a consumer group (the whole group list is compared, as nobody else uses
// this broker).
import {Kafka, logLevel, Partitioners, type Admin} from 'kafkajs';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {kafkaAnswers, type KafkaServer} from '../../scripts/kafka-server.js';
import {kafkaSource} from '../../source/core/sources/kafka/source.js';
import fs from 'node:fs';
import path from 'node:path';
import {runCli, startCli, type RunningCli} from '../support/cli.js';
import {produceCompressed} from '../support/java-producer.js';
import {kafkaSkipReason, startDedicatedKafka} from '../support/kafka.js';
import {useTempDir} from '../support/temp-dir.js';
import {noMoreWithin, Reader, uniqueName} from './reader.js';
import {limit} from '../support/limits.js';

const skipReason = kafkaSkipReason({dedicated: true});

/** Ctrl-C must end the process within this long, whatever the broker does. */
const exitLimitMs = 2000;

/** Reading must be back within this long after an event was produced to the returned broker. */
const resumeLimitMs = 5000;

/** A broker that is gone or does not answer must show in the health within this long. */
const silentLimitMs = 8000;

/** The events a `record -o -` subprocess has written so far: their `n`, in order, and when each line arrived. */
function recordedLines(cli: RunningCli): {numbers: number[]; arrivals: number[]} {
	const seen = {numbers: [] as number[], arrivals: [] as number[]};
	let rest = '';
	cli.child.stdout.on('data', (chunk: Buffer) => {
		const lines = (rest + chunk.toString('utf8')).split('\n');
		rest = lines.pop()!;
		for (const line of lines) {
			const parsed = JSON.parse(line) as {value?: {n?: number}};
			if (typeof parsed.value?.n !== 'number') continue;
			seen.numbers.push(parsed.value.n);
			seen.arrivals.push(Date.now());
		}
	});
	return seen;
}

/** Send SIGINT and resolve with how long the process took to exit, and its result. */
async function interrupt(cli: RunningCli): Promise<{ms: number; code: number | null; stderr: string}> {
	const sent = Date.now();
	cli.child.kill('SIGINT');
	const timer = setTimeout(() => cli.child.kill('SIGKILL'), 15_000);
	const result = await cli.exited;
	clearTimeout(timer);
	return {ms: Date.now() - sent, code: result.code, stderr: result.stderr};
}

/** `text` as a regular expression that matches it alone. */
const escaped = (text: string) => text.replaceAll(/[.*+?^${}()|[\]\\]/g, '\\$&');

const range = (first: number, count: number) => Array.from({length: count}, (_, index) => first + index);

describe.skipIf(skipReason)('Kafka source across a broker restart', () => {
	const temp = useTempDir('pubsub-kafka-restart-');
	let broker: KafkaServer;
	let admin: Admin;
	let groupsBefore: string[];

	const client = () => new Kafka({clientId: 'it-restart', brokers: [broker.bootstrap], logLevel: logLevel.NOTHING});
	const groups = async () => (await admin.listGroups()).groups.map(group => group.groupId).sort();

	beforeAll(async () => {
		broker = await startDedicatedKafka();
		admin = client().admin();
		await admin.connect();
		groupsBefore = await groups();
	});

	afterAll(async () => {
		await admin?.disconnect();
		await broker?.stop();
	});

	const createTopic = async (topic: string) => {
		// A broker just thawed or restarted by an earlier test may still be electing its controller.
		await expect.poll(async () => kafkaAnswers(broker.bootstrap), {timeout: limit(60_000), interval: 250}).toBe(true);
		await admin.createTopics({topics: [{topic, numPartitions: 2}], waitForLeaders: true});
	};

	/** Produce events n = first … first+count−1 (idempotent, acknowledged) with a producer that lives only for this call. */
	const produce = async (topic: string, first: number, count: number) => {
		const producer = client().producer({createPartitioner: Partitioners.DefaultPartitioner, idempotent: true});
		await producer.connect();
		for (let start = first; start < first + count; start += 50) {
			await producer.send({
				topic,
				messages: range(start, Math.min(50, first + count - start)).map(n => ({key: `k${n}`, value: JSON.stringify({n})})),
			});
		}

		await producer.disconnect();
	};

	/** Stop the broker (the admin client loses it too) and start it again after `downMs`. */
	const restart = async (downMs: number) => {
		await broker.down();
		await new Promise(resolve => setTimeout(resolve, downMs));
		await broker.up();
	};

	it('reconnects after the broker went down and up, losing and doubling nothing', async () => {
		const topic = uniqueName('it-restart');
		await createTopic(topic);
		await produce(topic, 0, 200);

		const reader = new Reader(kafkaSource(`kafka://${broker.bootstrap}?topics=${topic}`, {from: 'earliest'}));
		await reader.waitFor(200);
		await broker.down();
		await expect.poll(() => reader.source.health().state, {timeout: limit(30_000)}).not.toBe('connected');
		await broker.up();
		await produce(topic, 200, 200);
		await reader.waitFor(400, limit(120_000));
		await noMoreWithin(1000);
		const health = reader.source.health();
		await reader.close();

		const numbers = reader.events.map(event => (event.value as {n: number}).n).sort((a, b) => a - b);
		expect(numbers).toEqual(range(0, 400));
		expect(reader.states.has('reconnecting')).toBe(true);
		expect(health.state).toBe('connected');
		expect(health.error).toBeUndefined();
	}, limit(240_000));

	/** Stop the broker's JVM without closing its sockets (SIGSTOP): connections stay up and nothing answers; `thaw` lets it go on. */
	const freeze = () => {
		const pid = broker.pid()!;
		process.kill(pid, 'SIGSTOP');
		return () => process.kill(pid, 'SIGCONT');
	};

	it('says within seconds that a broker which stopped answering (stuck, not gone) is not read, and connected once it answers', async () => {
		const topic = uniqueName('it-stuck');
		await createTopic(topic);
		await produce(topic, 0, 20);
		const reader = new Reader(kafkaSource(`kafka://${broker.bootstrap}?topics=${topic}`, {from: 'earliest'}));
		await reader.waitFor(20);
		await reader.waitForState('connected');
		const thaw = freeze();
		try {
			// A fetch waits at most half a second for data: a broker silent for seconds is not a quiet topic.
			await expect.poll(() => reader.source.health(), {timeout: silentLimitMs, interval: 100}).toMatchObject({state: 'reconnecting', error: expect.any(String)});
		} finally {
			thaw();
		}

		await produce(topic, 20, 20);
		await reader.waitFor(40, limit(30_000));
		await expect.poll(() => reader.source.health(), {timeout: limit(10_000)}).toMatchObject({state: 'connected', error: undefined});
		await reader.close();
	}, limit(120_000));

	it('with no topic to read yet, says within seconds that the broker is gone or stuck, and connected with the notice once it is back', async () => {
		const topic = uniqueName('it-none-yet');
		const reader = new Reader(kafkaSource(`kafka://${broker.bootstrap}?topics=${topic}`, {from: 'earliest'}));
		const waiting = {state: 'connected', error: `topic "${topic}" does not exist`};
		await expect.poll(() => reader.source.health(), {timeout: limit(30_000)}).toMatchObject(waiting);
		await broker.down();
		try {
			// Discovery runs every 10 s by default: the broker's loss must show before the next one.
			await expect.poll(() => reader.source.health().state, {timeout: silentLimitMs, interval: 100}).toBe('reconnecting');
		} finally {
			await broker.up();
		}

		await expect.poll(() => reader.source.health(), {timeout: limit(30_000)}).toMatchObject(waiting);
		const thaw = freeze();
		try {
			await expect.poll(() => reader.source.health().state, {timeout: silentLimitMs, interval: 100}).toBe('reconnecting');
		} finally {
			thaw();
		}

		await expect.poll(() => reader.source.health(), {timeout: limit(30_000)}).toMatchObject(waiting);
		await reader.close();
	}, limit(120_000));

	it('record under load resumes within seconds of the broker\'s return, writes every event once and stops at once on Ctrl-C', async () => {
		const topic = uniqueName('it-record-restart');
		await createTopic(topic);
		const cli = startCli(['record', '--source', `kafka://${broker.bootstrap}?topics=${topic}`, '--from', 'earliest', '-o', '-'], {cwd: temp.path});
		const recorded = recordedLines(cli);
		// Under load: events keep arriving while record reads them.
		for (let first = 0; first < 2000; first += 250) await produce(topic, first, 250);
		await expect.poll(() => recorded.numbers.length, {timeout: limit(60_000), message: 'events recorded'}).toBeGreaterThanOrEqual(2000);

		await restart(3000);
		const upAt = Date.now();
		await produce(topic, 2000, 1);
		const producedAt = Date.now();
		await expect.poll(() => recorded.numbers.length, {timeout: limit(60_000), message: 'events recorded'}).toBeGreaterThanOrEqual(2001);
		const resumeMs = recorded.arrivals.at(-1)! - producedAt;
		await produce(topic, 2001, 999);
		await expect.poll(() => recorded.numbers.length, {timeout: limit(60_000), message: 'events recorded'}).toBeGreaterThanOrEqual(3000);
		const stopped = await interrupt(cli);

		const afterUpMs = recorded.arrivals[2000]! - upAt;
		console.log(`record: first event after the restart recorded ${resumeMs} ms after it was produced (${afterUpMs} ms after the broker was back); exit ${stopped.ms} ms after SIGINT`);
		expect(resumeMs).toBeLessThan(resumeLimitMs);
		expect(stopped.ms).toBeLessThan(exitLimitMs);
		expect(stopped.stderr).toContain('recorded 3,000 events');
		expect(recorded.numbers.length).toBe(3000);
		expect([...recorded.numbers].sort((a, b) => a - b)).toEqual(range(0, 3000));
		expect(await groups()).toEqual(groupsBefore);
	}, limit(240_000));

	it('record says a broker killed outright (SIGKILL) while it lasts, when it is back and at the end, and writes every event once', async () => {
		const topic = uniqueName('it-record-killed');
		await createTopic(topic);
		await produce(topic, 0, 300);
		const cli = startCli(['record', '--source', `kafka://${broker.bootstrap}?topics=${topic}`, '--from', 'earliest', '-o', '-'], {cwd: temp.path});
		const recorded = recordedLines(cli);
		await expect.poll(() => recorded.numbers.length, {timeout: limit(60_000), message: 'events recorded'}).toBeGreaterThanOrEqual(300);
		const source = `kafka://${broker.bootstrap}?topics=${topic}`;
		// formatMs: `6,955 ms`, `12.4 s`, `1m 05s`.
		const took = '(?:[\\d.,]+ m?s|\\d+m \\d\\ds)';
		process.kill(broker.pid()!, 'SIGKILL');
		const killedAt = Date.now();
		// Before, nothing was printed until the run ended, and then only `recorded N events`: the outage passed for quiet.
		await expect.poll(() => cli.printed().stderr, {timeout: silentLimitMs, message: 'the outage said'}).toContain(`pubsub-tools: warning: ${source}: reading stopped (`);
		const saidMs = Date.now() - killedAt;
		await broker.down();
		await new Promise(resolve => setTimeout(resolve, 3000));
		await broker.up();
		await produce(topic, 300, 300);
		await expect.poll(() => recorded.numbers.length, {timeout: limit(60_000), message: 'events recorded'}).toBeGreaterThanOrEqual(600);
		await expect.poll(() => cli.printed().stderr, {timeout: limit(10_000)}).toMatch(new RegExp(`pubsub-tools: warning: ${source.replaceAll('.', '\\.').replace('?', '\\?')}: reading again after ${took}, from where it stopped\n`));
		const stopped = await interrupt(cli);
		console.log(`record: a broker killed with SIGKILL said lost ${saidMs} ms after the kill`);
		expect(stopped.stderr).toMatch(/: reading stopped 1 time during the run, (?:[\d.,]+ m?s|\d+m \d\ds) in all \(the first at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\): nothing was read meanwhile, and what came then was read once it went on\n/);
		expect(stopped.stderr).toContain('recorded 600 events');
		expect([...recorded.numbers].sort((a, b) => a - b)).toEqual(range(0, 600));
		expect(await groups()).toEqual(groupsBefore);

		// The recording holds the outage: its replay tells it from a quiet gap, with the live run's times and length.
		const file = path.join(temp.path, 'killed.jsonl');
		fs.writeFileSync(file, cli.printed().stdout);
		const live = new RegExp(`reading again after (${took}), from where it stopped`).exec(stopped.stderr)![1]!;
		const named = `pubsub-tools: warning: ${file}: ${source} (recorded): `;
		for (const args of [['metrics', file, '--json'], ['replay', file, '--headless', '--speed', 'max']]) {
			const replayed = await runCli(args, {cwd: temp.path});
			expect(replayed.code, replayed.stderr).toBe(0);
			expect(replayed.stderr).toMatch(new RegExp(`${escaped(named)}reading stopped at \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ \\(`));
			expect(replayed.stderr).toMatch(new RegExp(`${escaped(named)}reading again at \\S+Z after ${escaped(live)}, from where it stopped\n`));
			expect(replayed.stderr).toContain(`${named}reading stopped 1 time during the run, ${live} in all`);
		}
	}, limit(240_000));

	it('record stops within 2 s on Ctrl-C while the broker is down, with everything read so far written', async () => {
		const topic = uniqueName('it-record-down');
		await createTopic(topic);
		await produce(topic, 0, 300);
		const cli = startCli(['record', '--source', `kafka://${broker.bootstrap}?topics=${topic}`, '--from', 'earliest', '-o', '-'], {cwd: temp.path});
		const recorded = recordedLines(cli);
		await expect.poll(() => recorded.numbers.length, {timeout: limit(60_000), message: 'events recorded'}).toBeGreaterThanOrEqual(300);
		await broker.down();
		try {
			// Time is tested: record has been running with the broker down for a while when it is interrupted.
			await new Promise(resolve => setTimeout(resolve, 2000));
			const stopped = await interrupt(cli);
			console.log(`record: exit ${stopped.ms} ms after SIGINT with the broker down`);
			expect(stopped.ms).toBeLessThan(exitLimitMs);
			expect(stopped.stderr).toContain('recorded 300 events');
			expect([...recorded.numbers].sort((a, b) => a - b)).toEqual(range(0, 300));
		} finally {
			await broker.up();
		}

		expect(await groups()).toEqual(groupsBefore);
	}, limit(240_000));

	it('a long monitor run over compressed topics through a restart creates no consumer group', async () => {
		const prefix = uniqueName('it-monitor');
		const topics = {[`${prefix}.zstd`]: 'zstd', [`${prefix}.snappy`]: 'snappy', [`${prefix}.lz4`]: 'lz4'} as const;
		await admin.createTopics({topics: Object.keys(topics).map(topic => ({topic, numPartitions: 2})), waitForLeaders: true});
		await produceCompressed(broker.bootstrap, 300, topics);
		// The UI's engine and source without a terminal: alerts go to standard output until Ctrl-C.
		const cli = startCli(['monitor', '--source', `kafka://${broker.bootstrap}?topics=${prefix}.*`, '--from', 'earliest', '--ephemeral', '--alerts-out', '-'], {cwd: temp.path});
		// Time is tested: a long run, 6 s before the restart and 6 s after it.
		await new Promise(resolve => setTimeout(resolve, 6000));
		await restart(2000);
		await produceCompressed(broker.bootstrap, 300, topics);
		await new Promise(resolve => setTimeout(resolve, 6000));
		const stopped = await interrupt(cli);
		expect(stopped.ms).toBeLessThan(exitLimitMs);
		expect(await groups()).toEqual(groupsBefore);
	}, limit(240_000));
});
