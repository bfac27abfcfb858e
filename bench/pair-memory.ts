// Child process of the benchmark (run with --expose-gc): heap of the hop tracker after EVENTS events whose type (or
// topic, with `topics`) is unique per event, two steps per transaction: `node --expose-gc dist/bench/pair-memory.js
// 1000000 [types|topics]`. Transactions are few open at once (each closes on its second step's idle scan) so what
// grows is the (topic, type) pair table.
import type {Envelope} from '../source/core/envelope.js';
import {FlowNodes} from '../source/core/metrics/flow-nodes.js';
import {HopTracker} from '../source/core/metrics/hops.js';
import {heapAfterGc} from './heap-after-gc.js';

const events = Number(process.argv[2] ?? 1_000_000);
const unique = process.argv[3] === 'topics' ? 'topics' : 'types';
const start = Date.UTC(2026, 10, 21, 10, 0, 0);

/** Events [first, first + count): event n is step n % 2 of transaction n / 2, a second apart. */
function batch(first: number, count: number): Envelope[] {
	const list: Envelope[] = [];
	for (let n = first; n < first + count; n++) {
		const time = start + n * 1000;
		list.push({
			source: 'bench', topic: unique === 'topics' ? `topic-${n}` : 'orders', key: undefined, headers: {}, value: {}, valueEncoding: 'json',
			type: unique === 'types' ? `Step-${n}` : 'Step', ids: [`TX-${n >> 1}`], status: 'ok', eventId: `E-${n}`, seq: n, duplicate: false,
			txId: (n >> 1) + 1, timestamp: time, receivedAt: time + 5,
		} as Envelope);
	}

	return list;
}

const before = heapAfterGc();
// Open one minute: the idle scans forget finished transactions, so only the pair table can grow with the input.
const tracker = new HopTracker(5000, new FlowNodes('auto'), {idleMs: 60_000});
let hops = 0;
for (let first = 0; first < events; first += 1000) hops += tracker.ingest(batch(first, Math.min(1000, events - first))).length;
hops += tracker.flush().length;
const stats = tracker.stats();
process.stdout.write(`${JSON.stringify({events, unique, heapMb: (heapAfterGc() - before) / 1024 / 1024, hops, tracked: stats.tracked, pairs: stats.pairs, otherPairEvents: stats.otherPairEvents})}\n`);
