// Writes the sample recordings in recordings/ (or the directory given as argument) and their README,
// deterministically (same bytes on every run):  npm run build && node dist/scripts/make-recordings.js
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import zlib from 'node:zlib';
import type {RawEvent} from '../source/core/envelope.js';
import {simulatorSource, fastStartTime} from '../source/core/sources/simulator/source.js';
import {defaultPhases, PhaseTimeline} from '../source/core/sources/simulator/phases.js';
import {bigBasket, type PlantedAnomaly} from '../source/core/sources/simulator/anomalies.js';
import {totalOf} from '../source/core/sources/simulator/catalog.js';
import {redisCheckoutScenario, type CheckoutOutcome} from '../source/core/sources/simulator/redis.js';
import {claimsScenario, type ClaimOutcome} from '../source/core/sources/simulator/claims.js';
import {fraudScenario} from '../source/core/sources/simulator/fraud.js';
import {claimLifecycle, claimsStoreScenario} from '../source/core/sources/simulator/claims-store.js';
import {sagaReadme, writeSagaRecordings} from './make-saga-recordings.js';
import {defaultConfig} from '../source/core/config.js';
import {formatMs} from '../source/core/units/format.js';

const seed = 42;
const directory = path.resolve(process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '../../recordings'));
const iso = (ms: number) => new Date(ms).toISOString();
const timeline = new PhaseTimeline(defaultPhases, fastStartTime);

/** The header line of recording-format.md; createdAt is the scenario's start so the bytes never change. */
function header(createdAt: number, source: string): string {
	return JSON.stringify({$recording: {version: 1, createdAt: iso(createdAt), source}});
}

/** An envelope line as `record` writes it: times as ISO strings, absent fields left out. */
function envelopeLine(event: RawEvent): string {
	return JSON.stringify({
		topic: event.topic,
		partition: event.partition,
		offset: event.offset,
		key: event.key,
		value: event.value,
		timestamp: event.timestamp === undefined ? undefined : iso(event.timestamp),
		recordedAt: event.receivedAt === undefined ? undefined : iso(event.receivedAt),
		source: event.source,
	});
}

/** Write lines to recordings/NAME (gzip-compressed for .gz) and return its size in bytes. */
function write(name: string, lines: string[]): number {
	const text = Buffer.from(`${lines.join('\n')}\n`);
	const bytes = name.endsWith('.gz') ? zlib.gzipSync(text, {level: 9}) : text;
	fs.writeFileSync(path.join(directory, name), bytes);
	return bytes.length;
}

/** Count by key, keys sorted. */
function tally(keys: Iterable<string>): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const key of keys) counts[key] = (counts[key] ?? 0) + 1;
	return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}

/** A markdown table of counts. */
function countTable(title: string, counts: Record<string, number>): string {
	return [`| ${title} | events |`, '|---|---:|', ...Object.entries(counts).map(([key, count]) => `| \`${key}\` | ${count.toLocaleString('en-US')} |`)].join('\n');
}

type Payload = Record<string, unknown> & {eventType: string; orderId?: string; transactionId?: string; timestamp: string};

/** What one order's events show, to pick example ids. */
type OrderStory = {orderId: string; phase: string; created?: number; paymentHop?: number; types: string[]; transactionId?: string};

/** Walk the e-commerce events once and pick an order id (or transaction id) for each story worth trying. */
function examples(events: RawEvent[], plantedOrders: Set<string>): Array<[string, string]> {
	const stories = new Map<string, OrderStory>();
	const fraudChecked: string[] = [];
	for (const event of events) {
		const value = event.value as Payload;
		if (value.eventType === 'FraudCheckCompleted') fraudChecked.push(value.transactionId!);
		if (value.orderId === undefined || plantedOrders.has(value.orderId) || event.topic === 'customer.notifications') continue;
		let story = stories.get(value.orderId);
		if (!story) {
			story = {orderId: value.orderId, phase: '', types: []};
			stories.set(value.orderId, story);
		}

		if (story.types.includes(value.eventType) && value.eventType !== 'PaymentRefunded') continue; // a redelivery
		story.types.push(value.eventType);
		if (value.eventType === 'OrderCreated') {
			story.created = event.timestamp!;
			story.phase = timeline.at(event.timestamp!).spec.name;
		}

		if (value.eventType === 'PaymentAuthorized' || value.eventType === 'PaymentFailed') {
			story.paymentHop = event.timestamp! - story.created!;
			story.transactionId = value.transactionId;
		}
	}

	const all = [...stories.values()];
	const closed = (story: OrderStory) => story.types.includes('OrderCompleted') || story.types.includes('OrderCancelled');
	const first = (test: (story: OrderStory) => boolean) => all.find(story => test(story))!;
	const slow = first(story => story.phase === 'incident' && story.paymentHop! > 1500 && story.types.includes('OrderCompleted'));
	const fast = first(story => story.phase === 'normal' && story.types.includes('OrderCompleted') && story.types.length === 5);
	const failed = first(story => story.types.includes('PaymentFailed'));
	const outOfStock = first(story => story.types.includes('OutOfStock'));
	const delayed = first(story => story.types.includes('ShipmentDelayed'));
	const hung = first(story => !closed(story) && story.types.at(-1) === 'PaymentAuthorized');
	const hungEarly = first(story => !closed(story) && story.types.length === 1);
	const checked = first(story => story.transactionId !== undefined && fraudChecked.includes(story.transactionId) && story.types.includes('OrderCompleted'));
	return [
		[fast.orderId, `a complete saga in the normal phase (payment hop ${formatMs(fast.paymentHop)}): OrderCreated → PaymentAuthorized → InventoryReserved → ShipmentCreated → OrderCompleted, plus two notifications`],
		[slow.orderId, `slow payment gateway during the incident: payment hop ${formatMs(slow.paymentHop)}, marked ⚠ SLOW (slower than the ${formatMs(defaultConfig.latency.slowHopMs)} default of --slow-ms)`],
		[failed.orderId, `failed payment (${failed.phase}): PaymentFailed → payment-failed notification → OrderCancelled`],
		[outOfStock.orderId, `stock-out (${outOfStock.phase}): OutOfStock → PaymentRefunded (compensation) → OrderCancelled`],
		[delayed.orderId, `shipping delay (${delayed.phase}): ShipmentCreated 3–8 s after the reservation, then ShipmentDelayed`],
		[hung.orderId, `hanging saga (${hung.phase}): stops after PaymentAuthorized, nothing follows`],
		[hungEarly.orderId, `hanging saga (${hungEarly.phase}): OrderCreated and nothing else`],
		[checked.transactionId!, `a transaction id whose FraudCheckCompleted event carries only \`transactionId\`: looking it up joins the fraud check to order ${checked.orderId}`],
	];
}

/** A duration in whole seconds, as the README writes phase lengths. */
function seconds(ms: number): string {
	return `${(ms / 1000).toLocaleString('en-US')} s`;
}

/** The default phases as a markdown list: length and order rate of each, and what goes wrong during the incident. */
function phaseSummary(): string {
	const percent = (share: number) => `${Math.round(share * 100)} %`;
	return defaultPhases.map(phase => {
		const base = `- ${phase.name}: ${seconds(phase.durationMs)}, ${phase.ordersPerSecond} orders/s`;
		if (phase.name !== 'incident') return base;
		return `${base}: ~${percent(phase.paymentFailureRate)} failed payments, ${percent(phase.slowPaymentRate)} of payments answered after 1.6–4.2 s, `
			+ `${percent(phase.stockOutRate)} stock-outs, ${percent(phase.shippingDelayRate)} shipping delays, slower and later delivery`;
	}).join('\n');
}

/** One markdown line per planted anomaly, with the alert it should raise. */
function plantedLines(planted: PlantedAnomaly[], note: (anomaly: PlantedAnomaly) => string): string[] {
	return planted.map(anomaly => `- \`${anomaly.kind}\` — key \`${anomaly.key}\`${anomaly.eventId ? `, event \`${anomaly.eventId}\`` : ''}: ${note(anomaly)}${anomaly.orderIds.length > 0 ? `; orders ${anomaly.orderIds.length <= 2 ? anomaly.orderIds.map(id => `\`${id}\``).join(', ') : `\`${anomaly.orderIds[0]}\` … \`${anomaly.orderIds.at(-1)}\``}` : ''}`);
}

/** What each planted anomaly should raise. */
function alertNote(anomaly: PlantedAnomaly): string {
	const window = `${iso(anomaly.from).slice(11, 19)}–${iso(anomaly.to).slice(11, 19)}`;
	switch (anomaly.kind) {
		case 'velocity': return `${anomaly.count} payments by one customer within ${window} → \`fraud.velocity\``;
		case 'blocked-ip': return `${anomaly.count} blocked payments from one IP within ${window} → \`fraud.blocked-source\``;
		case 'big-amount': return `one payment of ${totalOf(bigBasket).toLocaleString('en-US')} → \`fraud.amount\``;
		case 'notification-spam': return `${anomaly.count} cart reminders to one customer within ${window} → \`rate-limit\``;
		case 'redelivery': return `delivered twice on \`${anomaly.key}\` (same eventId, new offset) → \`duplicate\``;
	}
}

fs.mkdirSync(directory, {recursive: true});

// 1. The e-commerce scenario through all four phases, as the demo source produces it.
const demo = simulatorSource({seed, mode: 'fast'});
const ecommerce: RawEvent[] = [];
for await (const batch of demo.batches()) ecommerce.push(...batch.events);
const planted = demo.planted();
const ecommerceBytes = write('ecommerce.jsonl.gz', [header(fastStartTime, `demo?seed=${seed}`), ...ecommerce.map(event => envelopeLine(event))]);
// Orders that exist only for an anomaly; the big amount and the redeliveries ride on ordinary orders.
const plantedOrders = new Set(planted.flatMap(anomaly => anomaly.kind === 'velocity' || anomaly.kind === 'blocked-ip' ? anomaly.orderIds : []));
const ordinaryOrders = new Map(ecommerce.filter(event => (event.value as Payload).eventType === 'OrderCreated' && !plantedOrders.has(event.key!)).map(event => [event.key!, event.timestamp!]));
const ordersByPhase = tally([...ordinaryOrders.values()].map(time => timeline.at(time).spec.name));

// 2. A checkout saga on a Redis stream.
const redis = redisCheckoutScenario({seed});
const redisBytes = write('checkout-saga.redis.jsonl', [header(redis.events[0]!.timestamp!, 'redis://localhost:6379?streams=ecommerce.checkout.events'), ...redis.events.map(event => envelopeLine(event))]);
const firstCheckout = (outcome: CheckoutOutcome, slow = false) => redis.checkouts.find(checkout => checkout.outcome === outcome && checkout.slowPayment === slow)!;

// 3. Event-sourced claims as bare payload lines (no header: a service's own log).
const claims = claimsScenario({seed});
const claimsBytes = write('claims.jsonl', claims.events.map(event => JSON.stringify(event.value)));
const firstClaim = (outcome: ClaimOutcome) => claims.claims.find(claim => claim.outcome === outcome)!;

// 3b. A claims event store exported as bare envelopes, for `state`.
const store = claimsStoreScenario({seed});
const storeBytes = write('claims-store.jsonl', store.events.map(event => JSON.stringify(event.value)));
const storedClaim = (test: (claim: (typeof store.claims)[number]) => boolean) => store.claims.find(claim => test(claim))!.claimId;

// 4. Fraud among ordinary payments.
const fraud = fraudScenario({seed});
const fraudBytes = write('fraud.jsonl', [header(fraud.events[0]!.timestamp!, `demo?seed=${seed}&scenario=fraud`), ...fraud.events.map(event => envelopeLine(event))]);

const kb = (bytes: number) => `${Math.round(bytes / 1024).toLocaleString('en-US')} KiB`;
const span = (events: RawEvent[]) => `${iso(events[0]!.timestamp!)} – ${iso(Math.max(...events.map(event => event.timestamp!)))}`;
const readme = `# Sample recordings

Generated by \`scripts/make-recordings.ts\` from the built-in simulator (\`source/core/sources/simulator/\`), seed ${seed}.
Regenerate (same bytes every time):

\`\`\`sh
npm run build && node dist/scripts/make-recordings.js
\`\`\`

Formats follow \`docs/recording-format.md\`. Ids carry a run tag derived from the seed and start time
(\`ORD-<tag>-000042\`), so recordings made with another seed or start never share an id.

## ecommerce.jsonl.gz — the demo scenario (${ecommerce.length.toLocaleString('en-US')} events, ${kb(ecommerceBytes)})

What \`pubsub-tools --source demo\` plays, recorded in fast mode (\`simulatorSource({seed: ${seed}, mode: 'fast'})\`): one
${seconds(timeline.cycleMs)} cycle starting ${iso(fastStartTime)} (event time), envelope lines with \`timestamp\` (event time) and
\`recordedAt\` (event time + broker delay), Kafka-like partitions and offsets, keys = order ids. Arrivals are out of
event-time order by up to ~4 s. Phases:

${phaseSummary()}

Ordinary orders per phase: ${defaultPhases.map(phase => `${phase.name} ${ordersByPhase[phase.name]}`).join(', ')} (plus the
${plantedOrders.size} orders of the planted velocity and blocked-IP anomalies).

${countTable('topic', tally(ecommerce.map(event => event.topic!)))}

${countTable('event type', tally(ecommerce.map(event => (event.value as Payload).eventType)))}

Ids worth trying (\`flow analyze recordings/ecommerce.jsonl.gz --id ID\`):

${examples(ecommerce, plantedOrders).map(([id, what]) => `- \`${id}\` — ${what}`).join('\n')}

Planted anomalies (each exactly once; nothing else in the file crosses the fraud, rate-limit or duplicate thresholds):

${plantedLines(planted, alertNote).join('\n')}

The five redeliveries go to two topics, so the \`duplicate\` rule (one alert per topic) fires twice. The
incident also raises \`error-rate\` on \`payment.transactions\` and \`inventory.updates\`, and \`slo.latency\`
on \`orders.created->payment.transactions\` (the slow gateway) and \`customer.notifications->shipping.events\`
(the shipping delays). All four resolve during the recovery, which is sized for that (\`demoPhases\`): the
error rates about two minutes after the incident (1 min window, then 1 min of hysteresis), the latency SLOs
about ten (the incident's slow hops leave the 5 min window, then 5 min of hysteresis).

## checkout-saga.redis.jsonl — a checkout saga on a Redis stream (${redis.events.length} entries, ${kb(redisBytes)})

\`redisCheckoutScenario({seed: ${seed}})\`: ${redis.checkouts.length} checkouts over five minutes (${span(redis.events)}) on the stream
\`ecommerce.checkout.events\`, as \`XREAD\` returns them: \`offset\` is the entry id (\`ms-seq\`), \`timestamp\` its
millisecond part, \`source: "redis"\`, and \`value\` the entry's flat string fields (\`type\`, \`checkout_id\`,
\`order_id\`, \`payment_id\`, \`customer_id\`) with the JSON \`data\` field parsed. \`CheckoutStarted\` carries only
\`checkout_id\`; \`OrderCreated\` carries \`checkout_id\` and \`order_id\`, which joins them.

Outcomes: ${Object.entries(tally(redis.checkouts.map(checkout => checkout.outcome))).map(([outcome, count]) => `${outcome} ${count}`).join(', ')}.

- \`${firstCheckout('completed').checkoutId}\` (order \`${firstCheckout('completed').orderId}\`) — completed: CheckoutStarted → OrderCreated → PaymentAuthorized → InventoryReserved → CheckoutCompleted
- \`${firstCheckout('completed', true).checkoutId}\` — completed with a slow payment (1.5–3 s)
- \`${firstCheckout('payment-failed').checkoutId}\` — PaymentFailed → OrderCancelled
- \`${firstCheckout('out-of-stock').checkoutId}\` — InventoryReservationFailed → PaymentRefunded (compensation) → OrderCancelled
- \`${firstCheckout('hung-after-payment').checkoutId}\` — hangs after PaymentAuthorized
- \`${firstCheckout('hung-after-order').checkoutId}\` — hangs after OrderCreated

A tenth of the payments answer after 1.5–3 s, enough to raise \`slo.latency\` on the stream's own edge
(\`ecommerce.checkout.events->ecommerce.checkout.events\`: one stream, so every hop stays on it).

## claims.jsonl — event-sourced claims, bare payload lines (${claims.events.length} lines, ${kb(claimsBytes)})

\`claimsScenario({seed: ${seed}})\`: ${claims.claims.length} insurance claims opened over 30 minutes from 2026-11-23T09:00Z, one JSON
payload per line with no header and no envelope: \`event_id\`, \`event_type\`, \`aggregate_id\` (\`claim_NNNNN\`),
\`version\`, \`data\`, \`timestamp\` (ISO with \`+00:00\`), \`correlation_id\` (\`trace_xxxxxx\`). With no topic, flow
nodes are the event types. Lines are in arrival order: a few are seconds late, out of event-time order.

Outcomes: ${Object.entries(tally(claims.claims.map(claim => claim.outcome))).map(([outcome, count]) => `${outcome} ${count}`).join(', ')}.

- \`${firstClaim('paid').claimId}\` / \`${firstClaim('paid').correlationId}\` — ReclamationCreee → PiecesJustificativesRecues → ExpertiseDemandee → ExpertiseRealisee → ReclamationValidee → IndemnisationVersee → ReclamationCloturee
- \`${firstClaim('rejected').claimId}\` — ReclamationRejetee (\`data.status: rejected\`, an error)
- \`${firstClaim('paid-after-retry').claimId}\` — IndemnisationEchouee (\`data.status: failed\`), then paid
- \`${firstClaim('stuck-in-expertise').claimId}\` — stuck after ExpertiseDemandee
- event \`${claims.redeliveredEventId}\` (claim \`${claims.claims[3]!.claimId}\`) is delivered twice (→ \`duplicate\`)

## claims-store.jsonl — a claims event store, bare envelopes (${store.events.length} lines, ${kb(storeBytes)})

\`claimsStoreScenario({seed: ${seed}})\`: ${store.claims.length} claims opened over four hours from 2026-11-23T09:00Z, exported from an
event store as bare envelopes \`{"event_id", "event_type", "aggregate_id", "data", "timestamp", "correlation_id"}\`
(\`data.client_id\` is one of six clients). Lifecycle: ${claimLifecycle.join(' → ')}, steps 5–50
minutes apart; the claims stop at every step (${tally(store.claims.map(claim => claimLifecycle[claim.reached]!)).ReclamationCloturee} closed). Lines are in event-time
order except a few exported up to 20 minutes late; one event (\`${store.exportedTwiceEventId}\`) is exported twice.
For \`pubsub-tools state\`:

- \`${storedClaim(claim => claim.breaks === 'skips-a-step')}\` — ReclamationResolue right after ReclamationCreee (not allowed, flagged), then assigned as it should be
- \`${storedClaim(claim => claim.breaks === 'after-closing')}\` — ReclamationEnCours after ReclamationCloturee (after a final state, flagged)
- \`${storedClaim(claim => claim.reached === 2 && !claim.breaks)}\` — in progress (ReclamationEnCours); \`state --stuck 2h\` lists the claims left short of closing

## fraud.jsonl — fraud among ordinary payments (${fraud.events.length.toLocaleString('en-US')} events, ${kb(fraudBytes)})

\`fraudScenario({seed: ${seed}})\`: ten minutes (${span(fraud.events)}) of \`payment.transactions\` only: 2 payments/s
(~1 % declined), a third followed by a \`FraudCheckCompleted\` that carries only \`transactionId\`.

Planted (each should raise exactly one alert):

${plantedLines(fraud.planted, alertNote).join('\n')}

Decoys just below each threshold (an alert on any of them is a false positive):

${plantedLines(fraud.decoys, anomaly => anomaly.kind === 'big-amount' ? 'one payment of 9,999.99 (< 10,000)' : `${anomaly.count} ${anomaly.kind === 'velocity' ? 'payments by one customer (not more than 5 in 60 s)' : 'blocked payments from one IP (fewer than 10)'}`).join('\n')}
`;
const sagas = writeSagaRecordings(directory);
fs.writeFileSync(path.join(directory, 'README.md'), `${readme}${sagaReadme}`);
process.stdout.write(`wrote ${directory}: ecommerce ${ecommerce.length} events (${kb(ecommerceBytes)}), redis ${redis.events.length}, claims ${claims.events.length}, claims store ${store.events.length}, fraud ${fraud.events.length}\n${sagas.join('\n')}\n`);
