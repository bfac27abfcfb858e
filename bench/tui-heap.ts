// The TUI left open for a shift: the real App on the simulator, rendered by Ink as many times as it would be in
// BENCH_TUI_HOURS (default 24) at its frame rate, with simulated time moving one frame interval per frame, so every
// frame shows a new clock, rate and age. Samples the heap after a full collection each simulated hour, with the
// store's in-memory transaction caches: they are what the heap grows with over a shift (about 70 bytes per cached id
// and 90–110 per cached transaction state) until they reach their caps, days in at the default rate (transactions.ts).
// Run: `npm run bench:tui-heap` (node --expose-gc dist/bench/tui-heap.js); BENCH_TUI_RATE scales the simulated traffic;
// BENCH_TUI_SNAPSHOTS=DIR also writes a heap snapshot at each sample, to diff what grew between two of them.
import {EventEmitter} from 'node:events';
import {Writable} from 'node:stream';
import {setImmediate as yieldToLoop} from 'node:timers/promises';
import {writeHeapSnapshot} from 'node:v8';
import {map, Subject} from 'rxjs';
import type {RawEvent} from '../source/core/envelope.js';
import type {Source} from '../source/core/sources/source.js';
import {EcommerceScenario} from '../source/core/sources/simulator/scenario.js';
import {fastStartTime} from '../source/core/sources/simulator/source.js';

// React reads NODE_ENV when first loaded; the TUI runs its production build (source/ui/run.ts).
process.env.NODE_ENV ??= 'production';
const gc = (globalThis as {gc?: () => void}).gc;
if (!gc) throw new Error('run with node --expose-gc');
const hours = Number(process.env.BENCH_TUI_HOURS ?? 24);
/** Orders per second relative to the demo: a shift's events, not its frames, would otherwise fill the store's caps. */
const rateScale = Number(process.env.BENCH_TUI_RATE ?? 0.02);
/** Where to write a heap snapshot at each sample, to diff what grew between two of them. */
const snapshotDirectory = process.env.BENCH_TUI_SNAPSHOTS;

const [{render}, React, {App}, {builtInPanes}, {setUpPlugins}, {readyPanes}, {Recorder}, {createEngine}, {openStore}, {defaultConfig}, {snapshotIntervalMs}, measure, wrap] = await Promise.all([
	import('ink'), import('react'), import('../source/ui/app.js'), import('../source/ui/panes/built-in.js'),
	import('../source/commands/support/plugin-setup.js'), import('../source/ui/panes/registry.js'), import('../source/ui/recorder.js'), import('../source/core/engine.js'),
	import('../source/core/store/store.js'), import('../source/core/config.js'), import('../source/ui/hooks/use-snapshots.js'),
	// Ink's own text caches (its package exports only its index), bounded by patches/ink+6.8.0.patch; without the
	// patch their size functions are undefined.
	import(new URL('measure-text.js', import.meta.resolve('ink')).href) as Promise<{measureTextCacheSize?: () => number}>,
	import(new URL('wrap-text.js', import.meta.resolve('ink')).href) as Promise<{wrapTextCacheSize?: () => number}>,
]);

const frames = Math.round(hours * 3600 * 1000 / snapshotIntervalMs);
const framesPerHour = Math.round(3600 * 1000 / snapshotIntervalMs);
let simTime = fastStartTime;
const scenario = new EcommerceScenario({seed: 7, startTime: simTime, rateScale});

// A simulator source that releases, per frame, the events due by the simulated clock. A frame does not wait for
// them to be stored (each commit waits for the disk): the engine catches up between frames, as in the TUI.
let release: (() => void) | undefined;
let closed = false;
const source: Source = {
	id: 'demo',
	async * batches() {
		while (!closed) {
			await new Promise<void>(resolve => {
				release = resolve;
			});
			const events: RawEvent[] = scenario.take(100_000, simTime);
			if (events.length > 0) yield {events};
		}
	},
	health: () => ({name: 'demo', state: 'connected', malformed: 0, malformedSamples: [], phase: scenario.phaseAt(simTime)}),
	async close() {
		closed = true;
		release?.();
	},
};

const store = openStore({ephemeral: true, retention: defaultConfig.store.retention, maxTransactionEvents: defaultConfig.transactions.maxEvents});
const engine = createEngine({config: defaultConfig, store, sources: [source], now: () => simTime});
// One snapshot per frame, as fast as Ink draws, instead of one per snapshotIntervalMs of wall time.
const tick$ = new Subject<void>();
const driven = {...engine, snapshots: (windowMs: () => number) => tick$.pipe(map(() => engine.snapshot(windowMs())))};

/** A terminal that keeps only how much was drawn. */
class Terminal extends Writable {
	columns = 80;
	rows = 24;
	isTTY = true;
	written = 0;
	override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: () => void) {
		this.written += chunk.length;
		done();
	}
}

/** A keyboard the bench types pane keys on. */
class Keyboard extends EventEmitter {
	isTTY = true;
	private pending: string | null = null;
	type(key: string) {
		this.pending = key;
		this.emit('readable');
	}

	read() {
		const key = this.pending;
		this.pending = null;
		return key;
	}

	setEncoding() {}
	setRawMode() {}
	resume() {}
	pause() {}
	ref() {}
	unref() {}
}

const terminal = new Terminal();
const keyboard = new Keyboard();
const recorder = new Recorder(engine, {directory: '/nonexistent', header: {source: 'demo'}});
const running = engine.run();
const instance = render(
	React.createElement(App, {engine: driven, mode: 'live', color: true, panes: (await readyPanes(setUpPlugins([builtInPanes], []).panes)).panes, recorder, onQuit() {}}),
	{stdout: terminal as unknown as NodeJS.WriteStream, stdin: keyboard as unknown as NodeJS.ReadStream, exitOnCtrlC: false, patchConsole: false, maxFps: 1000},
);

/** Release the events due by simTime, then draw one frame. */
async function frame() {
	release?.();
	tick$.next();
	await yieldToLoop();
}

type Sample = {
	hour: number; frames: number; events: number; heapMb: number; measureCache?: number; wrapCache?: number;
	/** Ids and transaction states in the store's caches (up to 200,000 and 100,000). */
	cachedIds?: number; cachedTransactions?: number;
};
const sample = (frame: number): Sample => {
	gc();
	const cached = store.stats().cached;
	return {
		hour: Math.round(frame / framesPerHour * 100) / 100,
		frames: frame,
		events: engine.summary().events,
		heapMb: Math.round(process.memoryUsage().heapUsed / 1024 / 10.24) / 100,
		measureCache: measure.measureTextCacheSize?.(),
		wrapCache: wrap.wrapTextCacheSize?.(),
		cachedIds: cached?.ids,
		cachedTransactions: cached?.transactions,
	};
};

const paneKeys = ['1', '2', '3', '4'];
const started = performance.now();
// The first simulated minute warms up the JIT, React and the engine before the starting figure.
const warmUp = Math.round(60_000 / snapshotIntervalMs);
const samples: Sample[] = [];
for (let n = 1; n <= frames; n++) {
	simTime += snapshotIntervalMs;
	await frame();
	// Mostly the Overview (its clocks and rates change every frame), and every pane now and then.
	if (n % 1200 === 0) keyboard.type(paneKeys[(n / 1200) % paneKeys.length]!);
	if (n === warmUp || n % framesPerHour === 0 || n === frames) {
		const point = sample(n);
		samples.push(point);
		process.stderr.write(`${JSON.stringify(point)}\n`);
		if (snapshotDirectory) writeHeapSnapshot(`${snapshotDirectory}/tui-heap-${point.hour}h.heapsnapshot`);
	}
}

const seconds = (performance.now() - started) / 1000;
instance.unmount();
await source.close();
await engine.stop();
await running.catch(() => undefined);
await store.close();
const first = samples[0]!;
const last = samples.at(-1)!;
process.stdout.write(`${JSON.stringify({
	hours, frames, framesPerSecond: Math.round(frames / seconds), seconds: Math.round(seconds), events: last.events, drawnMb: Math.round(terminal.written / 1e6),
	heapStartMb: first.heapMb, heapEndMb: last.heapMb, heapMaxMb: Math.max(...samples.map(point => point.heapMb)),
	measureCache: last.measureCache ?? 'unbounded (patch missing)', wrapCache: last.wrapCache ?? 'unbounded (patch missing)',
	cachedIds: last.cachedIds, cachedTransactions: last.cachedTransactions,
})}\n`);
