// Quick measurement of the LMDB store (not a test): puts/s for synthetic events (~3 ids each, ~10 events per
// transaction, some transactions joined late), transaction(id) look-up time, RSS.
// Run after a build: `npx tsc -p . && node --expose-gc test/core/store/measure.js [events=1000000] [batch=1000]`
// (--expose-gc only makes the "RSS now" figure exclude garbage not yet collected).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {openStore} from '../../../dist/source/core/store/store.js';

const total = Number(process.argv[2] ?? 1_000_000);
const batchSize = Number(process.argv[3] ?? 1000);
const perTx = 10;
/** Transactions in flight at once: their events interleave, as in a live system. */
const concurrent = 64;
const options = {retention: {maxEvents: 1e12, maxAgeMs: 1e15, maxBytes: 1e15}, maxTransactionEvents: 10_000};
const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'pubsub-store-measure-'));

/** Event `step` of transaction `tx`: one in five transactions starts with two events that only carry TXN-k. */
function event(tx, step, offset, time) {
	const late = tx % 5 === 0 && step < 2;
	const ids = late ? [`TXN-${tx}`] : [`COR-${tx}`, `ORD-${tx}`, [`PAY-${tx}`, `TXN-${tx}`, `SHP-${tx}`][step % 3]];
	return {
		source: 'kafka', topic: `topic-${step % 6}`, partition: tx % 6, offset: String(offset), key: `ORD-${tx}`, headers: {},
		value: {eventId: `evt-${offset}`, eventType: `Step${step}`, orderId: `ORD-${tx}`, customerId: `C-${tx % 9973}`, amount: 12.5, status: 'ok', timestamp: new Date(time).toISOString()},
		valueEncoding: 'json', timestamp: time, receivedAt: time + 7, deliveryMs: 7, type: `Step${step}`, ids, status: 'ok',
		eventId: `evt-${offset}`, seq: 0, duplicate: false, txId: 0,
	};
}

/** Events in arrival order: `concurrent` transactions at a time, each advancing one step per round. */
function* events() {
	let offset = 0;
	for (let first = 0; offset < total; first += concurrent) {
		for (let step = 0; step < perTx && offset < total; step++) {
			for (let tx = first; tx < first + concurrent && offset < total; tx++) yield event(tx, step, offset++, 1_700_000_000_000 + offset);
		}
	}
}

const median = values => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const percentile = (values, q) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * q))];
const rssMb = () => Math.round(process.memoryUsage().rss / 1e6);

/** A resident-memory field of /proc/self/status in MB: RssAnon (heaps, buffers) or RssFile (mapped files, the LMDB map). */
const statusMb = name => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(fs.readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) / 1024;

/** Resident memory split into anonymous and file-backed parts. */
function residentParts() {
	const memory = process.memoryUsage();
	return `anon ${Math.round(statusMb('RssAnon'))} MB (JS heap ${Math.round(memory.heapUsed / 1e6)}/${Math.round(memory.heapTotal / 1e6)} MB, external ${Math.round(memory.external / 1e6)} MB, buffers ${Math.round(memory.arrayBuffers / 1e6)} MB), file ${Math.round(statusMb('RssFile'))} MB`;
}

/** Events/s of JSON.parse alone over the same events serialized: a yardstick for how fast this machine is now. */
function parseRate() {
	const lines = [];
	for (const each of events()) {
		lines.push(JSON.stringify(each));
		if (lines.length === 50_000) break;
	}

	const t = process.hrtime.bigint();
	for (const line of lines) JSON.parse(line);
	return lines.length / (Number(process.hrtime.bigint() - t) / 1e9);
}

console.log(`yardstick: JSON.parse of the same events ${Math.round(parseRate()).toLocaleString('en-US')} events/s`);
const store = openStore({path: directory, ...options});
const cpuStart = process.cpuUsage();
const started = process.hrtime.bigint();
let batch = [];
let merges = 0;
let putMs = 0;
let peakAnon = 0;
let peakFile = 0;
let seen = 0;
for (const each of events()) {
	batch.push(each);
	if (++seen % 50_000 === 0) {
		peakAnon = Math.max(peakAnon, statusMb('RssAnon'));
		peakFile = Math.max(peakFile, statusMb('RssFile'));
	}

	if (batch.length === batchSize) {
		const t = process.hrtime.bigint();
		merges += (await store.putBatch(batch)).merges.length;
		putMs += Number(process.hrtime.bigint() - t) / 1e6;
		batch = [];
	}
}

if (batch.length > 0) merges += (await store.putBatch(batch)).merges.length;
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const cpu = process.cpuUsage(cpuStart);
globalThis.gc?.();
const stats = store.stats();
console.log(`${total.toLocaleString('en-US')} events in batches of ${batchSize}: ${Math.round(total / seconds).toLocaleString('en-US')} events/s (wall ${seconds.toFixed(1)} s, of which putBatch ${(putMs / 1000).toFixed(1)} s)`);
console.log(`CPU ${(cpu.user / 1e6).toFixed(1)} s user + ${(cpu.system / 1e6).toFixed(1)} s system = ${((cpu.user + cpu.system) / total).toFixed(2)} µs per event (all threads)`);
console.log(`sampled every 50k events: peak anon ${Math.round(peakAnon)} MB, peak file-backed ${Math.round(peakFile)} MB (node itself maps ~35 MB of files)`);
console.log(`merges ${merges}, stored ${stats.events.toLocaleString('en-US')}, file ${(stats.bytes / 1e6).toFixed(0)} MB, used ${(stats.usedBytes / 1e6).toFixed(0)} MB, RSS now ${rssMb()} MB (${residentParts()}), peak ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);

/** Look up `count` random transactions by one of their ids; returns the times in ms. */
function lookups(target, count) {
	const times = [];
	const transactions = Math.floor(total / (perTx * concurrent)) * concurrent;
	for (let i = 0; i < count; i++) {
		const tx = Math.floor(Math.random() * transactions);
		const id = [`ORD-${tx}`, `TXN-${tx}`, `SHP-${tx}`][i % 3];
		const t = process.hrtime.bigint();
		const record = target.transaction(id);
		times.push(Number(process.hrtime.bigint() - t) / 1e6);
		if (!record || record.events.length !== perTx) throw new Error(`transaction of ${id}: ${record?.events.length} events, expected ${perTx}`);
	}

	return times;
}

const warm = lookups(store, 2000);
console.log(`transaction(id), ${stats.events.toLocaleString('en-US')} stored: median ${median(warm).toFixed(3)} ms, p99 ${percentile(warm, 0.99).toFixed(3)} ms, max ${Math.max(...warm).toFixed(3)} ms`);
await store.close();
const reopened = openStore({path: directory, ...options});
const cold = lookups(reopened, 2000);
console.log(`after reopening: median ${median(cold).toFixed(3)} ms, p99 ${percentile(cold, 0.99).toFixed(3)} ms, max ${Math.max(...cold).toFixed(3)} ms`);
await reopened.close();
fs.rmSync(directory, {recursive: true, force: true});
