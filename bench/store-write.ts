// `node dist/bench/store-write.js [EVENTS] [COLUMNS]`: the store's write path alone (COLUMNS: value fields kept as
// group columns, comma-separated, as config `store.columns`). Generates the benchmark's recording (with
// BENCH_SHAPE=live the live benchmarks' events instead, each starting a transaction of its own),
// normalizes it up front, then times putBatch over the source's batches (process and main-thread CPU per 1 M
// events) and looks up one transaction in a thousand. Prints one JSON line; run it alternately against a build
// of another commit to compare write paths without the rest of the pipeline's noise.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {defaultConfig} from '../source/core/config.js';
import type {Envelope, RawEvent} from '../source/core/envelope.js';
import {createFrontEnd} from '../source/core/front-end.js';
import {recordingSource} from '../source/core/sources/recording/source.js';
import {openStore} from '../source/core/store/store.js';
import {generateLiveShapedRecording, generateRecording, nearestRank} from './generate.js';
import {startRunClock} from './thread-cpu.js';

const events = Number(process.argv[2] ?? 300_000);
const columns = {fields: process.argv[3] ? process.argv[3].split(',') : [], containers: defaultConfig.fields.containers};
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pubsub-store-write-'));
try {
	const file = path.join(work, 'bench.jsonl');
	const live = process.env.BENCH_SHAPE === 'live';
	const {sampleIds} = live ? generateLiveShapedRecording(file, events) : generateRecording(file, events);
	const perTransaction = live ? 1 : 6;
	const frontEnd = createFrontEnd(defaultConfig);
	const batches: Envelope[][] = [];
	for await (const batch of recordingSource(file, {maxLineBytes: defaultConfig.recording.maxLineBytes}).batches()) {
		const wall = Date.now();
		batches.push(batch.events.map(raw => frontEnd(raw as RawEvent, wall)));
	}

	const store = openStore({path: path.join(work, 'store'), retention: defaultConfig.store.retention, maxTransactionEvents: defaultConfig.transactions.maxEvents, columns});
	const clock = startRunClock();
	for (const batch of batches) await store.putBatch(batch);
	const {seconds, cpuSeconds, mainCpuSeconds} = clock.read();
	const lookUps = Float64Array.from(sampleIds, id => {
		const start = process.hrtime.bigint();
		const found = store.transaction(id);
		if (found?.events.length !== perTransaction) throw new Error(`transaction ${id} has ${found?.events.length} events, expected ${perTransaction}`);
		return Number(process.hrtime.bigint() - start) / 1e6;
	});
	await store.close();
	process.stdout.write(`${JSON.stringify({
		events,
		shape: live ? 'live' : 'recording',
		columns: columns.fields,
		seconds,
		cpuSecondsPerMillion: (cpuSeconds * 1e6) / events,
		mainCpuSecondsPerMillion: (mainCpuSeconds * 1e6) / events,
		lookUpMedianMs: nearestRank(lookUps, 0.5),
		lookUpP99Ms: nearestRank(lookUps, 0.99),
	})}\n`);
} finally {
	fs.rmSync(work, {recursive: true, force: true});
}
