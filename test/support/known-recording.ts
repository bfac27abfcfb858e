// A small recording whose every answer is known: counts, nearest-rank percentiles, hops, a joined transaction.
import fs from 'node:fs';
import path from 'node:path';
import {beforeAll} from 'vitest';
import {useTempDir} from './temp-dir.js';

const t0 = Date.UTC(2026, 10, 21, 10, 0, 0);
const iso = (ms: number) => new Date(ms).toISOString();

/** The expected answers for knownRecordingLines(). */
export const known = {
	events: 301,
	malformed: 2,
	malformedLines: [3, 10],
	duplicates: 1,
	topics: {
		'orders.created': {count: 100, delivery: {p50: 50, p95: 95, p99: 99}},
		'payment.transactions': {count: 101, delivery: {p50: 5, p95: 5, p99: 5}},
		'fraud.checks': {count: 100, delivery: {p50: 7, p95: 7, p99: 7}},
	},
	/** Overall delivery over 300 non-duplicate values: 1..100, 100 × 5, 100 × 7. */
	delivery: {p50: 7, p95: 85, p99: 97},
	edges: {
		'orders.created->payment.transactions': {count: 100, p50: 20, p95: 20, p99: 20},
		'payment.transactions->fraud.checks': {count: 100, p50: 10, p95: 10, p99: 10},
	},
};

/**
 * The lines: per order i, OrderCreated (delivery i+1 ms), a payment carrying orderId + transactionId 20 ms later,
 * and a fraud check carrying only the transactionId 10 ms after that — which ARRIVES FIRST for every third order
 * (out of event-time order, joined through the second id). Plus one redelivered payment and two bad lines.
 */
export function knownRecordingLines(): string[] {
	const lines = [JSON.stringify({$recording: {version: 1, createdAt: iso(t0), source: 'test'}})];
	lines.push('');
	lines.push('this is not json');
	for (let i = 0; i < 100; i++) {
		const created = t0 + i * 1000;
		const order = {topic: 'orders.created', partition: 0, offset: String(i), value: {eventType: 'OrderCreated', eventId: `o-${i}`, orderId: `ORD-${i}`, customerId: `C-${i}`, amount: 10 + i, timestamp: iso(created)}, timestamp: iso(created), recordedAt: iso(created + i + 1)};
		const payment = {topic: 'payment.transactions', partition: 0, offset: String(i), value: {eventType: 'PaymentAuthorized', eventId: `p-${i}`, orderId: `ORD-${i}`, transactionId: `TXN-${i}`, customerId: `C-${i}`, status: 'authorized', timestamp: iso(created + 20)}, timestamp: iso(created + 20), recordedAt: iso(created + 25)};
		const fraud = {topic: 'fraud.checks', partition: 0, offset: String(i), value: {eventType: 'FraudCheckPassed', eventId: `f-${i}`, transactionId: `TXN-${i}`, timestamp: iso(created + 30)}, timestamp: iso(created + 30), recordedAt: iso(created + 37)};
		const ordered = i % 3 === 0 ? [order, fraud, payment] : [order, payment, fraud];
		lines.push(...ordered.map(line => JSON.stringify(line)));
		if (i === 1) lines.push('[1, 2, 3]');
		if (i === 50) lines.push(JSON.stringify({...payment, offset: '1000', recordedAt: iso(created + 26)}));
	}

	return lines;
}

/** Write the known recording into `dir`; returns its path. */
export function writeKnownRecording(dir: string, name = 'known.jsonl'): string {
	const file = path.join(dir, name);
	fs.writeFileSync(file, `${knownRecordingLines().join('\n')}\n`);
	return file;
}

/** For the tests of one file: a temporary directory (`prefix` names it) holding the known recording, removed after them. */
export function useKnownRecording(prefix: string): {dir: string; file: string} {
	const temp = useTempDir(prefix);
	const recording = {dir: '', file: ''};
	beforeAll(() => {
		recording.dir = temp.path;
		recording.file = writeKnownRecording(temp.path);
	});
	return recording;
}
