// The per-instance state machine on hand-made events: each outcome, events out of order, a step that comes too
// late, interleaved instances, a definition that does not apply, the transaction join as correlation, and memory
// that stays bounded when instances finish.
import {describe, expect, it} from 'vitest';
import type {EngineSnapshot, Envelope, TransactionView} from '../../../source/plugin-api/index.js';
import {builtInDefinitions} from '../../../plugins/sagas/built-in.js';
import {SagaCatalog} from '../../../plugins/sagas/catalog.js';
import {sagaTransactionInfo} from '../../../plugins/sagas/classify.js';
import {checkDefinitions} from '../../../plugins/sagas/definition.js';
import {createSagaTrackers} from '../../../plugins/sagas/stage.js';
import type {InstanceSummary} from '../../../plugins/sagas/tracker.js';

const [checkout] = checkDefinitions([{
	name: 'checkout', correlation: 'checkout_id', due: '60s',
	steps: ['CheckoutInitiated', {event: 'StockReserved', compensation: 'StockReleased'}, 'OrderCreated'],
	success: 'CheckoutSucceeded', failures: ['StockReservationFailed', 'OrderCreationFailed'],
}], [], path => path.join('.'));

/** An event as the stage sees it (only what the tracker reads). */
const event = (type: string, id: string, at: number, extra: Record<string, unknown> = {}): Envelope => ({
	type, value: {type, checkout_id: id, ...extra}, timestamp: at, receivedAt: at, ids: [id],
} as unknown as Envelope);

/** Feed events in the order given (the arrival order) with the clock as of each, then end the input at `end`. */
function run(events: Envelope[], end?: number, definitions = [checkout!]) {
	const finished: InstanceSummary[] = [];
	const {trackers, byType} = createSagaTrackers(definitions, undefined, instance => finished.push(instance));
	let clock = 0;
	for (const each of events) {
		clock = Math.max(clock, each.timestamp!);
		for (const {tracker, role} of byType.get(each.type) ?? []) tracker.ingest(each, role, clock);
	}

	if (end !== undefined) for (const tracker of trackers) tracker.finish(end);
	const byId = new Map([...finished, ...trackers.flatMap(tracker => tracker.openInstances())].map(instance => [instance.id, instance]));
	return {report: trackers[0]!.report(), byId, trackers};
}

describe('a saga instance', () => {
	it('completes when the success event comes', () => {
		const {report, byId} = run([event('CheckoutInitiated', 'a', 0), event('StockReserved', 'a', 100), event('OrderCreated', 'a', 200), event('CheckoutSucceeded', 'a', 300)], 400);
		expect(report.counts).toMatchObject({instances: 1, completed: 1, failed: 0});
		expect(byId.get('a')).toMatchObject({state: 'completed', step: 'CheckoutSucceeded'});
	});

	it('fails with nothing to compensate before the reservation, with the reason its event carries', () => {
		const {byId} = run([event('CheckoutInitiated', 'a', 0), event('StockReservationFailed', 'a', 100, {reason: 'out_of_stock'})], 200);
		expect(byId.get('a')).toMatchObject({state: 'failed', step: 'StockReservationFailed', reason: 'out_of_stock', compensationsMissing: []});
	});

	it('is compensated when a failure after the reservation is followed by StockReleased', () => {
		const {report, byId} = run([event('CheckoutInitiated', 'a', 0), event('StockReserved', 'a', 100), event('OrderCreationFailed', 'a', 200), event('StockReleased', 'a', 300)], 400);
		expect(report.counts).toMatchObject({compensated: 1, failed: 0});
		expect(byId.get('a')).toMatchObject({state: 'compensated', compensationsDone: ['StockReleased']});
	});

	it('stays failed with the compensation missing when StockReleased never comes, and says so once due', () => {
		const events = [event('CheckoutInitiated', 'a', 0), event('StockReserved', 'a', 100), event('OrderCreationFailed', 'a', 200)];
		const pending = run(events).report.problems[0]!;
		expect(pending).toMatchObject({state: 'failed', open: true, compensationsMissing: ['StockReleased']});
		const {report} = run([...events, event('CheckoutInitiated', 'b', 70_000)], 70_000);
		expect(report.counts).toMatchObject({failed: 1, compensationMissing: 1});
		expect(report.flow.compensations).toEqual([{event: 'StockReleased', step: 1, done: 0, missing: 1}]);
	});

	it('times out when the next step is overdue in event time, even if it comes later (too late)', () => {
		const hung = run([event('CheckoutInitiated', 'a', 0), event('StockReserved', 'a', 100)], 60_101);
		expect(hung.byId.get('a')).toMatchObject({state: 'timedOut', step: 'StockReserved', waitingFor: 'OrderCreated'});
		const justInTime = run([event('CheckoutInitiated', 'a', 0), event('StockReserved', 'a', 100)], 60_100);
		expect(justInTime.byId.get('a')!.state).toBe('inProgress');
		// OrderCreated 70 s after the reservation: the instance was overdue once the clock passed 60.1 s + lateness.
		const late = run([event('CheckoutInitiated', 'a', 0), event('StockReserved', 'a', 100), event('CheckoutInitiated', 'b', 66_000), event('OrderCreated', 'a', 70_100), event('CheckoutSucceeded', 'a', 70_200)], 80_000);
		expect(late.byId.get('a')!.state).toBe('timedOut');
	});

	it('handles events out of order: a step before the start, a compensation before its failure', () => {
		const early = run([event('StockReserved', 'a', 100), event('CheckoutInitiated', 'a', 0), event('OrderCreated', 'a', 200), event('CheckoutSucceeded', 'a', 300)], 400);
		expect(early.byId.get('a')).toMatchObject({state: 'completed', outOfOrder: true});
		expect(early.report.counts).toMatchObject({instances: 1, outOfOrder: 1});
		const undoneFirst = run([event('CheckoutInitiated', 'a', 0), event('StockReserved', 'a', 100), event('StockReleased', 'a', 300), event('OrderCreationFailed', 'a', 200)], 400);
		expect(undoneFirst.byId.get('a')).toMatchObject({state: 'compensated', outOfOrder: true});
		// A step that arrives before the failure it precedes still decides what must be compensated.
		const stepLate = run([event('CheckoutInitiated', 'a', 0), event('OrderCreationFailed', 'a', 200), event('StockReserved', 'a', 100)], 70_000);
		expect(stepLate.byId.get('a')).toMatchObject({state: 'failed', compensationsMissing: ['StockReleased']});
	});

	it('keeps interleaved instances apart', () => {
		const {report, byId} = run([
			event('CheckoutInitiated', 'a', 0), event('CheckoutInitiated', 'b', 10), event('StockReserved', 'b', 20), event('StockReserved', 'a', 30),
			event('StockReservationFailed', 'c', 35), event('CheckoutInitiated', 'c', 5), event('OrderCreated', 'a', 40), event('OrderCreationFailed', 'b', 50),
			event('CheckoutSucceeded', 'a', 60), event('StockReleased', 'b', 70),
		], 100);
		expect([...byId.values()].map(instance => `${instance.id} ${instance.state}`).sort()).toEqual(['a completed', 'b compensated', 'c failed']);
		expect(report.counts).toMatchObject({instances: 3, completed: 1, compensated: 1, failed: 1});
		expect(report.flow.steps.map(step => step.reached)).toEqual([3, 2, 1]);
	});

	it('makes no instance from events without the first step, or from other sagas\' events', () => {
		const {report} = run([event('StockReserved', 'a', 0), event('OrderCreated', 'a', 100), event('CheckoutSucceeded', 'a', 200), event('PaymentAuthorized', 'b', 300)], 100_000);
		expect(report.counts.instances).toBe(0);
	});

	it('joins ids like the store when correlated by transaction (an event carrying two ids)', () => {
		const [joined] = checkDefinitions([{name: 'order', steps: ['CheckoutStarted', 'OrderCreated'], success: 'Done'}], [], path => path.join('.'));
		const withIds = (type: string, at: number, ids: string[]) => ({type, value: {}, timestamp: at, receivedAt: at, ids} as unknown as Envelope);
		const {report, byId} = run([withIds('CheckoutStarted', 0, ['chk_1']), withIds('OrderCreated', 10, ['chk_1', 'ord_1']), withIds('Done', 20, ['ord_1'])], 30, [joined!]);
		expect(report.counts).toMatchObject({instances: 1, completed: 1});
		expect(byId.get('chk_1')!.state).toBe('completed');
	});

	it('holds no finished instance: memory stays bounded over many instances', () => {
		const events: Envelope[] = [];
		for (let i = 0; i < 50_000; i++) {
			const id = `c${i}`;
			const at = i * 10;
			events.push(event('CheckoutInitiated', id, at), event('StockReserved', id, at + 1), event('OrderCreated', id, at + 2));
			// One in ten hangs; the rest complete.
			if (i % 10 !== 0) events.push(event('CheckoutSucceeded', id, at + 3));
		}

		const {report, trackers} = run(events);
		expect(report.counts).toMatchObject({instances: 50_000, completed: 45_000});
		// Open: only what is younger than 60 s + lateness; problems kept: at most 2 × maxProblems (1000).
		expect(trackers[0]!.openInstances().length).toBeLessThan(7000);
		expect(report.problems.length).toBeLessThanOrEqual(2000);
		expect(report.counts.timedOut + report.counts.inProgress).toBe(5000);
	});
});

describe('fields inside a container (a Redis entry\'s data field)', () => {
	/** An order event as a Redis entry with one `data` (or `payload`) field decodes: its fields one level down. */
	const wrapped = (type: string, order: string, at: number, extra: Record<string, unknown> = {}, container = 'data') => ({
		type, value: {[container]: {eventType: type, orderId: order, ...extra}}, timestamp: at, receivedAt: at, ids: [order],
	} as unknown as Envelope);
	const order = ['OrderCreated', 'PaymentAuthorized', 'InventoryReserved', 'ShipmentCreated', 'OrderCompleted'];

	it('finds the correlation and a failure\'s reason where the configuration\'s containers say, and only there', () => {
		// In `payload`: the default reason fields name `data.reason` outright, so only the containers can find it there.
		const events = [...order.map((type, index) => wrapped(type, 'ORD-1', index * 100, {}, 'payload')), wrapped('OrderCreated', 'ORD-2', 1000, {}, 'payload'), wrapped('PaymentDeclined', 'ORD-2', 1100, {reason: 'card expired'}, 'payload')];
		const follow = (containers: string[]) => {
			const {trackers, byType} = createSagaTrackers(builtInDefinitions, undefined, undefined, {containers});
			for (const each of events) for (const {tracker, role} of byType.get(each.type) ?? []) tracker.ingest(each, role, each.timestamp!);
			for (const tracker of trackers) tracker.finish(2000);
			return trackers.find(tracker => tracker.definition.name === 'ecommerce-order')!.report();
		};

		const report = follow(['payload']);
		expect(report.counts).toMatchObject({instances: 2, completed: 1, failed: 1});
		expect(report.problems.map(({id, reason}) => ({id, reason}))).toEqual([{id: 'ORD-2', reason: 'card expired'}]);
		expect(follow([]).counts.instances).toBe(0);
	});

	it('gives the transaction view\'s saga line from the running engine\'s containers', () => {
		const catalog = new SagaCatalog({});
		catalog.shown.add('ecommerce-order');
		catalog.containers = ['data'];
		const view = {steps: order.map((type, index) => ({event: wrapped(type, 'ORD-1', index * 100)}))} as unknown as TransactionView;
		expect(sagaTransactionInfo(catalog).lines(view, {now: 1000} as EngineSnapshot)).toEqual([{text: expect.stringMatching(/^ecommerce-order ORD-1 completed/), outcome: '✓ completed'}]);
	});
});
