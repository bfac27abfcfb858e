// Event shapes a hostile or broken producer sends: names that are also JavaScript's own object keys, numbers at the
// edge of what a double holds. Every event is still counted where the headless JSON says it is.
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli} from '../support/cli.js';
import {useTempDir} from '../support/temp-dir.js';

const start = Date.UTC(2026, 10, 21, 10, 0, 0);

/** A recording of one event per topic, each 100 ms after the one before, recorded 10 ms after its event. */
function recording(topics: string[]): string {
	return topics.map((topic, index) => JSON.stringify({
		topic, offset: String(index), recordedAt: start + index * 100 + 10,
		value: {eventType: 'Step', orderId: 'ORD-HOSTILE-1', timestamp: start + index * 100},
	})).join('\n') + '\n';
}

describe('hostile event shapes', () => {
	const temp = useTempDir('pubsub-hostile-shapes-');
	const write = (name: string, text: string) => {
		fs.writeFileSync(path.join(temp.path, name), text);
		return name;
	};

	it('counts a topic named __proto__ in metrics like any other', async () => {
		const file = write('proto-topic.jsonl', recording(['__proto__', 'constructor', 'orders']));
		const result = await runCli(['metrics', file, '--json'], {cwd: temp.path});
		expect(result.code, result.stderr).toBe(0);
		const metrics = JSON.parse(result.stdout) as {events: number; topics: Record<string, {count: number}>};
		expect(metrics.events).toBe(3);
		expect(Object.keys(metrics.topics).sort()).toEqual(['__proto__', 'constructor', 'orders']);
		const text = await runCli(['metrics', file], {cwd: temp.path});
		expect(text.stdout).toMatch(/^__proto__ +1 /m);
	});

	// (A broker time in 1970, below 10^11 ms, would be read as seconds; before 2000 it is no event time at all.)
	it('reads a broker time once: an envelope timestamp after the year 5138 is the time it says', async () => {
		// No time in the payloads: the envelope's timestamp is the event time; each line recorded 20 ms after it.
		const order = (startIso: string) => {
			const first = Date.parse(startIso);
			return [0, 250].map((after, index) => JSON.stringify({
				topic: `step-${index}`, offset: String(index), timestamp: new Date(first + after).toISOString(),
				recordedAt: new Date(first + after + 20).toISOString(), value: {eventType: 'Step', orderId: 'ORD-BROKER-1'},
			})).join('\n') + '\n';
		};

		for (const startIso of ['2000-01-01T00:00:01.000Z', '5200-01-01T00:00:00.000Z']) {
			const result = await runCli(['metrics', write('broker-time.jsonl', order(startIso)), '--json'], {cwd: temp.path});
			expect(result.code, result.stderr).toBe(0);
			const metrics = JSON.parse(result.stdout) as {skewed: number; delivery: {p50: number}; edges: Record<string, {p50: number}>};
			expect({skewed: metrics.skewed, delivery: metrics.delivery.p50, hop: metrics.edges['step-0->step-1']?.p50}, startIso).toEqual({skewed: 0, delivery: 20, hop: 250});
		}
	});

	it('reads back the times record writes for events after the year 9999', async () => {
		// Nanosecond times in the year 11476: record writes them as ISO-8601 with an expanded year (+011476-…).
		const lines = [0, 250].map((after, index) => JSON.stringify({
			topic: `step-${index}`, offset: String(index), timestamp: 3e20 + after * 1e6, recordedAt: 3e20 + (after + 20) * 1e6,
			value: {eventType: 'Step', orderId: 'ORD-FAR-1'},
		})).join('\n') + '\n';
		const file = write('far.jsonl', lines);
		const recorded = await runCli(['record', file, '-o', '-'], {cwd: temp.path});
		expect(recorded.code, recorded.stderr).toBe(0);
		expect(recorded.stdout).toContain('"recordedAt":"+011476-');
		const figures = async (name: string) => {
			const result = await runCli(['metrics', name, '--json'], {cwd: temp.path});
			expect(result.code, result.stderr).toBe(0);
			const metrics = JSON.parse(result.stdout) as {delivery: {p50: number}; edges: Record<string, {p50: number}>};
			return {delivery: metrics.delivery.p50, hop: metrics.edges['step-0->step-1']?.p50};
		};

		// Sketch percentiles: within 1 % of 20 and 250 ms.
		const original = await figures(file);
		expect(original.delivery).toBeCloseTo(20, 0);
		expect(original.hop).toBeCloseTo(250, 0);
		// Recorded to whole milliseconds: a number there would read as another unit.
		const again = await figures(write('far-recorded.jsonl', recorded.stdout));
		expect(again.delivery).toBeCloseTo(20, 0);
		expect(again.hop).toBeCloseTo(250, 0);
	});

	it('keeps two messages of one offset in two partitions written as strings', async () => {
		// Hand-written recordings give partitions as text as they give offsets as numbers; "0" and "1" are two partitions.
		const file = write('text-partitions.jsonl', ['0', '1'].map(partition => JSON.stringify({
			topic: 'orders', partition, offset: '5', value: {eventType: 'OrderCreated', orderId: `ORD-P${partition}`},
		})).join('\n') + '\n');
		const result = await runCli(['metrics', file, '--json'], {cwd: temp.path});
		expect(result.code, result.stderr).toBe(0);
		const metrics = JSON.parse(result.stdout) as {events: number; readTwice: number};
		expect({events: metrics.events, readTwice: metrics.readTwice}).toEqual({events: 2, readTwice: 0});
	});
});
