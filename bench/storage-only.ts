// Child process of the benchmark: the pipeline with every feature off — the recording read, parsed, normalized,
// checked for redelivery and stored (with its indexes and group columns), one batch prepared while the previous
// commits as the engine does; no metrics, hops, alert rules or stages. Arguments: INPUT DATA_DIR; prints its figures.
import {capHeapGrowth, keepAllocationsYoung} from '../source/commands/support/heap-growth.js';
import {openSession} from '../source/commands/support/session.js';
import type {RawEvent} from '../source/core/envelope.js';
import {createFrontEnd} from '../source/core/front-end.js';
import {startRunClock} from './thread-cpu.js';

capHeapGrowth();
keepAllocationsYoung();
const [input, dataDir] = process.argv.slice(2) as [string, string];
// BENCH_CONFIG: the pipeline's configuration file, so that this store is written as the pipeline's is.
const session = await openSession([input], {dataDir, config: process.env.BENCH_CONFIG}, {from: 'earliest'});
const frontEnd = createFrontEnd(session.config);
const clock = startRunClock();
let events = 0;
let committing: Promise<unknown> | undefined;
for await (const batch of session.sources[0]!.batches()) {
	const wall = Date.now();
	const envelopes = batch.events.map(raw => frontEnd(raw as RawEvent, wall));
	events += envelopes.length;
	await committing;
	committing = session.store.putBatch(envelopes);
}

await committing;
const times = clock.read();
const stored = session.store.stats().events;
await session.close();
if (stored !== events) throw new Error(`storage only: ${stored} of ${events} events stored`);
process.stdout.write(`${JSON.stringify({events, ...times, maxRssMb: process.resourceUsage().maxRSS / 1024})}\n`);
