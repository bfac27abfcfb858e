// The scenarios behind the sample recordings (Redis checkout saga, claims, fraud) and the committed files themselves.
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import {afterAll, describe, expect, it} from 'vitest';
import type {RawEvent} from '../../../../source/core/envelope.js';
import {redisCheckoutScenario, checkoutStream} from '../../../../source/core/sources/simulator/redis.js';
import {claimsScenario} from '../../../../source/core/sources/simulator/claims.js';
import {claimLifecycle, claimsStoreScenario} from '../../../../source/core/sources/simulator/claims-store.js';
import {fraudScenario} from '../../../../source/core/sources/simulator/fraud.js';
import {firstDeliveries, isPayment, keysReaching, maxInWindow, payloadOf, statusOf} from './checks.js';

const root = path.resolve(import.meta.dirname, '../../../..');
const fields = (event: RawEvent) => event.value as Record<string, unknown> & {type: string; checkout_id: string; order_id?: string; payment_id?: string; data: Record<string, unknown>};

describe('redisCheckoutScenario', () => {
	const {events, checkouts} = redisCheckoutScenario({seed: 42});

	it('is deterministic per seed', () => {
		expect(JSON.stringify(redisCheckoutScenario({seed: 42}))).toBe(JSON.stringify({events, checkouts}));
		expect(JSON.stringify(redisCheckoutScenario({seed: 43}).events)).not.toBe(JSON.stringify(events));
	});

	it('looks like XREAD output: one stream, increasing ms-seq entry ids of the event time, arrival in id order', () => {
		expect(new Set(events.map(event => `${event.source} ${event.topic}`))).toEqual(new Set([`redis ${checkoutStream}`]));
		const ids = events.map(event => event.offset!.split('-').map(Number) as [number, number]);
		expect(ids.filter(([ms], i) => ms !== events[i]!.timestamp)).toEqual([]);
		expect(ids.filter((id, i) => i > 0 && !(id[0] > ids[i - 1]![0] || (id[0] === ids[i - 1]![0] && id[1] === ids[i - 1]![1] + 1)))).toEqual([]);
		expect(events.filter((event, i) => event.receivedAt! < event.timestamp! || (i > 0 && event.receivedAt! < events[i - 1]!.receivedAt!))).toEqual([]);
	});

	it('holds flat string fields and a parsed data object with the event time', () => {
		for (const event of events) {
			const {data, ...flat} = fields(event);
			expect(Object.values(flat).every(value => typeof value === 'string')).toBe(true);
			expect(Date.parse(data.occurred_at as string)).toBe(event.timestamp);
		}
	});

	it('links CheckoutStarted (checkout_id only) to the order through OrderCreated, and follows each outcome', () => {
		const expected = {
			completed: ['CheckoutStarted', 'OrderCreated', 'PaymentAuthorized', 'InventoryReserved', 'CheckoutCompleted'],
			'payment-failed': ['CheckoutStarted', 'OrderCreated', 'PaymentFailed', 'OrderCancelled'],
			'out-of-stock': ['CheckoutStarted', 'OrderCreated', 'PaymentAuthorized', 'InventoryReservationFailed', 'PaymentRefunded', 'OrderCancelled'],
			'hung-after-order': ['CheckoutStarted', 'OrderCreated'],
			'hung-after-payment': ['CheckoutStarted', 'OrderCreated', 'PaymentAuthorized'],
		};
		for (const checkout of checkouts) {
			const own = events.filter(event => fields(event).checkout_id === checkout.checkoutId);
			expect(own.map(event => fields(event).type)).toEqual(expected[checkout.outcome]);
			expect(Object.keys(fields(own[0]!)).filter(key => key.endsWith('_id'))).toEqual(['checkout_id', 'customer_id']);
			expect(own.slice(1).every(event => fields(event).order_id === checkout.orderId)).toBe(true);
			expect(own.filter(event => fields(event).type.startsWith('Payment')).every(event => fields(event).payment_id === checkout.paymentId)).toBe(true);
		}

		expect(new Set(checkouts.map(checkout => checkout.outcome)).size).toBe(5);
		expect(checkouts.some(checkout => checkout.slowPayment && checkout.outcome === 'completed')).toBe(true);
	});
});

describe('claimsScenario', () => {
	const {events, claims, redeliveredEventId} = claimsScenario({seed: 42});
	const values = events.map(event => event.value as Record<string, unknown> & {event_id: string; event_type: string; aggregate_id: string; version: number; timestamp: string; correlation_id: string});

	it('is deterministic per seed', () => {
		expect(JSON.stringify(claimsScenario({seed: 42}))).toBe(JSON.stringify({events, claims, redeliveredEventId}));
		expect(JSON.stringify(claimsScenario({seed: 1}).events)).not.toBe(JSON.stringify(events));
	});

	it('writes bare event-sourcing payloads with no topic or envelope times', () => {
		expect(events.every(event => event.topic === undefined && event.timestamp === undefined && event.receivedAt === undefined)).toBe(true);
		expect(new Set(values.map(value => Object.keys(value).join(',')))).toEqual(new Set(['event_id,event_type,aggregate_id,version,data,timestamp,correlation_id']));
		expect(values.every(value => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$/.test(value.timestamp))).toBe(true);
	});

	it('keeps one correlation id per claim and versions in event-time order, with each outcome', () => {
		expect(new Set(claims.map(claim => claim.correlationId)).size).toBe(claims.length);
		const unique = values.filter((value, i) => values.findIndex(other => other.event_id === value.event_id) === i);
		for (const claim of claims) {
			const own = unique.filter(value => value.aggregate_id === claim.claimId).sort((a, b) => Date.parse(a.timestamp) - Date.parse(b.timestamp));
			expect(own.every(value => value.correlation_id === claim.correlationId)).toBe(true);
			expect(own.map(value => value.version)).toEqual(own.map((_, i) => i + 1));
			const types = own.map(value => value.event_type);
			expect(types[0]).toBe('ReclamationCreee');
			expect(types.at(-1)).toBe(claim.outcome === 'stuck-in-expertise' ? 'ExpertiseDemandee' : 'ReclamationCloturee');
			expect(types.includes('ReclamationRejetee')).toBe(claim.outcome === 'rejected');
			expect(types.includes('IndemnisationEchouee')).toBe(claim.outcome === 'paid-after-retry');
		}
	});

	it('delivers one payload twice and a few out of event-time order by under 5 s', () => {
		const counts = new Map<string, number>();
		for (const value of values) counts.set(value.event_id, (counts.get(value.event_id) ?? 0) + 1);
		expect([...counts].filter(([, count]) => count > 1)).toEqual([[redeliveredEventId, 2]]);
		let newest = 0;
		const lateness: number[] = [];
		for (const value of values) {
			const time = Date.parse(value.timestamp);
			if (time < newest) lateness.push(newest - time);
			newest = Math.max(newest, time);
		}

		expect(lateness.length).toBeGreaterThan(0);
		expect(Math.max(...lateness)).toBeLessThan(5000);
	});
});

describe('fraudScenario', () => {
	const {events, planted, decoys} = fraudScenario({seed: 42});
	const payments = firstDeliveries(events).filter(event => isPayment(event));
	const ofKind = (list: typeof planted, kind: string) => list.find(anomaly => anomaly.kind === kind)!;

	it('has only payment events, fraud checks carrying only the transaction id', () => {
		expect(new Set(events.map(event => event.topic))).toEqual(new Set(['payment.transactions']));
		const checks = events.filter(event => payloadOf(event).eventType === 'FraudCheckCompleted');
		expect(checks.length).toBeGreaterThan(300);
		expect(checks.every(event => payloadOf(event).orderId === undefined && payloadOf(event).customerId === undefined)).toBe(true);
	});

	it('fires each fraud condition on exactly the planted key and on no decoy', () => {
		expect(keysReaching(payments, event => payloadOf(event).customerId, 60_000, 6)).toEqual([ofKind(planted, 'velocity').key]);
		const blocked = payments.filter(event => statusOf(event) === 'blocked');
		expect(keysReaching(blocked, event => payloadOf(event).ip as string, 300_000, 10)).toEqual([ofKind(planted, 'blocked-ip').key]);
		const big = payments.filter(event => Number(payloadOf(event).amount) >= 10_000);
		expect(big.map(event => payloadOf(event).transactionId)).toEqual([ofKind(planted, 'big-amount').key]);
	});

	it('places the decoys just below each threshold', () => {
		const velocity = payments.filter(event => payloadOf(event).customerId === ofKind(decoys, 'velocity').key).map(event => event.timestamp!);
		expect(maxInWindow(velocity, 60_000)).toBe(5);
		expect(payments.filter(event => payloadOf(event).ip === ofKind(decoys, 'blocked-ip').key && statusOf(event) === 'blocked')).toHaveLength(9);
		const nearBig = payments.find(event => payloadOf(event).transactionId === ofKind(decoys, 'big-amount').key)!;
		expect(payloadOf(nearBig).amount).toBe(9999.99);
	});
});

describe('claimsStoreScenario', () => {
	const {events, claims, exportedTwiceEventId} = claimsStoreScenario({seed: 42});
	const values = events.map(event => event.value as {event_id: string; event_type: string; aggregate_id: string; timestamp: string; data: Record<string, unknown>});

	it('is the same for the same seed and differs for another', () => {
		expect(JSON.stringify(claimsStoreScenario({seed: 42}))).toBe(JSON.stringify({events, claims, exportedTwiceEventId}));
		expect(JSON.stringify(claimsStoreScenario({seed: 1}).events)).not.toBe(JSON.stringify(events));
	});

	it('leaves claims at every step, plants two breaks, exports one event twice and a few late', () => {
		expect(new Set(claims.map(claim => claim.reached))).toEqual(new Set([0, 1, 2, 3, 4]));
		expect(claims.filter(claim => claim.breaks).map(claim => claim.breaks)).toEqual(['skips-a-step', 'after-closing']);
		expect(values.filter(value => value.event_id === exportedTwiceEventId)).toHaveLength(2);
		expect(new Set(values.map(value => value.event_id)).size).toBe(values.length - 1);
		const late = values.filter((value, index) => index > 0 && Date.parse(value.timestamp) < Date.parse(values[index - 1]!.timestamp));
		expect(late.length).toBeGreaterThan(0);
		for (const claim of claims) {
			const types = values.filter(value => value.aggregate_id === claim.claimId).sort((a, b) => Date.parse(a.timestamp) - Date.parse(b.timestamp)).map(value => value.event_type);
			const lifecycle = claimLifecycle.slice(0, claim.reached + 1);
			if (claim.breaks === 'skips-a-step') expect(types).toEqual([lifecycle[0], 'ReclamationResolue', ...lifecycle.slice(1)]);
			else if (claim.breaks === 'after-closing') expect(types).toEqual([...lifecycle, 'ReclamationEnCours']);
			else expect([...new Set(types)]).toEqual(lifecycle);
			expect(values.find(value => value.aggregate_id === claim.claimId)!.data.client_id).toBe(claim.clientId);
		}
	});
});

describe('committed recordings', () => {
	const fresh = fs.mkdtempSync(path.join(os.tmpdir(), 'recordings-'));
	afterAll(() => {
		fs.rmSync(fresh, {recursive: true, force: true});
	});

	it('are exactly what scripts/make-recordings writes (regenerated line for line)', () => {
		execFileSync(process.execPath, [path.join(root, 'dist/scripts/make-recordings.js'), fresh]);
		const names = fs.readdirSync(fresh).sort();
		expect(names).toEqual(['README.md', 'checkout-saga.redis.jsonl', 'checkout.jsonl', 'claims-store.jsonl', 'claims.jsonl', 'ecommerce.jsonl.gz', 'fraud.jsonl', 'parcel.jsonl', 'ride-booking.jsonl']);
		// Compare what gzip holds, not its bytes: another zlib build may compress the same text differently.
		const text = (file: string) => (file.endsWith('.gz') ? zlib.gunzipSync(fs.readFileSync(file)) : fs.readFileSync(file)).toString('utf8');
		for (const name of names) expect(text(path.join(fresh, name)) === text(path.join(root, 'recordings', name)), name).toBe(true);
	});

	it('follow the recording format: a header, then envelope lines with event time and recordedAt', () => {
		const lines = zlib.gunzipSync(fs.readFileSync(path.join(root, 'recordings/ecommerce.jsonl.gz'))).toString('utf8').trimEnd().split('\n').map(line => JSON.parse(line) as Record<string, unknown>);
		expect(lines[0]).toEqual({$recording: {version: 1, createdAt: '2026-11-27T08:00:00.000Z', source: 'demo?seed=42'}});
		const envelopes = lines.slice(1);
		expect(envelopes.length).toBeGreaterThan(20_000);
		expect(fs.statSync(path.join(root, 'recordings/ecommerce.jsonl.gz')).size).toBeLessThan(2 * 1024 * 1024);
		expect(envelopes.filter(line => !(typeof line.topic === 'string' && typeof line.value === 'object' && typeof line.offset === 'string'
			&& Date.parse(line.recordedAt as string) > Date.parse(line.timestamp as string) && line.source === 'demo'))).toEqual([]);
		const claims = fs.readFileSync(path.join(root, 'recordings/claims.jsonl'), 'utf8').trimEnd().split('\n').map(line => JSON.parse(line) as Record<string, unknown>);
		expect(claims.every(line => line.topic === undefined && typeof line.event_type === 'string')).toBe(true);
	});
});
