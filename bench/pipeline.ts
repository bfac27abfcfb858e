// Child process of the benchmark: runs the whole engine over an input into a store and prints its figures.
// Arguments: INPUT DATA_DIR on|off [EXPECTED]; with EXPECTED (live sources, read from earliest) it stops once
// that many events are stored. The bundled plugins' stages (plugins/flow, plugins/sagas) run as in the CLI unless
// BENCH_PLUGINS=0. PUBSUB_BENCH_SAGAS=on|off loads only the sagas plugin, with its stage on or left out, and times
// the stage (bench/sagas.ts).
import {capHeapGrowth, keepAllocationsYoung} from '../source/commands/support/heap-growth.js';
import {loadPlugins} from '../source/commands/support/load-plugins.js';
import {openSession} from '../source/commands/support/session.js';
import {setUpPlugins} from '../source/commands/support/plugin-setup.js';
import {activePlugins, setActivePlugins} from '../source/commands/support/plugins.js';
import type {StageDefinition} from '../source/plugin-api/index.js';
import {startRunClock} from './thread-cpu.js';

// The same heap settings as the CLI (PUBSUB_TOOLS_HEAP_GROWTH).
capHeapGrowth();
keepAllocationsYoung();
const plugins = process.env.BENCH_PLUGINS === '0' || process.env.PUBSUB_BENCH_SAGAS !== undefined ? undefined : await loadPlugins({paths: [], reserved: []});
if (plugins && plugins.problems.length > 0) throw new Error(plugins.problems.join('; '));

const [input, dataDir, rules, expected] = process.argv.slice(2) as [string, string, string, string | undefined];
/** Time spent inside plugin stages (ns), measured around each of their calls. */
let stageNs = 0n;
if (process.env.PUBSUB_BENCH_SAGAS !== undefined) {
	const set = setUpPlugins([(await import('../plugins/sagas/index.js')).default], []);
	const timed = <T extends unknown[], R>(call: (...args: T) => R) => (...args: T): R => {
		const start = process.hrtime.bigint();
		try {
			return call(...args);
		} finally {
			stageNs += process.hrtime.bigint() - start;
		}
	};

	const stages = set.stages.map((definition): StageDefinition & {plugin: string} => ({
		name: definition.name,
		plugin: definition.plugin,
		create(context) {
			const stage = definition.create(context);
			return {
				onBatch: timed(batch => stage.onBatch(batch)),
				onTick: timed(clock => stage.onTick?.(clock)),
				finish: timed(now => stage.finish?.(now)),
				snapshot: () => stage.snapshot(),
			};
		},
	}));
	setActivePlugins({...set, stages: process.env.PUBSUB_BENCH_SAGAS === 'on' ? stages : []});
}
// BENCH_CONFIG: the configuration file the benchmark writes (its store keeps group columns for its group-bys).
const session = await openSession([input], {dataDir, config: process.env.BENCH_CONFIG}, {from: 'earliest'});
if (rules === 'off') for (const rule of Object.values(session.config.alerts.rules)) rule.enabled = false;
const clock = startRunClock();
// When the first batch was stored, and its size: for live sources, that time is connecting (Kafka: joining a
// group) and that batch itself.
let firstBatch: {seconds: number; events: number} | undefined;
const first = session.engine.batches$.subscribe(batch => {
	firstBatch = {seconds: clock.seconds(), events: batch.length};
	first.unsubscribe();
});
const watch = expected === undefined ? undefined : setInterval(() => {
	if (session.engine.totals().stored >= Number(expected)) void session.engine.stop();
}, 5);
const totals = await session.engine.run();
const {seconds, cpuSeconds, mainCpuSeconds} = clock.read();
if (watch) clearInterval(watch);
const summary = session.engine.summary();
const stored = session.store.stats().events;
await session.close();
process.stdout.write(`${JSON.stringify({events: totals.events, stored, seconds, cpuSeconds, mainCpuSeconds, stageSeconds: Number(stageNs) / 1e9, firstBatch, maxRssMb: process.resourceUsage().maxRSS / 1024, summary, stages: activePlugins().stages.map(stage => stage.name)})}\n`);
