// A recording of two topics that holds a 45 s outage of its source (recording-format.md "Outages"): payments falls
// silent while reading stopped, and comes back 10 s after orders does.
import fs from 'node:fs';
import path from 'node:path';

/** When the recording's first event happened. */
export const outageStart = Date.parse('2026-12-07T05:00:00.000Z');
/** A time as a recording writes it. */
const iso = (ms: number) => new Date(ms).toISOString();
/** The source whose outage it holds. */
export const outageSource = 'kafka://127.0.0.1:9092';

/** Write into `dir`, and return its path: two topics at 2 events/s each for 320 s; then an outage of 45 s; then `orders` alone for 10 s, and both again for 10 s. */
export function outageRecording(dir: string): string {
	const lines = [JSON.stringify({$recording: {version: 1, source: outageSource}})];
	let n = 0;
	const event = (topic: string, at: number) => lines.push(JSON.stringify({topic, value: {orderId: `O${n++}`, type: topic}, timestamp: iso(at), recordedAt: iso(at + 10)}));
	let at = outageStart;
	for (; at < outageStart + 320_000; at += 500) {
		event('orders', at);
		event('payments', at + 100);
	}

	const from = at;
	lines.push(JSON.stringify({$recording: {version: 1, outage: {source: outageSource, from: iso(from), reason: 'Connection error: connect ECONNREFUSED'}}}));
	lines.push(JSON.stringify({$recording: {version: 1, outage: {source: outageSource, from: iso(from), to: iso(from + 45_000)}}}));
	for (at = from + 45_000; at < from + 55_000; at += 500) event('orders', at);
	for (; at < from + 65_000; at += 500) {
		event('orders', at);
		event('payments', at + 100);
	}

	const file = path.join(dir, 'outage.jsonl');
	fs.writeFileSync(file, `${lines.join('\n')}\n`);
	return file;
}

