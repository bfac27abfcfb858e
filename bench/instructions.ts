// `node dist/bench/instructions.js OTHER_CLONE [RUNS] [EVENTS]`: an A/B yardstick that the machine's load does not
// move. Runs the whole pipeline (bench/pipeline.ts, rules and bundled stages on, the benchmark's group columns) of
// this build and of OTHER_CLONE's build (a clone of another commit, built with `npm run build`) under valgrind's
// callgrind, alternating, and prints the instructions each run executed, per event after an empty input's count.
// Needs valgrind. Wall time on a shared 2-core machine resolves ~15 % changes; these counts resolve ~3 %.
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {median} from './measure.js';
import {generateRecording} from './generate.js';

const [other, runsText, eventsText] = process.argv.slice(2);
if (!other) {
	process.stderr.write('usage: node dist/bench/instructions.js OTHER_CLONE [RUNS=3] [EVENTS=40000]\n');
	process.exit(2);
}

const runs = Number(runsText ?? 3);
const events = Number(eventsText ?? 40_000);
const here = path.dirname(fileURLToPath(import.meta.url));
const builds = {this: path.join(here, 'pipeline.js'), other: path.join(path.resolve(other), 'dist', 'bench', 'pipeline.js')};
if (!fs.existsSync(builds.other)) {
	process.stderr.write(`instructions: ${builds.other} is missing: build that clone first (npm ci && npm run build)\n`);
	process.exit(2);
}

if (spawnSync('valgrind', ['--version']).status !== 0) {
	process.stderr.write('instructions: valgrind is not installed (it counts the instructions)\n');
	process.exit(2);
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pubsub-instructions-'));

/** Instructions one pipeline run of `script` over `file` executed, all threads, as callgrind counts them. */
function instructions(script: string, file: string): number {
	const dataDir = path.join(work, 'store');
	fs.rmSync(dataDir, {recursive: true, force: true});
	const args = ['--tool=callgrind', '--callgrind-out-file=/dev/null', process.execPath, script, file, dataDir, 'on'];
	const result = spawnSync('valgrind', args, {env: {...process.env, BENCH_CONFIG: config}, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024});
	const collected = /Collected : (\d+)/.exec(result.stderr);
	if (result.status !== 0 || !collected) throw new Error(`${script} under callgrind failed (exit ${result.status}): ${result.stderr.slice(-2000)}`);
	return Number(collected[1]);
}

const config = path.join(work, 'pubsub-tools.config.yaml');
try {
	fs.writeFileSync(config, 'store:\n  columns: [customerId, amount]\n');
	const file = path.join(work, 'bench.jsonl');
	const empty = path.join(work, 'empty.jsonl');
	generateRecording(file, events);
	fs.writeFileSync(empty, '');
	const counts = {this: [] as number[], other: [] as number[]};
	const baseline = {this: instructions(builds.this, empty), other: instructions(builds.other, empty)};
	for (let run = 0; run < runs; run++) {
		for (const build of run % 2 === 0 ? ['this', 'other'] as const : ['other', 'this'] as const) {
			const count = instructions(builds[build], file);
			counts[build].push(count);
			process.stdout.write(`${build === 'this' ? 'this build ' : 'other build'}  ${(count / 1e9).toFixed(3)} G instructions\n`);
		}
	}

	const perEvent = (build: 'this' | 'other') => (median(counts[build]) - baseline[build]) / events;
	process.stdout.write(`\n${events.toLocaleString('en-US')} events, medians of ${runs}; an empty input: this ${(baseline.this / 1e9).toFixed(3)} G, other ${(baseline.other / 1e9).toFixed(3)} G\n`);
	process.stdout.write(`per event: this ${Math.round(perEvent('this')).toLocaleString('en-US')}, other ${Math.round(perEvent('other')).toLocaleString('en-US')} instructions (this/other ${(perEvent('this') / perEvent('other')).toFixed(3)})\n`);
} finally {
	fs.rmSync(work, {recursive: true, force: true});
}
