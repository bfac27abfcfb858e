// Saga scenarios with known outcomes, one per built-in saga of plugins/sagas (the e-commerce one is the demo's
// recording): interleaved instances, failures of every kind, compensations done and missing, overdue steps and
// events that arrive out of order. make-saga-recordings.ts writes them to recordings/; tests count the outcomes.
import type {RawEvent} from '../source/core/envelope.js';
import {Random} from '../source/core/sources/simulator/random.js';

/** How an instance ends, as `pubsub-tools saga` must count it. */
export type SagaOutcome = 'completed' | 'failed' | 'compensated' | 'timedOut';

/** One step of a story: event type, ms after the previous event (event time), extra value fields. */
type Beat = [type: string, afterMs: number, fields?: Record<string, unknown>];

/** One kind of instance: its events, its outcome and what the test should see about it. */
type Story = {
	outcome: SagaOutcome;
	beats: Beat[];
	/** How many instances of this kind. */
	count: number;
	/** A failure whose compensation never comes. */
	compensationMissing?: boolean;
	/** Arrival delays (ms) by beat index: an event that arrives after later ones. */
	late?: Record<number, number>;
	/** Instances of this kind go first (an overdue step must be overdue before the input ends). */
	early?: boolean;
};

/** A planned instance in a scenario, for tests. */
export type PlannedInstance = {id: string; outcome: SagaOutcome; compensationMissing: boolean; outOfOrder: boolean; story: string};

/** A scenario: its events in arrival order and the instances it tells. */
export type SagaScenario = {name: string; file: string; events: RawEvent[]; instances: PlannedInstance[]};

/** What distinguishes one scenario's recording. */
type ScenarioSpec = {
	name: string;
	file: string;
	seed: number;
	start: number;
	/** Event time between two instances' starts. */
	spacingMs: number;
	topic: string;
	source: 'redis' | 'kafka';
	idField: string;
	idOf(random: Random, index: number): string;
	stories: Record<string, Story>;
	/** The field that names the event type. */
	typeField: string;
};

/** Generate a scenario: instances shuffled (early ones first), spaced, each event delivered 5–40 ms after its time. */
function generate(spec: ScenarioSpec): SagaScenario {
	const random = new Random(spec.seed);
	const kinds = Object.entries(spec.stories).flatMap(([name, story]) => Array.from({length: story.count}, () => name));
	for (let i = kinds.length - 1; i > 0; i--) {
		const j = random.int(0, i);
		[kinds[i], kinds[j]] = [kinds[j]!, kinds[i]!];
	}

	kinds.sort((a, b) => Number(spec.stories[b]!.early ?? false) - Number(spec.stories[a]!.early ?? false));
	const planned: Array<{time: number; arrival: number; value: Record<string, unknown>}> = [];
	const instances: PlannedInstance[] = kinds.map((kind, index) => {
		const story = spec.stories[kind]!;
		const id = spec.idOf(random, index);
		let time = spec.start + index * spec.spacingMs + random.int(0, Math.floor(spec.spacingMs / 4));
		story.beats.forEach(([type, afterMs, fields], beat) => {
			time += afterMs;
			const value = {[spec.typeField]: type, [spec.idField]: id, ...fields, occurred_at: new Date(time).toISOString()};
			planned.push({time, arrival: time + random.int(5, 40) + (story.late?.[beat] ?? 0), value});
		});
		return {id, outcome: story.outcome, compensationMissing: story.compensationMissing ?? false, outOfOrder: story.late !== undefined, story: kind};
	});
	planned.sort((a, b) => a.arrival - b.arrival || a.time - b.time);
	const events = planned.map((event, index): RawEvent => ({
		source: spec.source,
		topic: spec.topic,
		...(spec.source === 'kafka' ? {partition: 0, offset: String(index)} : {offset: `${event.arrival}-${index}`}),
		value: event.value,
		timestamp: event.time,
		receivedAt: event.arrival,
	}));
	return {name: spec.name, file: spec.file, events, instances};
}

const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;
const day = 24 * hour;

/**
 * The choreographed checkout of issue 13 on a Redis stream: 20 successful, 8 failed and 2 hung checkouts.
 * CheckoutInitiated → StockReserved → OrderCreated → CheckoutSucceeded; StockReservationFailed / OrderCreationFailed
 * → CheckoutFailed; StockReleased undoes a reservation.
 */
export function checkoutScenario(): SagaScenario {
	const reserved: Beat[] = [['CheckoutInitiated', 0], ['StockReserved', 300]];
	return generate({
		name: 'checkout', file: 'checkout.jsonl', seed: 13, start: Date.UTC(2026, 10, 27, 12, 0, 0), spacingMs: 10 * second,
		topic: 'checkout.events', source: 'redis', idField: 'checkout_id', typeField: 'type',
		idOf: random => `chk_${random.hex(10)}`,
		stories: {
			completed: {outcome: 'completed', count: 17, beats: [...reserved, ['OrderCreated', 400], ['CheckoutSucceeded', 200]]},
			'completed, CheckoutInitiated late': {outcome: 'completed', count: 3, late: {0: 1000}, beats: [...reserved, ['OrderCreated', 400], ['CheckoutSucceeded', 200]]},
			'stock reservation failed': {outcome: 'failed', count: 4, beats: [['CheckoutInitiated', 0], ['StockReservationFailed', 250, {reason: 'out_of_stock'}], ['CheckoutFailed', 100]]},
			'order creation failed, stock released': {outcome: 'compensated', count: 3, beats: [...reserved, ['OrderCreationFailed', 500, {reason: 'payment_service_unavailable'}], ['StockReleased', 300], ['CheckoutFailed', 100]]},
			'order creation failed, stock never released': {outcome: 'failed', compensationMissing: true, count: 1, beats: [...reserved, ['OrderCreationFailed', 500, {reason: 'duplicate_order'}], ['CheckoutFailed', 100]]},
			'hung after the reservation': {outcome: 'timedOut', count: 2, early: true, beats: reserved},
		},
	});
}

/** The parcel saga in French: ColisCree → PaiementEffectue → StockReserve → ColisExpedie → ColisLivre over days. */
export function parcelScenario(): SagaScenario {
	const shipped: Beat[] = [['ColisCree', 0], ['PaiementEffectue', 5 * minute], ['StockReserve', 10 * minute], ['ColisExpedie', day]];
	return generate({
		name: 'parcel', file: 'parcel.jsonl', seed: 14, start: Date.UTC(2026, 10, 23, 8, 0, 0), spacingMs: 4 * hour,
		topic: 'colis.evenements', source: 'kafka', idField: 'colisId', typeField: 'eventType',
		idOf: (_random, index) => `COLIS-${String(70_001 + index)}`,
		stories: {
			livre: {outcome: 'completed', count: 18, beats: [...shipped, ['ColisLivre', 2 * day]]},
			'paiement refuse': {outcome: 'failed', count: 3, beats: [['ColisCree', 0], ['PaiementRefuse', 5 * minute, {motif: 'carte_refusee'}]]},
			'stock indisponible, rembourse': {outcome: 'compensated', count: 4, beats: [['ColisCree', 0], ['PaiementEffectue', 5 * minute], ['StockIndisponible', 10 * minute, {motif: 'rupture'}], ['RemboursementEffectue', 20 * minute]]},
			'expedition echouee, annulee (echec arrive apres ses compensations)': {
				outcome: 'compensated', count: 2, late: {4: 2 * second},
				beats: [['ColisCree', 0], ['PaiementEffectue', 5 * minute], ['StockReserve', 10 * minute], ['ExpeditionEchouee', 2 * hour, {motif: 'transporteur_indisponible'}], ['AnnulationStock', 500], ['RemboursementEffectue', 500]],
			},
			'expedition echouee, AnnulationStock jamais arrivee': {
				outcome: 'failed', compensationMissing: true, count: 1,
				beats: [['ColisCree', 0], ['PaiementEffectue', 5 * minute], ['StockReserve', 10 * minute], ['ExpeditionEchouee', 2 * hour, {motif: 'adresse_invalide'}], ['RemboursementEffectue', 30 * minute]],
			},
			'expedie, jamais livre': {outcome: 'timedOut', count: 2, early: true, beats: shipped},
		},
	});
}

/** Ride booking: RideRequested → DriverMatched → DriverAccepted (within 30 s) → TripStarted → TripCompleted. */
export function rideBookingScenario(): SagaScenario {
	const accepted: Beat[] = [['RideRequested', 0], ['DriverMatched', 5 * second], ['DriverAccepted', 10 * second]];
	return generate({
		name: 'ride-booking', file: 'ride-booking.jsonl', seed: 15, start: Date.UTC(2026, 10, 28, 18, 0, 0), spacingMs: 90 * second,
		topic: 'rides', source: 'kafka', idField: 'booking_id', typeField: 'event_type',
		idOf: random => `bk_${random.hex(8)}`,
		stories: {
			completed: {outcome: 'completed', count: 15, beats: [...accepted, ['TripStarted', 3 * minute], ['TripCompleted', 15 * minute]]},
			'completed, RideRequested after DriverMatched': {outcome: 'completed', count: 3, late: {0: 3 * second}, beats: [['RideRequested', 0], ['DriverMatched', 2 * second], ['DriverAccepted', 10 * second], ['TripStarted', 3 * minute], ['TripCompleted', 15 * minute]]},
			'no driver found': {outcome: 'failed', count: 3, beats: [['RideRequested', 0], ['NoDriverFound', minute, {data: {reason: 'no_driver_nearby'}}]]},
			'driver declined, match cancelled': {outcome: 'compensated', count: 3, beats: [['RideRequested', 0], ['DriverMatched', 5 * second], ['DriverDeclined', 10 * second, {data: {reason: 'too_far'}}], ['MatchCancelled', second]]},
			'rider cancelled, driver released': {outcome: 'compensated', count: 2, beats: [...accepted, ['RideCancelledByRider', minute, {data: {reason: 'changed_plans'}}], ['DriverReleased', second], ['MatchCancelled', second]]},
			'trip aborted, MatchCancelled never came': {
				outcome: 'failed', compensationMissing: true, count: 1,
				beats: [...accepted, ['TripStarted', 3 * minute], ['TripAborted', 5 * minute, {data: {reason: 'vehicle_breakdown'}}], ['TripCancelled', second], ['DriverReleased', second]],
			},
			'never accepted': {outcome: 'timedOut', count: 2, beats: [['RideRequested', 0], ['DriverMatched', 5 * second]]},
			'accepted 45 s after the match (overdue)': {outcome: 'timedOut', count: 1, beats: [['RideRequested', 0], ['DriverMatched', 5 * second], ['DriverAccepted', 45 * second], ['TripStarted', 3 * minute], ['TripCompleted', 15 * minute]]},
		},
	});
}

/** Every scenario, in the order the script writes them. */
export const sagaScenarios = [checkoutScenario, parcelScenario, rideBookingScenario];
