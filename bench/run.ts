// `npm run bench`: whole-pipeline throughput vs bare JSON.parse, peak RSS, quantile error, transaction look-up and group-by time.
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {frontEndRate} from './front-end.js';
import {groupByFigures} from './group-by.js';
import {bareParse, median} from './measure.js';
import {generateRecording, nearestRank} from './generate.js';
import {liveFigures} from './live.js';
import {tuiFigures} from './tui.js';
import {sagaFigures} from './sagas.js';
import type {RunTimes} from './thread-cpu.js';
import {openStore} from '../source/core/store/store.js';
import {defaultConfig} from '../source/core/config.js';
import type {MetricsSummary} from '../source/core/metrics/types.js';

const events = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const runs = Number(process.env.BENCH_RUNS ?? 3);
const here = path.dirname(fileURLToPath(import.meta.url));
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pubsub-bench-'));


/** The pipeline's configuration: the defaults, with group columns for the customer and amount fields the group-by benchmark sums. */
const benchConfig = path.join(work, 'pubsub-tools.config.yaml');
fs.writeFileSync(benchConfig, 'store:\n  columns: [customerId, amount]\n');

/** The figures of a storage-only run (bench/storage-only.ts). */
type StorageRun = RunTimes & {events: number; maxRssMb: number};

/** The figures of a whole-pipeline run (bench/pipeline.ts). */
type PipelineRun = StorageRun & {summary: MetricsSummary; stages: string[]};

/** The pipeline with every feature off (read, parse, normalize, store) in a fresh process, into a fresh store. */
function storageOnly(file: string, dataDir: string): StorageRun {
	fs.rmSync(dataDir, {recursive: true, force: true});
	const out = execFileSync(process.execPath, [path.join(here, 'storage-only.js'), file, dataDir], {env: {...process.env, BENCH_CONFIG: benchConfig}, maxBuffer: 1024 * 1024});
	return JSON.parse(out.toString()) as StorageRun;
}

/** One whole-pipeline run in a fresh process, into a fresh store; `plugins` false leaves the bundled plugins' stages out. */
function pipeline(file: string, dataDir: string, rules: 'on' | 'off', heapGrowth = '', plugins = true): PipelineRun {
	fs.rmSync(dataDir, {recursive: true, force: true});
	const env = {...process.env, PUBSUB_TOOLS_HEAP_GROWTH: heapGrowth, BENCH_PLUGINS: plugins ? '1' : '0', BENCH_CONFIG: benchConfig};
	const out = execFileSync(process.execPath, [path.join(here, 'pipeline.js'), file, dataDir, rules], {env, maxBuffer: 64 * 1024 * 1024});
	return JSON.parse(out.toString()) as PipelineRun;
}

try {
	const file = path.join(work, 'bench.jsonl');
	process.stdout.write(`generating ${events.toLocaleString('en-US')} events…\n`);
	const generated = generateRecording(file, events);
	process.stdout.write(`${(generated.bytes / 1e6).toFixed(0)} MB, ${Math.round(generated.bytes / events)} bytes/event\n\n`);
	const parseRates: number[] = [];
	const frontEndRates: number[] = [];
	const onRuns: PipelineRun[] = [];
	const offRuns: PipelineRun[] = [];
	// Without the default heap cap (README, Memory), alternated with the default so both meet the same machine.
	const uncappedRuns: PipelineRun[] = [];
	// Without the bundled plugins' stages (the flow stage), to show what it costs.
	const noFlowRuns: PipelineRun[] = [];
	const storageRuns: StorageRun[] = [];
	const dataDir = path.join(work, 'store');
	for (let run = 0; run < runs; run++) {
		parseRates.push(bareParse(file));
		frontEndRates.push(await frontEndRate(file));
		offRuns.push(pipeline(file, dataDir, 'off'));
		uncappedRuns.push(pipeline(file, dataDir, 'on', '0'));
		onRuns.push(pipeline(file, dataDir, 'on'));
		noFlowRuns.push(pipeline(file, dataDir, 'on', '', false));
		storageRuns.push(storageOnly(file, dataDir));
	}

	const rate = (run: StorageRun) => run.events / run.seconds;
	const pipelineRate = median(onRuns.map(rate));
	const offRate = median(offRuns.map(rate));
	const noFlowRate = median(noFlowRuns.map(rate));
	const parseRate = median(parseRates);
	const frontEnd = median(frontEndRates);
	const storageRate = median(storageRuns.map(rate));
	const summary = onRuns.at(-1)!.summary;
	/** Median CPU seconds per million events over some runs: the whole process (every thread) and its main thread. */
	const cpuPerMillion = (list: StorageRun[]) => `${median(list.map(run => (run.cpuSeconds * 1e6) / run.events)).toFixed(1)} CPU-s per 1 M events (main thread ${median(list.map(run => (run.mainCpuSeconds * 1e6) / run.events)).toFixed(1)})`;
	const errors = (['p50', 'p95', 'p99'] as const).map(name => {
		const exact = nearestRank(generated.delivery, {p50: 0.5, p95: 0.95, p99: 0.99}[name]);
		const measured = summary.delivery[name];
		return {name, exact, measured, error: Math.abs(measured - exact) / Math.max(exact, 1)};
	});

	const store = openStore({path: dataDir, retention: defaultConfig.store.retention, maxTransactionEvents: defaultConfig.transactions.maxEvents});
	// Two passes: the first reads pages the OS may have evicted since ingest (small page caches, e.g. in a
	// container), the second what the first brought in.
	const passes = [0, 1].map(() => generated.sampleIds.map(id => {
		const started = process.hrtime.bigint();
		const tx = store.transaction(id);
		const ms = Number(process.hrtime.bigint() - started) / 1e6;
		if (!tx || tx.events.length !== 6) throw new Error(`transaction ${id} has ${tx?.events.length} events, expected 6`);
		return ms;
	}));
	const groupBy = await groupByFigures(store, runs, parseRate);
	const stored = store.stats();
	await store.close();
	const lines = [
		`runs: ${runs} (medians), ${events.toLocaleString('en-US')} events, ${os.cpus().length} cores, Node ${process.version}`,
		`pipeline (parse, normalize, store, metrics, hops, alerts, stages ${onRuns[0]!.stages.join(', ') || 'none'}): ${Math.round(pipelineRate).toLocaleString('en-US')} events/s (its target is the ratio to bare JSON.parse, below)`,
		`without the plugins' stages (flow off): ${Math.round(noFlowRate).toLocaleString('en-US')} events/s; cost of the flow stage: ${(((noFlowRate - pipelineRate) / noFlowRate) * 100).toFixed(1)} %`,
		`bare JSON.parse loop over the same file:                  ${Math.round(parseRate).toLocaleString('en-US')} events/s`,
		`pipeline / bare JSON.parse:                               ${(pipelineRate / parseRate).toFixed(2)}  (target ≥ 0.30, goal 0.5)`,
		`front end alone (read, parse, normalize, redelivery check; nothing stored): ${Math.round(frontEnd).toLocaleString('en-US')} events/s, ${(frontEnd / parseRate).toFixed(2)} of bare JSON.parse: the ceiling of the pipeline`,
		`storage only (read, parse, normalize, redelivery check, store with its indexes and group columns; no metrics, hops, alert rules or stages): ${Math.round(storageRate).toLocaleString('en-US')} events/s, ${(storageRate / parseRate).toFixed(2)} of bare JSON.parse  (target ≥ 0.45); ${cpuPerMillion(storageRuns)}`,
		`alert rules off: ${Math.round(offRate).toLocaleString('en-US')} events/s; cost of all rules: ${(((offRate - pipelineRate) / offRate) * 100).toFixed(1)} % (target ≤ 15 %)`,
		`pipeline: ${cpuPerMillion(onRuns)}  (target ≤ 9.5); alert rules off: ${cpuPerMillion(offRuns)}`,
		`peak RSS: ${Math.round(median(onRuns.map(run => run.maxRssMb)))} MB  (target ≤ 350 MB)`,
		`without the heap cap (PUBSUB_TOOLS_HEAP_GROWTH=0, V8 decides): peak RSS ${Math.round(median(uncappedRuns.map(run => run.maxRssMb)))} MB, ${Math.round(median(uncappedRuns.map(rate))).toLocaleString('en-US')} events/s`,
		`store: ${stored.events.toLocaleString('en-US')} events, ${(stored.bytes / 1e6).toFixed(0)} MB`,
		...errors.map(each => `delivery ${each.name}: exact ${each.exact} ms, sketch ${each.measured} ms, error ${(each.error * 100).toFixed(2)} %  (target ≤ 1 %)`),
		...groupBy,
		...passes.map((times, pass) => `transaction look-up with ${stored.events.toLocaleString('en-US')} stored, ${times.length} transactions, ${pass === 0 ? 'first' : 'second'} pass: median ${median(times).toFixed(3)} ms, p99 ${nearestRank(Float64Array.from(times), 0.99).toFixed(3)} ms, max ${Math.max(...times).toFixed(3)} ms  (target: median ≤ 1 ms, p99 ≤ 5 ms)`),
	];
	const alertMemory = (customers: number) => JSON.parse(execFileSync(process.execPath, ['--expose-gc', path.join(here, 'alert-memory.js'), String(customers)]).toString()) as {heapMb: number; tracked: number};
	const [tenth, million] = [alertMemory(100_000), alertMemory(1_000_000)];
	const hopMemory = JSON.parse(execFileSync(process.execPath, ['--expose-gc', path.join(here, 'hop-memory.js'), '1000000']).toString()) as {openMb: number; tracked: number; afterMb: number; dropped: number; evictedBeforeNext: number};
	lines.push(`hop tracker with 1 M transactions open (hops.maxOpen 1,000,000): ${hopMemory.openMb.toFixed(1)} MB; after 1 M more (${hopMemory.dropped.toLocaleString('en-US')} evicted by the cap, ${hopMemory.evictedBeforeNext.toLocaleString('en-US')} of them before their next step, counted): ${hopMemory.afterMb.toFixed(1)} MB, ${hopMemory.tracked.toLocaleString('en-US')} open (bounded)`);
	lines.push(`alert rules' memory (heap and typed arrays) after 100 k / 1 M distinct customers: ${tenth.heapMb.toFixed(1)} MB / ${million.heapMb.toFixed(1)} MB (${million.tracked.toLocaleString('en-US')} keys tracked; bounded)`);
	const windowMemory = JSON.parse(execFileSync(process.execPath, ['--expose-gc', path.join(here, 'window-alert-memory.js')]).toString()) as {topics: number; edges: number; heapMb: number};
	lines.push(`alert rules' memory with error-rate's and slo.latency's key caps full (${windowMemory.topics.toLocaleString('en-US')} failing topics, ${windowMemory.edges} slow edges, every step kept for the window and the allowed lateness): ${windowMemory.heapMb.toFixed(1)} MB`);
	lines.push(...sagaFigures(Number(process.env.BENCH_SAGA_RUNS ?? 7), work));
	process.stdout.write(`${lines.join('\n')}\n`);
	process.stdout.write(`${(await tuiFigures(file, events, runs, work)).join('\n')}\n`);
	const live = await liveFigures(Number(process.env.BENCH_LIVE_EVENTS ?? 200_000), work);
	process.stdout.write(`${live.join('\n')}\n`);
} finally {
	fs.rmSync(work, {recursive: true, force: true});
}
