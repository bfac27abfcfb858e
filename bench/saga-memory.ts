// Child process of the benchmark (run with --expose-gc): heap of one sagas tracker (the built-in parcel saga, due
// in days) after EVENTS events of unique parcels: `node --expose-gc dist/bench/saga-memory.js 1000000 [open|held]`.
// `open`: each a first step 1 ms apart (all still within their due time); `held`: each a later step, all at one
// event time, whose first step never comes.
import type {Envelope} from '../source/plugin-api/index.js';
import {builtInDefinitions} from '../plugins/sagas/built-in.js';
import {SagaTracker} from '../plugins/sagas/tracker.js';
import {heapAfterGc} from './heap-after-gc.js';

const events = Number(process.argv[2] ?? 1_000_000);
const mode = process.argv[3] === 'held' ? 'held' : 'open';
const start = Date.UTC(2026, 10, 21, 10, 0, 0);
const definition = builtInDefinitions.find(each => each.name === 'parcel')!;
const type = mode === 'open' ? 'ColisCree' : 'PaiementEffectue';

const before = heapAfterGc();
const tracker = new SagaTracker(definition);
const role = tracker.roles.get(type)!;
for (let n = 0; n < events; n++) {
	const at = mode === 'open' ? start + n : start;
	const id = `P-${n}`;
	tracker.ingest({type, value: {type, colisId: id}, headers: {}, ids: [id], timestamp: at, receivedAt: at} as unknown as Envelope, role, at);
	if (n % 1000 === 999) tracker.advance(at);
}

const report = tracker.report();
process.stdout.write(`${JSON.stringify({events, mode, heapMb: (heapAfterGc() - before) / 1024 / 1024, counts: report.counts, open: tracker.openInstances().length})}\n`);
