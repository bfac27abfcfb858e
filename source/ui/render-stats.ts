// Opt-in measurements for the benchmark (bench/tui.ts): what each frame costs and how long the event loop is held.
import fs from 'node:fs';
import {PerformanceObserver, performance} from 'node:perf_hooks';

/** What PUBSUB_TUI_RENDER_STATS=FILE holds after the TUI exits: epoch-ms times, durations in ms. */
export type RenderStatsFile = {
	/** React render and commit of the App, with Yoga layout and, when Ink draws at once, its output: [end, ms]. */
	commits: Array<[number, number]>;
	/** Ink's render of the tree to text (its onRender metric), one per frame it drew: [end, ms]. */
	frames: Array<[number, number]>;
	/** When input from the terminal reached the process (its stream turned readable): epoch ms. */
	input: number[];
	/** Every stretch over `blockedOverMs` in which the event loop ran no timer: [end, ms]. */
	blocked: Array<[number, number]>;
	blockedOverMs: number;
	/** Garbage collections: [end, ms]. */
	gc: Array<[number, number]>;
	/** Linux: how long the main thread ran, and how long it was ready but waited for a CPU (other processes). */
	cpu?: {ranMs: number; waitedMs: number};
	/** Entries in Ink's text caches at the end and their bound (patches/ink+6.8.0.patch); null: Ink runs unpatched. */
	inkTextCaches: InkTextCaches | null;
};

/** Ink's measured and wrapped text caches: how many entries each holds and how many it may hold. */
export type InkTextCaches = {measureText: {size: number; limit: number}; wrapText: {size: number; limit: number}};

/** What patches/ink+6.8.0.patch adds to Ink's measure-text.js and wrap-text.js (undefined when it is not applied). */
type InkCacheModules = [
	{measureTextCacheSize?: () => number; MEASURE_CACHE_LIMIT?: number},
	{wrapTextCacheSize?: () => number; WRAP_CACHE_LIMIT?: number},
];

/** Ink's text caches now, as the TUI's Ink has them (its package exports only its index): null when unbounded. */
async function inkTextCaches(): Promise<() => InkTextCaches | null> {
	const ink = import.meta.resolve('ink');
	const [measure, wrap] = await Promise.all([import(new URL('measure-text.js', ink).href), import(new URL('wrap-text.js', ink).href)]) as InkCacheModules;
	const {measureTextCacheSize, MEASURE_CACHE_LIMIT} = measure;
	const {wrapTextCacheSize, WRAP_CACHE_LIMIT} = wrap;
	if (!measureTextCacheSize || !wrapTextCacheSize || MEASURE_CACHE_LIMIT === undefined || WRAP_CACHE_LIMIT === undefined) return () => null;
	return () => ({measureText: {size: measureTextCacheSize(), limit: MEASURE_CACHE_LIMIT}, wrapText: {size: wrapTextCacheSize(), limit: WRAP_CACHE_LIMIT}});
}

/** The recorder the TUI feeds while it runs. */
export type RenderStats = {
	/** A React commit of the App that started at `started` (performance.now()) has just finished. */
	commit(started: number): void;
	/** Ink's onRender option. */
	frame(metrics: {renderTime: number}): void;
	/** A 'readable' listener on the keyboard stream. */
	input(): void;
	/** Stop probing and write the file. */
	stop(): void;
};

/** How often the probe timer asks to run; a longer gap between two runs means the loop was held. */
const probeMs = 1;
/** Gaps shorter than this are scheduling noise, not work holding the loop. */
const blockedOverMs = 5;

/** Reads Ink's text caches (loaded with this module: the TUI's Ink has them by then). */
const readInkCaches = await inkTextCaches();

const epoch = () => performance.timeOrigin + performance.now();

/** The main thread's time on a CPU and waiting for one so far (Linux schedstat, ns → ms); undefined elsewhere. */
function schedulerTimes(): {ranMs: number; waitedMs: number} | undefined {
	try {
		const [ran, waited] = fs.readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ').map(Number);
		return {ranMs: ran! / 1e6, waitedMs: waited! / 1e6};
	} catch {
		return undefined;
	}
}

/** Start recording; `stop()` writes everything to `file`. */
export function startRenderStats(file: string): RenderStats {
	const stats: RenderStatsFile = {commits: [], frames: [], input: [], blocked: [], blockedOverMs, gc: [], inkTextCaches: null};
	const scheduled = schedulerTimes();
	let last = performance.now();
	// A 1 ms timer sees every stretch in which the loop was busy (engine turns, renders), with its end time.
	const probe = setInterval(() => {
		const now = performance.now();
		const held = now - last - probeMs;
		if (held > blockedOverMs) stats.blocked.push([epoch(), held]);
		last = now;
	}, probeMs);
	probe.unref();
	const collections = new PerformanceObserver(list => {
		for (const entry of list.getEntries()) stats.gc.push([performance.timeOrigin + entry.startTime + entry.duration, entry.duration]);
	});
	collections.observe({entryTypes: ['gc']});
	return {
		commit(started) {
			stats.commits.push([epoch(), performance.now() - started]);
		},
		frame({renderTime}) {
			stats.frames.push([epoch(), renderTime]);
		},
		input() {
			stats.input.push(epoch());
		},
		stop() {
			clearInterval(probe);
			collections.disconnect();
			const now = schedulerTimes();
			if (scheduled && now) stats.cpu = {ranMs: now.ranMs - scheduled.ranMs, waitedMs: now.waitedMs - scheduled.waitedMs};
			stats.inkTextCaches = readInkCaches();
			fs.writeFileSync(file, JSON.stringify(stats));
		},
	};
}
