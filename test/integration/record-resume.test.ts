// `record --data-dir` keeps its store, so a live source resumes where the last run stopped: recordings made one
// after another (an hourly archive) hold each entry once, none twice and none missed in between.
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {useRedis} from '../support/redis.js';
import {runCliUntilRead} from '../support/redis-reads.js';
import {useTempDir} from '../support/temp-dir.js';
import {recordedEvents} from '../support/recording-lines.js';
import {uniqueName} from './reader.js';

const temp = useTempDir('pubsub-record-resume-');
const redis = useRedis();

/** Add orders `from` to `to` (exclusive) to `stream`; the last one's entry id. */
async function addOrders(stream: string, from: number, to: number): Promise<string> {
	let last = '';
	for (let n = from; n < to; n++) last = (await redis.client.xadd(stream, '*', 'type', 'OrderCreated', 'orderId', `ORD-${n}`))!;
	return last;
}

describe('record --source URL --data-dir DIR, run after run', () => {
	it('resumes after the entries the run before recorded, and keeps its store in DIR', async () => {
		const stream = uniqueName('it:record-resume');
		const url = `${redis.url}?streams=${stream}`;
		const dataDir = path.join(temp.path, 'store');
		const recorded: string[][] = [];
		let last = await addOrders(stream, 0, 3);
		for (const [run, more] of [[0, 0], [1, 2]] as const) {
			if (more > 0) last = await addOrders(stream, 3, 3 + more);
			const out = path.join(temp.path, `run-${run}.jsonl`);
			// Ended by Ctrl-C once it asked for what follows the newest entry: it had them all.
			const result = await runCliUntilRead(redis.client, {[stream]: last}, ['record', '--source', url, '--from', 'earliest', '--data-dir', dataDir, '-o', out], {cwd: temp.path});
			expect(result.code).toBe(0);
			recorded.push(recordedEvents<{value: {orderId: string}}>(out).map(event => event.value.orderId));
		}

		// The second run starts after ORD-2: only the two entries added since (before, all five again from --from earliest).
		expect(recorded).toEqual([['ORD-0', 'ORD-1', 'ORD-2'], ['ORD-3', 'ORD-4']]);
		expect(fs.existsSync(path.join(dataDir, 'data.mdb'))).toBe(true);
	});
});
