// A live source's outage told to the engine (the run's outage watch, headless or the TUI) is shown as a recording's
// is: said under the source, its time charted as unknown, and open until it ends, so that a recorder started
// meanwhile writes it first. Before, a live outage reached the alerts only: the views showed nothing of it.
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {defaultConfig} from '../../source/core/config.js';
import {createEngine} from '../../source/core/engine.js';
import {recordingSource} from '../../source/core/sources/recording/source.js';
import {openStore} from '../../source/core/store/store.js';
import {useTempDir} from '../support/temp-dir.js';

const work = useTempDir('pubsub-engine-live-outage-');

describe('a live outage told to the engine', () => {
	it('is said under its source, charted as unknown time, and ended once its end is told', async () => {
		const file = path.join(work.path, 'orders.jsonl');
		fs.writeFileSync(file, `${JSON.stringify({topic: 'orders', value: {orderId: 'ORD-1'}, timestamp: 1000})}\n`);
		const store = openStore({path: path.join(work.path, 'store'), retention: defaultConfig.store.retention, maxTransactionEvents: 10_000});
		const engine = createEngine({config: defaultConfig, store, sources: [recordingSource(file, {maxLineBytes: 1024, batchSize: 10})]});
		try {
			await engine.run();
			const from = Date.parse('2026-12-07T05:05:20.250Z');
			const to = from + 45_000;
			const source = 'redis://127.0.0.1:6379?streams=orders';
			engine.noteOutage(0, {source, from, reason: 'connect ECONNREFUSED'});
			expect(engine.outages()).toEqual([{source, from, reason: 'connect ECONNREFUSED'}]);
			let snapshot = engine.snapshot(60_000);
			expect(snapshot.sources[0]!.recentGaps?.map(gap => gap.text)).toEqual(['reading stopped at 2026-12-07T05:05:20Z (connect ECONNREFUSED): nothing was read until reading went on']);
			expect(snapshot.blind).toContainEqual({from, to: undefined});

			engine.noteOutage(0, {source, from, to});
			expect(engine.outages()).toEqual([{source, from, to, reason: 'connect ECONNREFUSED'}]);
			snapshot = engine.snapshot(60_000);
			expect(snapshot.sources[0]!.recentGaps?.at(-1)?.text).toBe('reading again at 2026-12-07T05:06:05Z after 45.0 s, from where it stopped');
			expect(snapshot.blind).toContainEqual({from, to});
		} finally {
			await store.close();
		}
	});
});
