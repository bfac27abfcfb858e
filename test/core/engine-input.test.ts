// A key press makes ingest pause between batches for a moment (the TUI's responsiveness); nothing is lost.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {defaultConfig} from '../../source/core/config.js';
import {createEngine} from '../../source/core/engine.js';
import {recordingSource} from '../../source/core/sources/recording/source.js';
import {openStore} from '../../source/core/store/store.js';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pubsub-engine-input-'));
afterEach(() => fs.rmSync(work, {recursive: true, force: true}));

describe('noteInput', () => {
	it('spaces batches while someone types, and stores every event', async () => {
		const file = path.join(work, 'orders.jsonl');
		const lines = Array.from({length: 8000}, (_, n) => JSON.stringify({topic: 'orders', offset: String(n), value: {orderId: `ORD-${n}`}, timestamp: 1_000 + n}));
		fs.writeFileSync(file, `${lines.join('\n')}\n`);
		const store = openStore({ephemeral: true, path: work, retention: defaultConfig.store.retention, maxTransactionEvents: 10_000});
		const source = recordingSource(file, {maxLineBytes: 1024, batchSize: 100});
		const engine = createEngine({config: defaultConfig, store, sources: [source], inputPause: {holdMs: 200, gapMs: 80}});
		const arrivals: number[] = [];
		engine.batches$.subscribe(() => arrivals.push(performance.now()));
		engine.noteInput();
		const typing = setInterval(() => engine.noteInput(), 20);
		try {
			const totals = await engine.run();
			expect(totals.stored).toBe(8000);
		} finally {
			clearInterval(typing);
			await store.close();
		}

		// A 64 KiB chunk holds ~800 of these lines: about ten batches.
		expect(arrivals.length).toBeGreaterThanOrEqual(8);
		const gaps = arrivals.slice(1).map((at, i) => at - arrivals[i]!);
		// Each batch waited 80 ms before it was stored (storing one takes a few ms; timers never fire much early).
		expect(Math.min(...gaps)).toBeGreaterThanOrEqual(78);
	});
});
