// A live source keeps nothing of what it has read and handed on: memory stays flat however long it reads.
// Each wait of its loops was a race against a promise settled only at close, which kept every fetch response and
// XREAD reply until then (~0.8 KB an event: a TUI on a busy topic grew until it ran out of memory).
import {execFile} from 'node:child_process';
import path from 'node:path';
import {promisify} from 'node:util';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {produceKafka, produceRedis} from '../../scripts/produce.js';
import {kafkaForTestFile, kafkaSkipReason} from '../support/kafka.js';
import {redisSkipReason, useRedis} from '../support/redis.js';
import {uniqueName} from '../support/unique-name.js';
import {limit} from '../support/limits.js';

const dist = path.resolve(import.meta.dirname, '../../dist/source/core/sources');

/** Events read before the first measure (the source and the JIT settled), and in all. */
const warm = 20_000;
const total = 120_000;

/**
 * Read `total` events through a real source in a process of its own (with `gc` exposed) and give how much the heap
 * and array buffers grew, after full collections, from event `warm` to the last: what the source keeps.
 */
async function grownWhileReading(factory: string, url: string): Promise<{events: number; grownMb: number}> {
	const module = factory === 'kafkaSource' ? 'kafka/source.js' : 'redis/source.js';
	const script = `
		import {${factory}} from ${JSON.stringify(path.join(dist, module))};
		const kept = () => { gc(); gc(); const usage = process.memoryUsage(); return usage.heapUsed + usage.arrayBuffers; };
		const source = ${factory}(${JSON.stringify(url)}, {from: 'earliest'});
		let events = 0;
		let base;
		let grown;
		for await (const batch of source.batches()) {
			events += batch.events.length;
			if (base === undefined && events >= ${warm}) base = kept();
			// Measured while the source still runs: closing it lets go of everything.
			if (events < ${total}) continue;
			grown = kept() - base;
			break;
		}
		process.stdout.write(JSON.stringify({events, grownMb: grown / 1e6}));
		process.exit(0);
	`;
	const {stdout} = await promisify(execFile)(process.execPath, ['--expose-gc', '--input-type=module', '-e', script], {timeout: limit(120_000)});
	return JSON.parse(stdout) as {events: number; grownMb: number};
}

describe.skipIf(kafkaSkipReason())('memory of a live Kafka source', () => {
	let broker: {bootstrap: string; stop(): Promise<void>};
	let removeTopic: (() => Promise<void>) | undefined;
	beforeAll(async () => {
		broker = await kafkaForTestFile();
	});
	afterAll(async () => {
		await removeTopic?.();
		await broker.stop();
	});

	it('keeps none of the fetch responses it has handed on', async () => {
		const topic = uniqueName('it-memory');
		removeTopic = await produceKafka(broker.bootstrap, topic, total, 3);
		const read = await grownWhileReading('kafkaSource', `kafka://${broker.bootstrap}?topics=${topic}`);
		expect(read.events).toBe(total);
		// Before: ~80 MB kept for the last 100,000 events.
		expect(read.grownMb).toBeLessThan(15);
	}, limit(180_000));
});

describe.skipIf(redisSkipReason())('memory of a live Redis source', () => {
	const redis = useRedis();
	let removeStream: (() => Promise<void>) | undefined;
	afterAll(async () => removeStream?.());

	it('keeps none of the XREAD replies it has handed on', async () => {
		const stream = uniqueName('it-memory');
		removeStream = await produceRedis(redis.url, stream, total);
		const read = await grownWhileReading('redisStreamsSource', `${redis.url}?streams=${stream}`);
		expect(read.events).toBe(total);
		// Before: ~90 MB kept for the last 100,000 entries.
		expect(read.grownMb).toBeLessThan(15);
	}, limit(180_000));
});
