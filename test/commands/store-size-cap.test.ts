// store.retention.maxBytes bounds the store's file on disk while a long replay ingests, not just afterwards.
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {generateRecording} from '../../bench/generate.js';
import {openStore} from '../../source/core/store/store.js';
import {startCli} from '../support/cli.js';
import {useTempDir} from '../support/temp-dir.js';
import {limit} from '../support/limits.js';

const temp = useTempDir('pubsub-size-cap-');
const events = 200_000;
const maxBytes = 12_000_000;

/** Limits that delete nothing, to read the store as it was left. */
const keepAll = {maxEvents: 1e12, maxAgeMs: 1e15, maxBytes: 1e15};

describe('store.retention.maxBytes', () => {
	it('keeps data.mdb under the cap, sampled during and after a 200 k-event replay, and keeps the newest events', {timeout: limit(300_000)}, async () => {
		const recording = path.join(temp.path, 'long.jsonl');
		generateRecording(recording, events);
		const config = path.join(temp.path, 'small-store.yaml');
		fs.writeFileSync(config, `store:\n  retention:\n    maxBytes: ${maxBytes}\n`);
		const dataDir = path.join(temp.path, 'store');
		const file = path.join(dataDir, 'data.mdb');

		const running = startCli(['replay', recording, '--headless', '--speed', 'max', '--data-dir', dataDir, '--config', config], {cwd: temp.path});
		running.child.stdin.end();
		let largest = 0;
		let samples = 0;
		const sample = () => {
			if (!fs.existsSync(file)) return;
			const stat = fs.statSync(file);
			largest = Math.max(largest, stat.size, stat.blocks * 512);
			samples++;
		};

		const timer = setInterval(sample, 10);
		const result = await running.exited;
		clearInterval(timer);
		sample();
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		expect(samples).toBeGreaterThan(20);
		expect(largest).toBeLessThanOrEqual(maxBytes);

		const kept = Number(/store: ([\d,]+) events kept/.exec(result.stdout)?.[1]?.replaceAll(',', ''));
		// The cap is used, not emptied: thousands of events remain (~700 bytes each with every index).
		expect(kept).toBeGreaterThan(5_000);
		expect(kept).toBeLessThan(events);
		const store = openStore({path: dataDir, retention: keepAll, maxTransactionEvents: 10_000});
		try {
			expect(store.stats().events).toBe(kept);
			// The newest `kept` events, every one of them, and nothing older.
			const newest = store.recent(1)[0]!;
			expect(newest.seq).toBe(events);
			expect((newest.value as {eventId: string}).eventId).toBe(`evt-${events - 1}`);
			let oldest = events;
			while (store.get(oldest - 1)) oldest--;
			expect(events - oldest + 1).toBe(kept);
			expect(store.get(1)).toBeUndefined();
		} finally {
			await store.close();
		}
	});
});
