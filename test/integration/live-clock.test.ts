// On a live broker, arrival times are this machine's clock: when the system stops sending, the windows move on
// with the clock and "ev/s now" falls to 0, instead of showing the last busy second for ever. A replay's windows
// still end at its newest arrival (tested with the engine's other figures).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {Redis} from 'ioredis';
import {afterAll, beforeAll, describe, expect, it, vi} from 'vitest';
import {defaultConfig} from '../../source/core/config.js';
import {createEngine} from '../../source/core/engine.js';
import {redisStreamsSource} from '../../source/core/sources/redis/source.js';
import {openStore} from '../../source/core/store/store.js';
import {redisForTestFile, redisSkipReason} from '../support/redis.js';
import {uniqueName} from './reader.js';

describe.skipIf(redisSkipReason())('windows of a live source', () => {
	let server: {url: string; stop(): Promise<void>};
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pubsub-live-clock-'));
	beforeAll(async () => {
		server = await redisForTestFile();
	});
	afterAll(async () => {
		await server?.stop();
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
			}, {timeout: 20_000});
			// The system stops: a minute passes with nothing new (the engine hears the clock about once a second).
			const busy = engine.snapshot(60_000).view;
			wall = engine.now() + 61_000;
			await vi.waitFor(() => {
				expect(engine.now()).toBe(wall);
			}, {timeout: 5000});
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
	}, 60_000);
});
