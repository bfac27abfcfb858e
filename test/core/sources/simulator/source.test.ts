// The demo source: determinism, both modes, pacing, health and close().
import {describe, expect, it} from 'vitest';
import type {RawEvent} from '../../../../source/core/envelope.js';
import {simulatorSource, fastStartTime} from '../../../../source/core/sources/simulator/source.js';
import type {PhaseSpec} from '../../../../source/core/sources/simulator/phases.js';
import {drain, payloadOf} from './checks.js';

/** A phase with nothing going wrong, at a given order rate. */
const steady = (name: string, durationMs: number, ordersPerSecond: number): PhaseSpec => ({
	name, durationMs, ordersPerSecond, paymentFailureRate: 0, slowPaymentRate: 0, stockOutRate: 0, shippingDelayRate: 0,
	hangRate: 0, deliveryMeanMs: 5, lateRate: 0, anomalies: [],
});

describe('simulatorSource in fast mode', () => {
	it('gives byte-identical events for the same seed, and other events for another seed', async () => {
		const run = async (seed: number) => JSON.stringify(await drain(simulatorSource({seed, mode: 'fast', durationMs: 35_000})));
		const first = await run(7);
		expect(await run(7)).toBe(first);
		const other = await run(8);
		expect(other).not.toBe(first);
		// Not merely other ids: other customers, baskets and timings.
		const strip = (text: string) => text.replaceAll(/[A-Z]{3}-[0-9A-Z]{4}-/g, '');
		expect(strip(other)).not.toBe(strip(first));
	});

	it('runs one cycle of the phases from Black Friday 08:00 UTC by default, in batches of at most batchSize', async () => {
		const source = simulatorSource({seed: 1, mode: 'fast', batchSize: 500});
		const sizes: number[] = [];
		for await (const batch of source.batches()) sizes.push(batch.events.length);
		expect(Math.max(...sizes)).toBe(500);
		expect(sizes.slice(0, -1).every(size => size === 500)).toBe(true);
		expect(source.health()).toMatchObject({name: 'demo', state: 'finished', malformed: 0, phase: 'recovery'});
		const events = await drain(simulatorSource({seed: 1, mode: 'fast'}));
		expect(events.length).toBe(sizes.reduce((sum, size) => sum + size, 0));
		expect(Math.min(...events.map(event => event.timestamp!))).toBeGreaterThanOrEqual(fastStartTime);
		const orders = events.filter(event => payloadOf(event).eventType === 'OrderCreated');
		expect(Math.max(...orders.map(event => event.timestamp!))).toBeLessThan(fastStartTime + 745_000);
	});

	it('reports the phase of the simulated clock as it advances', async () => {
		const source = simulatorSource({seed: 2, mode: 'fast', phases: [steady('calm', 2000, 20), steady('rush', 2000, 20)], batchSize: 10});
		const seen: string[] = [];
		expect(source.health()).toMatchObject({state: 'connecting', phase: 'calm'});
		for await (const _batch of source.batches()) {
			const {phase} = source.health();
			if (seen.at(-1) !== phase) seen.push(phase!);
		}

		expect(seen).toEqual(['calm', 'rush']);
	});

	it('stops planting anomalies when asked, and scales the order rate', async () => {
		const source = simulatorSource({seed: 3, mode: 'fast', anomalies: false, rateScale: 0.5});
		const events = await drain(source);
		expect(source.planted()).toEqual([]);
		const orders = new Set(events.filter(event => payloadOf(event).eventType === 'OrderCreated').map(event => payloadOf(event).orderId));
		expect(orders.size).toBe(60 + 1200 + 600 + 1270);
	});

	it('rejects options it cannot run', () => {
		expect(() => simulatorSource({seed: 1, mode: 'fast', rateScale: 0})).toThrow(/rateScale/);
		expect(() => simulatorSource({seed: 1, mode: 'fast', phases: []})).toThrow(/phase/);
		expect(() => simulatorSource({seed: 1, mode: 'fast', phases: [steady('none', 0, 1)]})).toThrow(/duration/);
	});
});

describe('simulatorSource in realtime mode', () => {
	it('releases the fast-mode sequence at about the configured rate of the wall clock', async () => {
		const phases = [steady('steady', 60_000, 100)];
		const startTime = Date.UTC(2026, 0, 5, 12, 0, 0);
		const live = simulatorSource({seed: 4, mode: 'realtime', startTime, phases});
		const events: RawEvent[] = [];
		let batches = 0;
		const began = Date.now();
		for await (const batch of live.batches()) {
			events.push(...batch.events);
			batches++;
			if (Date.now() - began >= 1000) break;
		}

		const elapsedSeconds = (Date.now() - began) / 1000;
		await live.close();
		expect(live.health().state).toBe('stopped');
		const fast = await drain(simulatorSource({seed: 4, mode: 'fast', startTime, phases, durationMs: 10_000}));
		expect(events.length).toBeGreaterThan(0);
		expect(JSON.stringify(events)).toBe(JSON.stringify(fast.slice(0, events.length)));
		// Loose bounds: 100 orders/s of simulated time, and the simulated clock follows the wall clock.
		const orders = events.filter(event => payloadOf(event).eventType === 'OrderCreated').length;
		expect(orders).toBeGreaterThan(100 * elapsedSeconds * 0.5);
		expect(orders).toBeLessThan(100 * elapsedSeconds * 1.2 + 5);
		expect(Math.max(...events.map(event => event.receivedAt!))).toBeLessThanOrEqual(startTime + elapsedSeconds * 1000 + 5);
		expect(batches).toBeGreaterThanOrEqual(4);
	});

	it('ends its batches when closed and reports stopped', async () => {
		const live = simulatorSource({seed: 5, mode: 'realtime', rateScale: 20});
		const iterator = live.batches()[Symbol.asyncIterator]();
		const first = await iterator.next();
		expect(first.done).toBe(false);
		expect(live.health()).toMatchObject({name: 'demo', state: 'connected', phase: 'normal'});
		const pending = iterator.next();
		await live.close();
		expect(live.health().state).toBe('stopped');
		// At most the batch already being produced, then the end.
		const next = await pending;
		if (!next.done) expect((await iterator.next()).done).toBe(true);
		expect(live.health().state).toBe('stopped');
	});

	it('yields nothing once closed before reading', async () => {
		const live = simulatorSource({seed: 6, mode: 'realtime'});
		await live.close();
		expect(await drain(live)).toEqual([]);
	});
});
