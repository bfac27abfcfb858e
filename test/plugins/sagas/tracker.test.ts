// The per-instance state machine on hand-made events: each outcome, events out of order, a step that comes too
// late, interleaved instances, a definition that does not apply, the transaction join as correlation, and memory
// that stays bounded when instances finish.
import {describe, expect, it} from 'vitest';
import type {EngineSnapshot, Envelope, TransactionView} from '../../../source/plugin-api/index.js';
import {builtInDefinitions} from '../../../plugins/sagas/built-in.js';
import {SagaCatalog} from '../../../plugins/sagas/catalog.js';
import {sagaTransactionInfo} from '../../../plugins/sagas/classify.js';
import {checkDefinitions} from '../../../plugins/sagas/definition.js';
import {diagramLines} from '../../../plugins/sagas/diagram.js';
import {createSagaTrackers} from '../../../plugins/sagas/stage.js';
import type {InstanceSummary, TrackerOptions} from '../../../plugins/sagas/tracker.js';

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

describe('instance slots (reused once an instance is finished and no longer listed)', () => {
	/** Checkouts 10 s apart: one in three fails with its own reason, one completes, one hangs (times out 65 s on, among later ones). */
	const events = (count: number, from = 0): Envelope[] => Array.from({length: count}, (_, index) => {
		const i = from + index;
		const id = `c${i}`;
		const at = i * 10_000;
		if (i % 3 === 0) return [event('CheckoutInitiated', id, at), event('StockReservationFailed', id, at + 1, {reason: `r${i}`})];
		if (i % 3 === 1) return [event('CheckoutInitiated', id, at), event('StockReserved', id, at + 1), event('OrderCreated', id, at + 2), event('CheckoutSucceeded', id, at + 3)];
		return [event('StockReserved', id, at + 1), event('CheckoutInitiated', id, at)];
	}).flat();

	/** What each instance must be, from its number alone. */
	const expected = (i: number) => (i % 3 === 0
		? {id: `c${i}`, state: 'failed', step: 'StockReservationFailed', reason: `r${i}`, outOfOrder: false, compensationsMissing: []}
		: i % 3 === 1
			? {id: `c${i}`, state: 'completed', step: 'CheckoutSucceeded', outOfOrder: false}
			: {id: `c${i}`, state: 'timedOut', step: 'StockReserved', waitingFor: 'OrderCreated', outOfOrder: true});

	/** A tracker keeping `maxProblems`, fed `input` with the clock as of each event; what it finished, by id. */
	function follow(maxProblems: number) {
		const finished = new Map<string, InstanceSummary>();
		const {trackers, byType} = createSagaTrackers([checkout!], undefined, instance => finished.set(instance.id, instance), {maxProblems});
		let clock = 0;
		const feed = (input: Envelope[]) => {
			for (const each of input) {
				clock = Math.max(clock, each.timestamp!);
				for (const {tracker, role} of byType.get(each.type) ?? []) tracker.ingest(each, role, clock);
			}
		};

		return {tracker: trackers[0]!, finished, feed};
	}

	it('gives every instance only its own fields when slots of finished and dropped problem ones are reused', () => {
		const {tracker, finished, feed} = follow(2);
		feed(events(60));
		tracker.finish(60 * 10_000 + 100_000);
		const report = tracker.report();
		expect(report.counts).toMatchObject({instances: 60, completed: 20, failed: 20, timedOut: 20, inProgress: 0, outOfOrder: 20});
		expect(finished.size).toBe(60);
		for (const [id, summary] of finished) expect(summary).toMatchObject({...expected(Number(id.slice(1))), open: false});
		// The newest problems (2 to 4 of them), newest first, each still itself.
		expect(report.problems.length).toBeGreaterThanOrEqual(2);
		expect(report.problems.length).toBeLessThanOrEqual(4);
		const newestProblems = [...finished.values()].filter(summary => summary.state !== 'completed').map(summary => summary.id).reverse();
		expect(report.problems.map(problem => problem.id)).toEqual(newestProblems.slice(0, report.problems.length));
		for (const problem of report.problems) expect(problem).toEqual(finished.get(problem.id));
	});

	it('keeps the slot of an instance finished at the end of the input while its deadline is pending, and follows later input', () => {
		const {tracker, finished, feed} = follow(1000);
		// The input ends with c0 waiting for StockReleased (due 60 s after its failure) and d0 just completed: both are
		// finished then, their deadlines still pending.
		const completing = (id: string, at: number) => ['CheckoutInitiated', 'StockReserved', 'OrderCreated', 'CheckoutSucceeded'].map((type, step) => event(type, id, at + (step * 5)));
		feed([event('CheckoutInitiated', 'c0', 0), event('StockReserved', 'c0', 1), event('OrderCreationFailed', 'c0', 2, {reason: 'r0'}), ...completing('d0', -5)]);
		tracker.finish(10);
		expect(finished.get('c0')).toMatchObject({state: 'failed', reason: 'r0', compensationsMissing: ['StockReleased'], open: false});
		// More input, ending the same way (e0 completes as it ends), then more: no two instances may share a slot.
		feed(completing('e0', 15));
		tracker.finish(30);
		feed(events(30, 1));
		tracker.finish(31 * 10_000 + 100_000);
		for (let i = 1; i <= 30; i++) expect(finished.get(`c${i}`)).toMatchObject({...expected(i), open: false});
		expect(tracker.report().problems.at(-1)).toEqual(finished.get('c0'));
		expect([finished.get('d0')?.state, finished.get('e0')?.state]).toEqual(['completed', 'completed']);
		expect(tracker.report().counts).toMatchObject({instances: 33, completed: 12, failed: 11, timedOut: 10, compensationMissing: 1});
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

describe('bounds over a long live run (what is let go is counted)', () => {
	/** A checkout tracker with `options`, fed `input` with the clock as of each event. */
	function bounded(options: Partial<TrackerOptions>) {
		const finished = new Map<string, InstanceSummary>();
		const {trackers, byType} = createSagaTrackers([checkout!], undefined, instance => finished.set(instance.id, instance), options);
		const tracker = trackers[0]!;
		let clock = 0;
		const feed = (input: Envelope[]) => {
			for (const each of input) {
				clock = Math.max(clock, each.timestamp!);
				for (const {tracker, role} of byType.get(each.type) ?? []) tracker.ingest(each, role, clock);
			}
		};

		/** Slots the tracker's instances have taken so far (freed ones are reused). */
		const slotsTaken = () => (tracker as unknown as {slots: {ids: unknown[]}}).slots.ids.length;
		return {tracker, finished, feed, slotsTaken};
	}

	it('lets the oldest open instance go at the open cap, counted as evicted, and reuses its slot', () => {
		const {tracker, finished, feed, slotsTaken} = bounded({maxOpen: 3});
		// d0 completes (decided, still open for late events); c0…c9 start within their due time, 1 ms apart.
		feed(['CheckoutInitiated', 'StockReserved', 'OrderCreated', 'CheckoutSucceeded'].map((type, step) => event(type, 'd0', step)));
		feed(Array.from({length: 10}, (_, i) => event('CheckoutInitiated', `c${i}`, 10 + i)));
		expect(tracker.report().counts).toMatchObject({instances: 11, completed: 1, inProgress: 3, evicted: 7});
		expect(finished.get('d0')).toMatchObject({state: 'completed', open: false});
		expect(tracker.openInstances().map(instance => instance.id)).toEqual(['c7', 'c8', 'c9']);
		// A later step of one let go starts nothing (its first step came and went): held, then forgotten.
		feed([event('StockReserved', 'c0', 30)]);
		expect(tracker.report().counts).toMatchObject({instances: 11, inProgress: 3, evicted: 7});
		// Many more, each starting its own instance: the slots stay those of the cap, not one per instance.
		feed(Array.from({length: 10_000}, (_, i) => event('CheckoutInitiated', `e${i}`, 100 + i)));
		tracker.advance(10_100);
		const counts = tracker.report().counts;
		expect(counts).toMatchObject({instances: 10_011, inProgress: 3, evicted: 10_007});
		expect(counts.completed + counts.failed + counts.compensated + counts.timedOut + counts.inProgress + counts.evicted).toBe(counts.instances);
		expect(slotsTaken()).toBeLessThanOrEqual(64);
		expect(tracker.report().caps).toEqual({open: 3, held: 100_000});
		// Said under the counts in the pane and `saga visualize`.
		expect(diagramLines(tracker.report())[2]).toBe('  10,007 evicted undecided (open cap 3)');
	});

	it('counts the early events dropped at the held cap, and those beyond 64 for one instance', () => {
		const {tracker, feed} = bounded({maxOrphans: 2});
		// a, b, c: later steps whose first step has not come; a's two are dropped when c is held.
		feed([event('StockReserved', 'a', 0), event('OrderCreated', 'a', 1), event('StockReserved', 'b', 2), event('StockReserved', 'c', 3)]);
		expect(tracker.report().counts.heldDropped).toBe(2);
		// a's first step comes: its dropped events are not in it (it waits for StockReserved).
		feed([event('CheckoutInitiated', 'a', 4)]);
		expect(tracker.openInstances().find(instance => instance.id === 'a')).toMatchObject({step: 'CheckoutInitiated', waitingFor: 'StockReserved'});
		// 70 compensations for b before it starts: 64 held, the rest dropped.
		feed(Array.from({length: 70}, (_, i) => event('StockReleased', 'b', 5 + (i / 100))));
		expect(tracker.report().counts.heldDropped).toBe(2 + 70 + 1 - 64);
		expect(diagramLines(tracker.report())[2]).toBe('  9 early events dropped (held cap 2)');
	});
});
