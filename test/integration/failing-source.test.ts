// One failing source (a Redis with a wrong password) stops itself, not the others: the healthy sources' events are
// all read and counted, the command says which source failed and why, and exits 1 because it never connected.
import {Redis} from 'ioredis';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {openSession} from '../../source/commands/support/session.js';
import {statusSegments} from '../../source/ui/state/status.js';
import {runCli} from '../support/cli.js';
import {known, useKnownRecording} from '../support/known-recording.js';
import {redisForTestFile, redisSkipReason, useDedicatedRedis} from '../support/redis.js';
import {runCliUntilRead} from '../support/redis-reads.js';
import {uniqueName} from './reader.js';

const skipReason = redisSkipReason({dedicated: true});
const recording = useKnownRecording('pubsub-failing-source-');

describe.skipIf(skipReason)('a source with a wrong password next to healthy ones', () => {
	const password = 'S3cret-pass-for-tests';
	const wrong = 'Wrong-pass-9';
	const redis = useDedicatedRedis({password});
	let shared: {url: string; stop(): Promise<void>};
	let guarded: string;

	beforeAll(async () => {
		shared = await redisForTestFile();
		guarded = `redis://127.0.0.1:${redis.server.port}?streams=${uniqueName('guarded')}`;
	});

	afterAll(async () => shared?.stop());

	it('a recording next to it is read to the end and its figures printed; the failure is named; exit 1', async () => {
		const bad = guarded.replace('redis://', `redis://:${wrong}@`);
		const result = await runCli(['metrics', recording.file, '--source', bad, '--json'], {cwd: recording.dir});
		expect(result.code).toBe(1);
		expect(JSON.parse(result.stdout).events).toBe(known.events);
		expect(result.stderr).toContain(`pubsub-tools: ${guarded}: could not read it: authentication failed: WRONGPASS`);
		for (const text of [result.stdout, result.stderr]) {
			expect(text).not.toContain(wrong);
			expect(text).not.toContain(password);
		}
	});

	it('a healthy Redis source next to it delivers every entry', async () => {
		const stream = uniqueName('healthy');
		const writer = new Redis(shared.url);
		let last = '';
		for (let i = 0; i < 25; i++) last = (await writer.xadd(stream, '*', 'type', 'OrderCreated', 'orderId', `ORD-${i}`))!;
		try {
			// Ended by Ctrl-C once the healthy source asked for what follows the newest entry: it had them all.
			const result = await runCliUntilRead(writer, {[stream]: last}, ['metrics', '--source', `${shared.url}?streams=${stream}`, '--source', guarded.replace('redis://', `redis://:${wrong}@`), '--from', 'earliest', '--json'], {cwd: recording.dir});
			expect(result.code).toBe(1);
			expect(JSON.parse(result.stdout).events).toBe(25);
			expect(result.stderr).toContain(`${guarded}: could not read it: authentication failed`);
		} finally {
			await writer.del(stream);
			writer.disconnect();
		}
	});

	it('the status bar shows the source\'s own words, and no store error', async () => {
		const session = await openSession([recording.file, guarded.replace('redis://', `redis://:${wrong}@`)], {ephemeral: true});
		try {
			const totals = await session.engine.run();
			expect(totals.events).toBe(known.events);
			const snapshot = session.engine.snapshot(60_000);
			const text = statusSegments({snapshot, mode: 'live', paused: false, newWhilePaused: 0, windowMs: 60_000}).map(segment => segment.text).join(' │ ');
			expect(snapshot.storeError).toBeUndefined();
			expect(text).not.toContain('STORE ERROR');
			expect(text).toContain(`${guarded} ✗ error: authentication failed: WRONGPASS`);
		} finally {
			await session.close();
		}
	});
});
