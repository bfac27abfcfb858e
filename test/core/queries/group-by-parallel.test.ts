// A group-by split over worker threads (the built worker, dist/: global setup compiles it) against the same fold on
// one thread: the same figures with copies of one event in different parts, sums, and filters read the slow way;
// and the TUI's fold on workers going on live as events are stored.
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {defaultConfig} from '../../../source/core/config.js';
import type {Envelope} from '../../../source/core/envelope.js';
import {compileFilter} from '../../../source/core/filter/filter.js';
import {GroupAccumulator, groupStoredEvents, type GroupByOptions} from '../../../source/core/queries/group-by.js';
import {foldStoredOffThread, groupStoredEventsInParallel} from '../../../source/core/queries/group-by-parallel.js';
import {envelope, open, tempDirectory} from '../store/helpers.js';

const containers = defaultConfig.fields.containers;
const worker = new URL(`file://${path.resolve(import.meta.dirname, '../../../dist/source/core/queries/group-by-worker.js')}`);

/** Event `id` as read from `topic`: its value text holds a customer and an amount; ids 3, 4 and 5 are nearly alike by topic. */
function event(id: number, topic: string): Envelope {
	const text = JSON.stringify({customerId: `C-${id % 13}`, amount: (id % 50) + (0.01 * (id % 9)), note: id % 7 === 0 ? 'é' : 'x'});
	return envelope({topic, eventId: `E-${id}`, type: id % 2 === 0 ? 'OrderCreated' : 'PaymentCaptured', timestamp: 1_700_000_000_000 + (id * 1000), value: JSON.parse(text) as unknown, valueText: {text}});
}

/** 3,000 events, then copies of early ones (events:all) and a redelivery, so that copies fall in other parts than their originals. */
function events(): Envelope[] {
	const list = Array.from({length: 3000}, (_, index) => event(index + 1, index % 3 === 0 ? 'orders' : 'payments'));
	list.splice(1500, 0, event(10, 'events:all'), event(2990, 'events:all'));
	list.push(event(11, 'events:all'), event(12, 'events:all'), event(2999, 'payments'));
	return list;
}

describe('a group-by split over threads', () => {
	it('gives the figures one thread gives, copies across parts counted once', async () => {
		const store = open(tempDirectory());
		await store.putBatch(events());
		const cases: Array<Omit<GroupByOptions, 'containers'>> = [
			{groupBy: 'topic'},
			{groupBy: 'customerId', sum: 'amount'},
			{groupBy: 'type', sum: 'amount', where: compileFilter('amount>20')},
			{groupBy: 'customerId', where: compileFilter('topic:events:all')},
		];
		for (const options of cases) {
			const one = groupStoredEvents(store, {...options, containers});
			expect(one.copies).toBeGreaterThanOrEqual(options.where ? 0 : 5);
			for (const threads of [2, 3, 4]) expect(await groupStoredEventsInParallel(store, {...options, containers}, threads, undefined, worker), `${options.groupBy} on ${threads} threads`).toEqual(one);
		}
	});

	it('folds the store on worker threads for the TUI, then goes on live as one thread would', async () => {
		const store = open(tempDirectory());
		await store.putBatch(events());
		const options = {groupBy: 'topic', sum: 'amount', containers};
		const here = new GroupAccumulator(options);
		here.foldStored(store);
		const elsewhere = await foldStoredOffThread(store, options, 3, undefined, worker);
		expect(elsewhere.result()).toEqual(here.result());
		// Later events: new ones, and copies of events the workers counted (each part's), which stay copies.
		await store.putBatch([event(5000, 'orders'), event(1, 'events:all'), event(1600, 'events:all'), event(2900, 'events:all'), event(5000, 'events:all')]);
		expect(elsewhere.foldStored(store)).toBe(5);
		here.foldStored(store);
		expect(elsewhere.result()).toEqual(here.result());
		expect(elsewhere.result().copies).toBe(here.result().copies);
		expect(here.result().copies).toBe(9);
	});

	it('abandons a fold on worker threads when asked: every worker stops and ends on its own, and the store stays usable', async () => {
		const store = open(tempDirectory());
		await store.putBatch(Array.from({length: 60_000}, (_, index) => event(index + 1, 'orders')));
		const controller = new AbortController();
		const folding = foldStoredOffThread(store, {groupBy: 'customerId', sum: 'amount', containers}, 3, controller.signal, worker);
		controller.abort();
		await expect(folding).rejects.toThrow();
		await store.putBatch([event(70_000, 'orders')]);
		expect(groupStoredEvents(store, {groupBy: 'topic', containers}).matched).toBe(60_001);
	});
});
