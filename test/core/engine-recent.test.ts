// engine.recent() (the Messages pane's seed and catch-up, and the plugin API's): the newest stored events, read
// from the store, consistent with what batches$ has emitted.
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {defaultConfig} from '../../source/core/config.js';
import {createEngine} from '../../source/core/engine.js';
import {recordingSource} from '../../source/core/sources/recording/source.js';
import {openStore} from '../../source/core/store/store.js';
import {useTempDir} from '../support/temp-dir.js';

const work = useTempDir('pubsub-engine-recent-');

describe('recent', () => {
	it('holds the newest recentLimit stored events, oldest first, each batch included once batches$ emits it', async () => {
		const file = path.join(work.path, 'orders.jsonl');
		const lines = Array.from({length: 3000}, (_, n) => JSON.stringify({topic: n % 2 ? 'orders' : 'payments', offset: String(n), value: {orderId: `ORD-${n}`}, timestamp: 1_000 + n}));
		fs.writeFileSync(file, `${lines.join('\n')}\n`);
		const store = openStore({path: path.join(work.path, 'store'), retention: defaultConfig.store.retention, maxTransactionEvents: 10_000});
		const engine = createEngine({config: defaultConfig, store, sources: [recordingSource(file, {maxLineBytes: 1024, batchSize: 250})], recentLimit: 600});
		const checks: string[] = [];
		let emitted = 0;
		engine.batches$.subscribe(batch => {
			emitted += batch.length;
			const recent = engine.recent();
			const offsets = recent.map(event => Number(event.offset));
			const expected = Array.from({length: Math.min(emitted, 600)}, (_, i) => emitted - Math.min(emitted, 600) + i);
			if (JSON.stringify(offsets) !== JSON.stringify(expected)) checks.push(`after ${emitted}: ${offsets.at(0)}…${offsets.at(-1)} (${offsets.length})`);
		});
		try {
			expect((await engine.run()).stored).toBe(3000);
			expect(checks).toEqual([]);
			const recent = engine.recent();
			expect(recent).toHaveLength(600);
			expect(recent.at(-1)).toMatchObject({topic: 'orders', offset: '2999', value: {orderId: 'ORD-2999'}});
			// What the Messages pane reads to catch up: only the events stored after the newest it has.
			const after = engine.recent(recent.at(-4)!.seq);
			expect(after.map(event => event.offset)).toEqual(['2997', '2998', '2999']);
			expect(engine.recent(recent.at(-1)!.seq)).toEqual([]);
		} finally {
			await store.close();
		}
	});
});
