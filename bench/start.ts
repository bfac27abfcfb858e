// `npm run bench:start`: what `npm start` costs before the program runs, with dist/ current (started as it is) and
// stale (compiled first), measured as `node scripts/start.mjs --help` from launch to exit; median of BENCH_RUNS.
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const runs = Number(process.env.BENCH_RUNS ?? 3);
const built = path.join(root, 'dist/.tsbuildinfo');

/** Seconds `npm start -- --help` takes; `stale` first dates the last build before every source. */
function startSeconds(stale: boolean): number {
	if (stale) fs.utimesSync(built, new Date(0), new Date(0));
	const begin = process.hrtime.bigint();
	execFileSync(process.execPath, [path.join(root, 'scripts/start.mjs'), '--help'], {cwd: root, stdio: 'ignore'});
	return Number(process.hrtime.bigint() - begin) / 1e9;
}

/** Median of a list of numbers. */
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const current = median(Array.from({length: runs}, () => startSeconds(false)));
const stale = median(Array.from({length: runs}, () => startSeconds(true)));
process.stdout.write(`npm start, dist/ current: ${current.toFixed(2)} s to --help and exit (median of ${runs})\n`);
process.stdout.write(`npm start, dist/ stale (compiles first): ${stale.toFixed(2)} s (median of ${runs})\n`);
