// TUI responsiveness for `npm run bench`: the real CLI replays a recording at --speed max in a 100×30 pseudo-terminal
// while keys switch panes: keystroke-to-frame latency, what a frame costs, frames per second, how long the loop is held.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {setTimeout as sleep} from 'node:timers/promises';
import {openPty, ptyProblem} from './pty.js';
import {nearestRank} from './generate.js';
import {Random} from '../source/core/sources/simulator/random.js';
import type {RenderStatsFile} from '../source/ui/render-stats.js';
import {snapshotIntervalMs} from '../source/ui/hooks/use-snapshots.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const cli = path.join(here, '../source/cli.js');
const size = {columns: 100, rows: 30};
/** Pane keys, each with the tab that shows it took effect; cycled so that every key changes the screen. */
const paneKeys: Array<[string, RegExp]> = [['2', /\[2 Topics\]/], ['3', /\[3 Messages\]/], ['4', /\[4 Alerts\]/], ['1', /\[1 Overview\]/]];
/** The status bar: replay state, rate, events so far. */
const statusLine = /(▶ replay|✓ replay finished)[^│]*│[^│]*ev\/s │ ([\d,]+) events/g;
/** Longest pause between an answered key and the next: keys land at every phase of ingest and of the frames. */
const maxPauseMs = 150;

/** One replay: answered keys (while ingest ran) and the TUI's own timings. */
type TuiRun = {sent: number[]; latencies: number[]; eventsAt: number[]; ingest: {start: number; end: number}; stats: RenderStatsFile};

/** Replay `file` once in the TUI and press pane keys until the replay has finished. */
async function tuiRun(file: string, work: string, seed: number): Promise<TuiRun> {
	const statsFile = path.join(work, `tui-stats-${seed}.json`);
	// Exactly this environment: Ink draws nothing when CI is set, and colour settings from outside would change frames.
	const env = {
		PATH: process.env.PATH, HOME: work, TMPDIR: process.env.TMPDIR, TERM: 'xterm-256color', LANG: 'C.UTF-8',
		PUBSUB_TUI_RENDER_STATS: statsFile,
	};
	const pty = openPty([process.execPath, cli, 'replay', file, '--speed', 'max', '--ephemeral'], size, env);
	try {
		const first = await pty.waitFor(/\[1 Overview\]/, 60_000);
		let end: number | undefined;
		const finished = pty.waitFor(/✓ replay finished/, 30 * 60_000).then(seen => {
			end = seen.at;
		}, () => undefined);
		const random = new Random(seed);
		const sentAt: number[] = [];
		const latencies: number[] = [];
		const eventsAt: number[] = [];
		for (let turn = 0; end === undefined; turn++) {
			await sleep(random.next() * maxPauseMs);
			const [key, tab] = paneKeys[turn % paneKeys.length]!;
			const answer = pty.waitFor(tab, 30_000);
			const sent = pty.write(key);
			const seen = await answer;
			// The status line of the frame that answered: it tells whether ingest was still running then.
			const status = [...seen.text.slice(0, seen.index).matchAll(statusLine)].at(-1);
			if (status?.[1] !== '▶ replay') continue;
			sentAt.push(sent);
			latencies.push(seen.at - sent);
			eventsAt.push(Number(status[2]!.replaceAll(',', '')));
		}

		await finished;
		pty.write('q');
		const code = await pty.exited;
		if (code !== 0) throw new Error(`the TUI exited with ${code}`);
		const stats = JSON.parse(fs.readFileSync(statsFile, 'utf8')) as RenderStatsFile;
		return {sent: sentAt, latencies, eventsAt, ingest: {start: first.at, end: end!}, stats};
	} finally {
		pty.kill();
	}
}

const quantiles = (values: number[]) => {
	const sorted = Float64Array.from(values);
	return {p50: nearestRank(sorted, 0.5), p95: nearestRank(sorted, 0.95), p99: nearestRank(sorted, 0.99), max: Math.max(...values)};
};

const during = (entries: Array<[number, number]>, {start, end}: TuiRun['ingest']) => entries.filter(([at]) => at >= start && at <= end);

/** The figures of one run. */
function figuresOf(run: TuiRun) {
	const ingestSeconds = (run.ingest.end - run.ingest.start) / 1000;
	const commits = during(run.stats.commits, run.ingest);
	const frames = during(run.stats.frames, run.ingest);
	const blocked = during(run.stats.blocked, run.ingest);
	const collections = during(run.stats.gc, run.ingest);
	// What of each held stretch was not a React commit (with Ink's draw): ingest's turns and their garbage collection.
	const ingestHeld = blocked.map(([at, ms]) => ms - commits.filter(([end]) => end <= at && end >= at - ms).reduce((sum, [, commit]) => sum + commit, 0));
	// Each key in two parts: until the process read it (the loop was busy), and from there to the frame on the screen.
	const read: number[] = [];
	const drawn: number[] = [];
	for (const [index, sent] of run.sent.entries()) {
		const shown = sent + run.latencies[index]!;
		// Clocks of two processes: a millisecond of slack either way.
		const at = run.stats.input.find(time => time >= sent - 1 && time <= shown + 1);
		if (at === undefined) continue;
		read.push(Math.max(0, at - sent));
		drawn.push(Math.max(0, shown - at));
	}

	return {
		keys: quantiles(run.latencies),
		keyRead: quantiles(read),
		keyDrawn: quantiles(drawn),
		samples: run.latencies.length,
		firstEvents: run.eventsAt[0] ?? 0,
		lastEvents: run.eventsAt.at(-1) ?? 0,
		commit: quantiles(commits.map(([, ms]) => ms)),
		ink: quantiles(frames.map(([, ms]) => ms)),
		fps: frames.length / ingestSeconds,
		ingestSeconds,
		held: quantiles(ingestHeld.filter(ms => ms > run.stats.blockedOverMs)),
		heldOverMs: run.stats.blockedOverMs,
		heldShare: blocked.reduce((sum, [, ms]) => sum + ms, 0) / (ingestSeconds * 1000),
		gc: quantiles(collections.map(([, ms]) => ms)),
		gcShare: collections.reduce((sum, [, ms]) => sum + ms, 0) / (ingestSeconds * 1000),
		waitedShare: run.stats.cpu ? run.stats.cpu.waitedMs / (run.stats.cpu.ranMs + run.stats.cpu.waitedMs) : undefined,
	};
}

const median = (values: number[]) => nearestRank(Float64Array.from(values), 0.5);
const ms = (value: number) => `${value.toFixed(value < 10 ? 1 : 0)} ms`;
const spread = (each: Array<{p50: number; p95: number; p99: number; max: number}>) =>
	`p50 ${ms(median(each.map(q => q.p50)))}, p95 ${ms(median(each.map(q => q.p95)))}, p99 ${ms(median(each.map(q => q.p99)))}, max ${ms(median(each.map(q => q.max)))}`;

/** How much of its time the TUI's main thread was ready to run but had no CPU (other processes on the machine). */
function waitedLine(shares: Array<number | undefined>): string[] {
	const known = shares.filter(share => share !== undefined);
	if (known.length === 0) return [];
	return [`  the TUI's main thread waited for a CPU ${(median(known) * 100).toFixed(0)} % of its runnable time (other load on this ${os.cpus().length}-core machine; load average ${os.loadavg()[0]!.toFixed(1)})`];
}

/** Replay `file` (`events` events) `runs` times in the TUI; the benchmark's lines (medians over the runs). */
export async function tuiFigures(file: string, events: number, runs: number, work: string): Promise<string[]> {
	const problem = ptyProblem();
	if (problem) return [`TUI: not measured (${problem})`];
	const figures = [];
	for (let run = 0; run < runs; run++) figures.push(figuresOf(await tuiRun(file, work, run + 1)));
	const count = (value: number) => Math.round(value).toLocaleString('en-US');
	return [
		`TUI, replay --speed max of ${count(events)} events at ${size.columns}×${size.rows} (${runs} runs, medians; ingest ${median(figures.map(f => f.ingestSeconds)).toFixed(1)} s):`,
		`  key → frame: ${spread(figures.map(f => f.keys))}  (target p99 ≤ 100 ms; ${figures.map(f => f.samples).join('/')} keys, answered between ${count(median(figures.map(f => f.firstEvents)))} and ${count(median(figures.map(f => f.lastEvents)))} events)`,
		`    until the process reads the key: ${spread(figures.map(f => f.keyRead))}; from there to the frame: ${spread(figures.map(f => f.keyDrawn))}`,
		`  frame, React render + commit + layout + draw: ${spread(figures.map(f => f.commit))}`,
		`  Ink's draw alone (onRender): ${spread(figures.map(f => f.ink))}; ${median(figures.map(f => f.fps)).toFixed(1)} frames/s (data at ${1000 / snapshotIntervalMs}/s, the rest keys)`,
		`  event loop held outside frames (ingest, its GC), stretches over ${figures[0]?.heldOverMs ?? '-'} ms: ${spread(figures.map(f => f.held))}; loop busy ${(median(figures.map(f => f.heldShare)) * 100).toFixed(0)} % of the time in such stretches`,
		`  garbage collection pauses: ${spread(figures.map(f => f.gc))}; ${(median(figures.map(f => f.gcShare)) * 100).toFixed(0)} % of the time`,
		...waitedLine(figures.map(f => f.waitedShare)),
	];
}
