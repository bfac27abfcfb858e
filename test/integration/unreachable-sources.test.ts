// Headless commands say what they could not reach and exit 1 instead of waiting forever in silence; a selection
// that matches no topic or stream is a warning, waited for only while --duration lasts.
import fs from 'node:fs';
import {Redis} from 'ioredis';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {freePort} from '../../scripts/local-process.js';
import {runCli, startCli} from '../support/cli.js';
import {useTempDir} from '../support/temp-dir.js';
import {kafkaForTestFile, kafkaSkipReason} from '../support/kafka.js';
import {redisDatabaseUrl, redisForTestFile} from '../support/redis.js';
import {uniqueName} from './reader.js';
import {limit} from '../support/limits.js';

const temp = useTempDir('pubsub-unreachable-');
const skipReason = kafkaSkipReason();

/** Run the CLI and measure how long it took, in seconds. */
async function timed(args: string[]) {
	const started = Date.now();
	const result = await runCli(args, {cwd: temp.path});
	return {...result, seconds: (Date.now() - started) / 1000};
}

/**
 * Bounded: the connect timeout plus start-up and closing, never "until Ctrl-C". A limit that catches a run that would
 * not end, not a tested time (which run ended it is in what it says): scaled, as start-up and closing stretch on a loaded machine.
 */
const boundSeconds = limit(30_000) / 1000;

describe.skipIf(skipReason)('sources that cannot be read', () => {
	let kafka: {bootstrap: string; stop(): Promise<void>};
	let redis: {url: string; stop(): Promise<void>};
	let closedPort: number;

	beforeAll(async () => {
		[kafka, redis, closedPort] = await Promise.all([kafkaForTestFile(), redisForTestFile(), freePort()]);
	});

	afterAll(async () => {
		await Promise.all([kafka?.stop(), redis?.stop()]);
	});

	const closed = () => ({
		kafka: `kafka://127.0.0.1:${closedPort}?topics=orders.created`,
		redis: `redis://127.0.0.1:${closedPort}?streams=orders`,
	});

	it.each([
		['kafka', 'metrics', []],
		['kafka', 'metrics', ['--duration', '30s']],
		['redis', 'metrics', []],
		['redis', 'metrics', ['--duration', '30s']],
		['redis', 'alerts', []],
		['kafka', 'flow analyze', ['--id', 'ORD-1']],
	] as const)('%s on a closed port: %s %j says so on stderr and exits 1', async (kind, command, extra) => {
		const url = closed()[kind];
		const result = await timed([...command.split(' '), '--source', url, '--connect-timeout', '2s', ...extra]);
		expect(result.code).toBe(1);
		expect(result.stdout).toBe('');
		expect(result.stderr).toContain(`pubsub-tools: could not reach ${url} within 2 s (--connect-timeout): `);
		expect(result.stderr).toMatch(/ECONNREFUSED/);
		// Kafka in our words, as Redis's: not kafkajs's `[BrokerPool] Failed to connect to seed broker, …: Connection error: …`.
		if (kind === 'kafka') expect(result.stderr).toContain(`(--connect-timeout): ECONNREFUSED 127.0.0.1:${closedPort}: nothing listens at that address: check the host and port in the URL, and that the broker is running\n`);
		expect(result.stderr).not.toMatch(/\[BrokerPool\]|Connection error|Failed to connect|KafkaJS/);
		expect(result.seconds).toBeLessThan(boundSeconds);
	});

	it('a Redis database the server does not have is an error, not database 0 read instead', async () => {
		const url = `${redisDatabaseUrl(redis.url, 99)}?streams=orders`;
		const result = await timed(['metrics', '--source', url, '--from', 'earliest', '--duration', '5s', '--json']);
		expect(result.code).toBe(1);
		expect(result.stdout).toBe('');
		expect(result.stderr).toContain(`pubsub-tools: ${url}: could not read it: no such database: ERR DB index is out of range`);
	});

	it('a --duration that ends before the connect timeout still says the source was never reached', async () => {
		const url = closed().redis;
		const result = await timed(['metrics', '--source', url, '--duration', '1s']);
		expect(result.code).toBe(1);
		expect(result.stderr).toContain(`pubsub-tools: could not reach ${url} before the run ended: `);
	});

	it('record and monitor --alerts-out - exit 1 too, and record still leaves a valid empty file', async () => {
		const url = closed().kafka;
		const output = `${temp.path}/nothing.jsonl`;
		const record = await timed(['record', '--source', url, '-o', output, '--connect-timeout', '1s']);
		expect(record.code).toBe(1);
		expect(record.stderr).toContain(`could not reach ${url}`);
		expect(record.stderr).toContain('recorded 0 events');
		expect(fs.readFileSync(output, 'utf8')).toMatch(/^\{"\$recording":\{[^\n]*\}\n$/);
		const monitor = await timed(['monitor', '--source', url, '--alerts-out', '-', '--connect-timeout', '1s']);
		expect(monitor.code).toBe(1);
		expect(monitor.stderr).toContain(`could not reach ${url}`);
		expect(monitor.seconds).toBeLessThan(boundSeconds);
	});

	// A name that does not exist, the URL that selects it, the word for it.
	const unknown = {
		'Kafka topic': () => ({name: uniqueName('no-such-topic'), url: (name: string) => `kafka://${kafka.bootstrap}?topics=${name}`, word: 'topic'}),
		'Redis stream': () => ({name: uniqueName('no-such-stream'), url: (name: string) => `${redis.url}?streams=${name}`, word: 'stream'}),
	};
	it.each((['Kafka topic', 'Redis stream'] as const).flatMap(kind => [[kind, []], [kind, ['--duration', '6s']]] as const))('an unknown %s is a warning, exit 0 (%j)', async (kind, extra) => {
		const {name, url: urlOf, word} = unknown[kind]();
		const url = urlOf(name);
		const result = await timed(['metrics', '--source', url, '--connect-timeout', '2s', '--json', ...extra]);
		expect(result.code).toBe(0);
		const next = extra.length > 0 ? 'waiting for it while --duration lasts' : 'stopped reading it (give --duration to wait for it)';
		expect(result.stderr).toContain(`pubsub-tools: warning: ${url}: ${word} "${name}" does not exist; ${next}`);
		expect(JSON.parse(result.stdout).events).toBe(0);
		expect(result.seconds).toBeLessThan(boundSeconds);
	});

	it.each([[[]], [['--duration', '6s']]] as const)('a Redis pattern matching nothing is a warning, exit 0 (%j)', async extra => {
		const url = `${redis.url}?streams=${uniqueName('no-match')}:*`;
		const result = await timed(['alerts', '--source', url, '--connect-timeout', '2s', ...extra]);
		expect(result.code).toBe(0);
		expect(result.stderr).toContain(`pubsub-tools: warning: ${url}: no stream matches the selection yet; `);
		expect(result.stdout).toBe('0 alerts, 0 still firing\n');
		expect(result.seconds).toBeLessThan(boundSeconds);
	});

	it('a pattern whose stream appears while --duration lasts is read', async () => {
		const prefix = uniqueName('late');
		const url = `${redis.url}?streams=${prefix}:*`;
		const writer = new Redis(redis.url);
		try {
			const running = startCli(['metrics', '--source', url, '--from', 'earliest', '--connect-timeout', '1s', '--duration', '15s', '--json'], {cwd: temp.path});
			running.child.stdin.end();
			// The stream appears only once the warning is out: a slow start must not let it exist before.
			await new Promise<void>(resolve => {
				const seen = (chunk: Buffer) => {
					if (!chunk.toString('utf8').includes('no stream matches the selection yet; waiting for it while --duration lasts')) return;
					running.child.stderr.off('data', seen);
					resolve();
				};

				running.child.stderr.on('data', seen);
			});
			await writer.xadd(`${prefix}:orders`, '*', 'type', 'OrderCreated', 'orderId', 'ORD-LATE-1');
			const result = await running.exited;
			expect(result.code).toBe(0);
			expect(JSON.parse(result.stdout).events).toBe(1);
		} finally {
			await writer.del(`${prefix}:orders`);
			writer.disconnect();
		}
	});
});
