// The engine's small read models (totals, sources, now, metricsView, stageErrors) say what a snapshot says, so a
// caller that needs one counter reads it without building a windowed view.
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {defaultConfig} from '../../source/core/config.js';
import {createEngine} from '../../source/core/engine.js';
import {recordingSource} from '../../source/core/sources/recording/source.js';
import {openStore} from '../../source/core/store/store.js';
import {useTempDir} from '../support/temp-dir.js';

const work = useTempDir('pubsub-engine-read-');

describe('engine read models', () => {
	it('totals, sources, now and metricsView agree with the snapshot of the same moment', async () => {
		const file = path.join(work.path, 'orders.jsonl');
		const lines = Array.from({length: 500}, (_, n) => JSON.stringify({topic: n % 2 ? 'orders' : 'payments', offset: String(n % 400), value: {orderId: `ORD-${n}`, status: n % 50 === 0 ? 'error' : 'ok'}, timestamp: 1_000 + (n * 100)}));
		fs.writeFileSync(file, `${lines.join('\n')}\nnot json\n`);
		const store = openStore({path: path.join(work.path, 'store'), retention: defaultConfig.store.retention, maxTransactionEvents: 10_000});
		const engine = createEngine({config: defaultConfig, store, sources: [recordingSource(file, {maxLineBytes: 1024, batchSize: 100})]});
		try {
			const ran = await engine.run();
			const snapshot = engine.snapshot(60_000);
			expect(engine.totals()).toEqual(snapshot.totals);
			expect(ran).toEqual(snapshot.totals);
			// Offsets repeat after 400: the last 100 lines are the same messages read twice, stored once and counted once.
			expect(snapshot.totals).toMatchObject({events: 400, stored: 400, readTwice: 100, malformed: 1});
			expect(engine.sources()).toEqual(snapshot.sources);
			expect(engine.sources()[0]).toMatchObject({events: 400, malformed: 1, state: 'finished'});
			expect(engine.now()).toBe(snapshot.now);
			expect(engine.now()).toBeGreaterThan(0);
			expect(engine.metricsView(60_000)).toEqual(snapshot.view);
			expect(engine.metricsView(60_000).totals.events).toBe(400);
			expect(engine.stageErrors()).toEqual(snapshot.stageErrors);
		} finally {
			await engine.stop();
			await store.close();
		}
	});
});
