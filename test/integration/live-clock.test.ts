// On a live broker, arrival times are this machine's clock: when the system stops sending, the windows move on
// with the clock and "ev/s now" falls to 0, instead of showing the last busy second for ever. A replay's windows
// still end at its newest arrival (tested with the engine's other figures). Alert rules hear that time pass too: a
// busy stream that stops is `silence` after 30 s of the clock, also when every stream stops at once (then nothing
// else moves event time on), but a backlog read from earliest, hours old, is not silent, and time while the broker
// is down does not count.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {Redis} from 'ioredis';
import {afterAll, describe, expect, it, vi} from 'vitest';
import {defaultConfig} from '../../source/core/config.js';
import {createEngine} from '../../source/core/engine.js';
import {redisStreamsSource} from '../../source/core/sources/redis/source.js';
import {openStore} from '../../source/core/store/store.js';
import {redisSkipReason, startDedicatedRedis, useRedis} from '../support/redis.js';
import {uniqueName} from './reader.js';
import {limit} from '../support/limits.js';

describe.skipIf(redisSkipReason())('windows of a live source', () => {
	// On a shared server (REDIS_URL) the streams this file makes are deleted after it.
	const server = useRedis();
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pubsub-live-clock-'));
	afterAll(() => {
		fs.rmSync(work, {recursive: true, force: true});
	});

	it('end at the wall clock once nothing arrives: the rate now falls to 0, the run\'s count stays', async () => {
		const stream = uniqueName('it:clock');
		const writer = new Redis(server.url);
		for (let n = 0; n < 30; n++) await writer.xadd(stream, '*', 'data', JSON.stringify({eventType: 'Ping', n}));
		writer.disconnect();
		const store = openStore({ephemeral: true, path: work, retention: defaultConfig.store.retention, maxTransactionEvents: 10_000});
		let wall = Date.now();
		const source = redisStreamsSource(`${server.url}?streams=${stream}`, {from: 'earliest', blockMs: 200});
		const engine = createEngine({config: defaultConfig, store, sources: [source], now: () => wall, liveClock: true});
		const running = engine.run();
		try {
			await vi.waitFor(() => {
				expect(engine.totals().stored).toBe(30);
			}, {timeout: limit(20_000)});
			// The system stops: a minute passes with nothing new (the engine hears the clock about once a second).
			const busy = engine.snapshot(60_000).view;
			wall = engine.now() + 61_000;
			await vi.waitFor(() => {
				expect(engine.now()).toBe(wall);
			}, {timeout: limit(5000)});
			const quiet = engine.snapshot(60_000).view;
			expect(busy.overall.count).toBe(30);
			expect(quiet.overall.count).toBe(0);
			expect(quiet.overall.ratePerSec).toBe(0);
			expect(quiet.totals.events).toBe(30);
		} finally {
			await engine.stop();
			await running;
			await store.close();
		}
	}, limit(60_000));

	it('move alert time on while the whole system is quiet: a stream that stops is silent after 30 s, an hour-old backlog or an outage is not', async () => {
		const stream = uniqueName('it:silence');
		// A server of its own, taken down and up again.
		const own = await startDedicatedRedis({persist: true});
		const writer = new Redis(own.url);
		// 400 events over the five minutes that ended an hour ago (1.3 events/s: busy enough to be missed).
		const end = Date.now() - 3_600_000;
		for (let n = 0; n < 400; n++) {
			const timestamp = new Date(end - ((399 - n) * 300_000 / 400)).toISOString();
			await writer.xadd(stream, '*', 'data', JSON.stringify({eventType: 'Ping', n, timestamp}));
		}

		writer.disconnect();
		const store = openStore({ephemeral: true, path: path.join(work, 'silence'), retention: defaultConfig.store.retention, maxTransactionEvents: 10_000});
		let wall = Date.now();
		const source = redisStreamsSource(`${own.url}?streams=${stream}`, {from: 'earliest', blockMs: 200});
		const engine = createEngine({config: defaultConfig, store, sources: [source], now: () => wall, liveClock: true});
		const running = engine.run();
		const ticks = async () => new Promise(resolve => setTimeout(resolve, 2500));
		const state = async (expected: string) => vi.waitFor(() => {
			expect(engine.sources()[0]!.state).toBe(expected);
		}, {timeout: limit(20_000)});
		const silent = () => engine.snapshot(60_000).firing.filter(alert => alert.rule === 'silence').map(alert => alert.key);
		try {
			await vi.waitFor(() => {
				expect(engine.totals().stored).toBe(400);
			}, {timeout: limit(20_000)});
			// A few ticks of the engine with the backlog read: its events are an hour old, the stream is not silent.
			await ticks();
			expect(silent()).toEqual([]);
			// 10 s of quiet, then a minute in which the server is down: our outage is not the stream's silence.
			wall += 10_000;
			await ticks();
			await own.down();
			await state('reconnecting');
			wall += 60_000;
			await ticks();
			await own.up();
			await state('connected');
			await ticks();
			expect(silent()).toEqual([]);
			wall += 21_000;
			await vi.waitFor(() => {
				expect(silent()).toEqual([stream]);
			}, {timeout: limit(5000)});
		} finally {
			await engine.stop();
			await running;
			await store.close();
			await own.stop();
		}
	}, limit(60_000));
});
