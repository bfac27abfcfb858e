// The sagas stage's cost: the whole pipeline over the demo's e-commerce recording with the stage on and off,
// alternating in the same run (same machine, same moment), each in a fresh process and store.
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {median} from './measure.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const recording = path.join(here, '../../recordings/ecommerce.jsonl.gz');

/** Events/s of one pipeline run with the sagas stage on or off, and the share of its time spent in the stage. */
function rate(work: string, sagas: 'on' | 'off'): {rate: number; share: number} {
	const dataDir = path.join(work, `sagas-${sagas}`);
	fs.rmSync(dataDir, {recursive: true, force: true});
	const out = execFileSync(process.execPath, [path.join(here, 'pipeline.js'), recording, dataDir, 'on'], {env: {...process.env, PUBSUB_BENCH_SAGAS: sagas}, maxBuffer: 64 * 1024 * 1024});
	const run = JSON.parse(out.toString()) as {events: number; seconds: number; stageSeconds: number};
	return {rate: run.events / run.seconds, share: run.stageSeconds / run.seconds};
}


/**
 * The figures' lines: throughput with the stage on and off (medians of `runs` pairs, which of the two goes first
 * alternating), their difference, and the time measured inside the stage's calls as a share of the run (the
 * difference of two throughputs is at the mercy of a busy machine; the time inside the stage is not).
 */
export function sagaFigures(runs: number, work: string): string[] {
	const on: number[] = [];
	const off: number[] = [];
	const shares: number[] = [];
	for (let run = 0; run < runs; run++) {
		for (const sagas of run % 2 === 0 ? ['off', 'on'] as const : ['on', 'off'] as const) {
			const figures = rate(work, sagas);
			if (sagas === 'on') {
				on.push(figures.rate);
				shares.push(figures.share);
			} else {
				off.push(figures.rate);
			}
		}
	}

	const [withStage, without] = [median(on), median(off)];
	const slower = ((without - withStage) / without) * 100;
	return [
		`sagas stage, recordings/ecommerce.jsonl.gz (${runs} runs each way, alternating, medians): on ${Math.round(withStage).toLocaleString('en-US')} events/s, off ${Math.round(without).toLocaleString('en-US')} events/s: ${Math.abs(slower).toFixed(1)} % ${slower >= 0 ? 'slower' : 'faster'}; time inside the stage ${(median(shares) * 100).toFixed(1)} % of the run (target ≤ 10 %)`,
	];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pubsub-bench-sagas-'));
	try {
		process.stdout.write(`${sagaFigures(Number(process.env.BENCH_SAGA_RUNS ?? 7), work).join('\n')}\n`);
	} finally {
		fs.rmSync(work, {recursive: true, force: true});
	}
}
