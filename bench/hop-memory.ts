// Child process of the benchmark (run with --expose-gc): memory of the hop tracker holding a million transactions
// open (heap and typed arrays), then after a second million more, which the count cap evicts (counted).
import type {Envelope} from '../source/core/envelope.js';
import {FlowNodes} from '../source/core/metrics/flow-nodes.js';
import {HopTracker} from '../source/core/metrics/hops.js';
import {heapAfterGc} from './heap-after-gc.js';

const transactions = Number(process.argv[2] ?? 1_000_000);
const start = Date.UTC(2026, 10, 21, 10, 0, 0);

/** Events of transactions [first, first + count): one step each, on one of six topics, a millisecond apart. */
function batch(first: number, count: number): Envelope[] {
	const events: Envelope[] = [];
	for (let n = first; n < first + count; n++) {
		const time = start + n;
		events.push({
			source: 'bench', topic: `topic-${n % 6}`, key: undefined, headers: {}, value: {}, valueEncoding: 'json', type: 'Step',
			ids: [`TX-${n}`], status: 'ok', eventId: `E-${n}`, seq: n, duplicate: false, txId: n + 1, timestamp: time, receivedAt: time + 5,
		} as Envelope);
	}

	return events;
}

/** Feed transactions [from, to) in batches of 1 000. */
function feed(tracker: HopTracker, from: number, to: number): void {
	for (let first = from; first < to; first += 1000) tracker.ingest(batch(first, Math.min(1000, to - first)));
}

const before = heapAfterGc();
const tracker = new HopTracker(5000, new FlowNodes('auto'), {maxTransactions: transactions, idleMs: 7 * 86_400_000});
feed(tracker, 0, transactions);
const open = heapAfterGc() - before;
const first = tracker.stats();
// A second million: each new one evicts the oldest open one (the cap), and their next steps (one each for the
// first half) are counted as evicted before their next step.
feed(tracker, transactions, 2 * transactions);
feed(tracker, 0, transactions / 2);
const after = heapAfterGc() - before;
const second = tracker.stats();
process.stdout.write(`${JSON.stringify({transactions, openMb: open / 1024 / 1024, tracked: first.tracked, afterMb: after / 1024 / 1024, trackedAfter: second.tracked, dropped: second.dropped, evictedBeforeNext: second.evictedBeforeNext})}\n`);
