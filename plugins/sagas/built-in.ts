// The sagas known without any configuration, written as a user would write them (checked like user definitions).
import {checkDefinitions, type SagaDefinition} from './definition.js';

/** The built-in definitions as data (the YAML a user would write, as objects). */
const builtInDefinitionData = [
	{
		// A choreographed checkout on Redis Streams: each step due within 60 s.
		name: 'checkout',
		correlation: 'checkout_id',
		due: '60s',
		steps: ['CheckoutInitiated', {event: 'StockReserved', compensation: 'StockReleased'}, 'OrderCreated'],
		success: 'CheckoutSucceeded',
		failures: ['StockReservationFailed', 'OrderCreationFailed', 'CheckoutFailed'],
	},
	{
		// A parcel's life: created, paid, stock reserved, shipped, delivered; a failure after the reservation annuls it.
		name: 'parcel',
		correlation: 'colisId',
		due: '1h',
		steps: [
			'ColisCree',
			{event: 'PaiementEffectue', compensation: 'RemboursementEffectue'},
			{event: 'StockReserve', compensation: 'AnnulationStock'},
			{event: 'ColisExpedie', due: '2d'},
		],
		success: 'ColisLivre',
		successDue: '5d',
		failures: ['PaiementRefuse', 'StockIndisponible', 'ExpeditionEchouee', 'LivraisonEchouee'],
		reason: ['motif', 'reason'],
	},
	{
		// Ride booking: a matched driver must accept within 30 s; each step after a failure is undone.
		name: 'ride-booking',
		correlation: 'booking_id',
		due: '2m',
		compensationDue: '1m',
		steps: [
			'RideRequested',
			{event: 'DriverMatched', compensation: 'MatchCancelled'},
			{event: 'DriverAccepted', due: '30s', compensation: 'DriverReleased'},
			{event: 'TripStarted', due: '15m', compensation: 'TripCancelled'},
		],
		success: 'TripCompleted',
		successDue: '3h',
		failures: ['NoDriverFound', 'DriverDeclined', 'RideCancelledByRider', 'TripAborted'],
	},
	{
		// The simulator's e-commerce order flow (the demo and recordings/ecommerce.jsonl.gz), over six Kafka topics.
		name: 'ecommerce-order',
		correlation: 'orderId',
		due: '30s',
		steps: [
			{event: 'OrderCreated', compensation: 'OrderCancelled'},
			{event: 'PaymentAuthorized', compensation: 'PaymentRefunded'},
			'InventoryReserved',
			'ShipmentCreated',
		],
		success: 'OrderCompleted',
		failures: ['PaymentFailed', 'PaymentDeclined', 'PaymentBlocked', 'OutOfStock'],
	},
];

/** The built-in definitions, checked. */
export const builtInDefinitions: SagaDefinition[] = checkDefinitions(builtInDefinitionData, [], path => `built-in saga ${path.join('.')}`)
	.map(definition => ({...definition, needsEnd: true}));
