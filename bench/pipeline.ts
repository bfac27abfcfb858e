// Child process of the benchmark: runs the whole engine over an input into a store and prints its figures.
// Arguments: INPUT DATA_DIR on|off [EXPECTED]; with EXPECTED (live sources, read from earliest) it stops once
// that many events are stored. The bundled plugins' stages (plugins/flow) run as in the CLI unless BENCH_PLUGINS=0.
import {capHeapGrowth} from '../source/commands/support/heap-growth.js';
import {loadPlugins} from '../source/commands/support/load-plugins.js';
import {openSession} from '../source/commands/support/session.js';

// The same heap settings as the CLI (PUBSUB_TOOLS_HEAP_GROWTH).
capHeapGrowth();
const plugins = process.env.BENCH_PLUGINS === '0' ? undefined : await loadPlugins({paths: [], reserved: []});
if (plugins && plugins.problems.length > 0) throw new Error(plugins.problems.join('; '));

const [input, dataDir, rules, expected] = process.argv.slice(2) as [string, string, string, string | undefined];
const session = await openSession([input], {dataDir}, {from: 'earliest'});
if (rules === 'off') for (const rule of Object.values(session.config.alerts.rules)) rule.enabled = false;
const started = process.hrtime.bigint();
const elapsed = () => Number(process.hrtime.bigint() - started) / 1e9;
// When the first batch was stored, and its size: for live sources, that time is connecting (Kafka: joining a
// group) and that batch itself.
let firstBatch: {seconds: number; events: number} | undefined;
const first = session.engine.batches$.subscribe(batch => {
	firstBatch = {seconds: elapsed(), events: batch.length};
	first.unsubscribe();
});
const watch = expected === undefined ? undefined : setInterval(() => {
	if (session.engine.snapshot(10_000).totals.stored >= Number(expected)) void session.engine.stop();
}, 5);
const totals = await session.engine.run();
const seconds = elapsed();
if (watch) clearInterval(watch);
const summary = session.engine.summary();
const stored = session.store.stats().events;
await session.close();
process.stdout.write(`${JSON.stringify({events: totals.events, stored, seconds, firstBatch, maxRssMb: process.resourceUsage().maxRSS / 1024, summary, stages: plugins?.stages.map(stage => stage.name) ?? []})}\n`);
