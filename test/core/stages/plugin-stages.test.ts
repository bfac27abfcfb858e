// Plugin stages on the real engine: every stored batch in order with its hops and the clock, alerts through the
// alert lifecycle (stored, resolved in event time), the end of the input, and a stage that throws switched off.
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {defaultConfig} from '../../../source/core/config.js';
import {createEngine} from '../../../source/core/engine.js';
import type {StageDefinition} from '../../../source/core/stages/stage.js';
import {recordingSource} from '../../../source/core/sources/recording/source.js';
import {openStore} from '../../../source/core/store/store.js';
import {useTempDir} from '../../support/temp-dir.js';

const work = useTempDir('pubsub-plugin-stages-');

/** 200 orders, each created then paid 50 ms later; every tenth payment fails. Event times 1 s apart per order. */
function writeOrders(): string {
	const file = path.join(work.path, 'orders.jsonl');
	const lines: string[] = [];
	for (let n = 0; n < 200; n++) {
		const time = 1_700_000_000_000 + n * 1000;
		lines.push(JSON.stringify({topic: 'orders', offset: String(n), timestamp: time, value: {type: 'OrderCreated', orderId: `ORD-${n}`, timestamp: time}}));
		const failed = n % 10 === 0;
		lines.push(JSON.stringify({topic: 'payments', offset: String(n), timestamp: time + 50, value: {type: failed ? 'PaymentFailed' : 'PaymentCaptured', orderId: `ORD-${n}`, timestamp: time + 50}}));
	}

	fs.writeFileSync(file, `${lines.join('\n')}\n`);
	return file;
}

const run = async (stages: StageDefinition[]) => {
	const store = openStore({path: path.join(work.path, `store-${Math.random()}`), retention: defaultConfig.store.retention, maxTransactionEvents: 10_000});
	const engine = createEngine({config: defaultConfig, store, sources: [recordingSource(writeOrders(), {maxLineBytes: 4096, batchSize: 64})], stages});
	await engine.run();
	return {engine, store};
};

describe('plugin stages', () => {
	it('see every stored event once, in order, with the hops and a clock that never goes back', async () => {
		const seen: string[] = [];
		let hops = 0;
		const clocks: number[] = [];
		let finishedAt: number | undefined;
		const {engine, store} = await run([{
			name: 'watch',
			create: () => ({
				onBatch(batch) {
					for (const event of batch.events) seen.push(`${event.topic}:${event.offset}`);
					hops += batch.hops.length;
					clocks.push(batch.now);
				},
				finish(now) {
					finishedAt = now;
				},
				snapshot: () => ({events: seen.length, hops}),
			}),
		}]);
		try {
			expect(seen).toHaveLength(400);
			expect(new Set(seen).size).toBe(400);
			expect(clocks).toEqual([...clocks].sort((a, b) => a - b));
			expect(finishedAt).toBe(1_700_000_000_000 + 199 * 1000 + 50);
			// Hops made final at the end of the input reach the stage's finish, not onBatch: 200 − those still pending.
			expect(engine.stage('watch')).toEqual({events: 400, hops: expect.any(Number)});
			expect(engine.stage<{hops: number}>('watch')!.hops).toBeGreaterThan(150);
			expect(engine.stage('hops')).toMatchObject({late: 0});
			expect(engine.stage('nothing')).toBeUndefined();
		} finally {
			await store.close();
		}
	});

	it('raise alerts that fire, are stored and resolve in event time like the built-in rules', async () => {
		const {engine, store} = await run([{
			name: 'payments',
			create: context => ({
				onBatch(batch) {
					for (const event of batch.events) {
						if (event.type !== 'PaymentFailed') continue;
						context.raise({rule: 'payments.failed', key: 'payments', at: event.timestamp!, message: `payment of ${event.ids[0]} failed`, exampleIds: [event.ids[0]!], severity: 'critical', windowMs: 5000});
					}
				},
				snapshot: () => undefined,
			}),
		}]);
		try {
			const alerts = engine.runAlerts().filter(alert => alert.rule === 'payments.failed');
			// Failures 10 s apart with a 5 s window: each fires and resolves on its own, 20 in all.
			expect(alerts).toHaveLength(20);
			expect(alerts[0]).toMatchObject({severity: 'critical', key: 'payments', exampleIds: ['ORD-0'], firedAt: 1_700_000_000_050, resolvedAt: 1_700_000_005_050});
			expect(store.alerts().filter(alert => alert.rule === 'payments.failed')).toHaveLength(20);
		} finally {
			await store.close();
		}
	});

	it('switch off a stage that throws, say so, and keep the run and the other stages going', async () => {
		let counted = 0;
		const {engine, store} = await run([
			{name: 'broken', create: () => ({
				onBatch(batch) {
					if (batch.events.some(event => event.offset === '100')) throw new Error('cannot read offset 100');
				},
				snapshot: () => 'broken',
			})},
			{name: 'counter', create: () => ({
				onBatch(batch) {
					counted += batch.events.length;
				},
				snapshot: () => counted,
			})},
		]);
		try {
			expect(engine.snapshot(60_000).totals.stored).toBe(400);
			expect(engine.stage('counter')).toBe(400);
			expect(engine.snapshot(60_000).stageErrors).toEqual(['stage "broken" stopped: onBatch threw cannot read offset 100; the run goes on without it']);
			expect(engine.stage('broken')).toBeUndefined();
		} finally {
			await store.close();
		}
	});
});
