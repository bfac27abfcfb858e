// The audit record of a transaction: its event chain, a SHA-256 hash chain over it, personal data masked across the
// transaction (personal-data.ts).
import {createHash} from 'node:crypto';
import type {FieldConfig} from '../config.js';
import type {Envelope, ValueEncoding} from '../envelope.js';
import {numbersAt, sentNumbers} from '../json-as-sent.js';
import type {JsonPath, NumberText} from '../pretty-json.js';
import {transactionMask} from '../personal-data.js';
import {viewValues} from './transaction-values.js';
import type {TransactionView} from './transaction.js';
import type {Stepped} from './steps.js';

/** One link of the audited chain. */
export type AuditEntry = {
	seq: number;
	/** Null for an event read without a topic (a bare payload line). */
	topic: string | null;
	type: string;
	status: string;
	/** Null for an event without an event time. */
	timestamp: string | null;
	receivedAt: string;
	latencyMs?: number;
	/** SHA-256 of the previous link's hash and this event's canonical JSON. */
	hash: string;
	value: unknown;
	/** How `value` holds the payload when it is not plain JSON (`json-deep`: its JSON text, too deep to walk). */
	valueEncoding?: ValueEncoding;
	/** The Schema Registry schema id of a value sent in its wire format. */
	schemaId?: number;
};

/** The audit of one transaction. */
export type AuditRecord = {
	id: string;
	ids: string[];
	events: number;
	/** It reached the size cap (transactions.maxEvents): events that share its ids are not all in it. */
	capped: boolean;
	/** Null when no event of the transaction has an event time. */
	firstEventAt: string | null;
	lastEventAt: string | null;
	totalProcessingMs?: number;
	outcome: TransactionView['outcome'];
	/** Hash of the last link: changes if any event, or their order, changes. */
	chainSha256: string;
	piiMasked: boolean;
	chain: AuditEntry[];
};

/** JSON with object keys sorted, so the same event always hashes the same. */
export function canonicalJson(value: unknown, numberText: NumberText = String, path: JsonPath = []): string {
	if (typeof value === 'number') return Number.isFinite(value) ? numberText(value, path) : 'null';
	if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
	if (Array.isArray(value)) return `[${value.map((item, index) => canonicalJson(item, numberText, [...path, index])).join(',')}]`;
	const entries = Object.entries(value as Record<string, unknown>).filter(([, item]) => item !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
	return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item, numberText, [...path, key])}`).join(',')}}`;
}

/**
 * How the numbers of an audit record of `view` are written (its JSON and the compliance report): each event's
 * value's as that event sent them, an integer beyond 2^53 with its own digits (json-as-sent.ts).
 */
export function auditNumbers(view: TransactionView): NumberText {
	const perEvent = view.steps.map((step, index) => numbersAt(['chain', index, 'value'], sentNumbers(step.event)));
	return (value, path) => (path[0] === 'chain' ? perEvent[path[1] as number]?.(value, path) : undefined) ?? String(value);
}

/** What of an event is hashed: its identity and content, never the store-local seq or arrival time. */
function hashedPart(event: Envelope) {
	return {topic: event.topic, partition: event.partition, offset: event.offset, key: event.key, type: event.type, timestamp: event.timestamp, value: event.value};
}

/**
 * Build the audit record; the hash chain is over the unmasked events, so masking never changes it (auditNumbers
 * writes its numbers). Stepped work (steps.ts): it yields after each event.
 */
export function * auditRecord(id: string, view: TransactionView, options: {showPii: boolean; fields: FieldConfig}): Stepped<AuditRecord> {
	let previous = '';
	// A personal value of any event of the transaction (its value or a header) is masked where another event's text repeats it.
	const mask = options.showPii ? undefined : transactionMask(options.fields, viewValues(view));
	const chain: AuditEntry[] = [];
	for (const step of view.steps) {
		const {event} = step;
		// An integer beyond 2^53 is hashed with its digits: two values a double cannot tell apart hash apart.
		previous = createHash('sha256').update(previous).update(canonicalJson(hashedPart(event), numbersAt(['value'], sentNumbers(event)))).digest('hex');
		chain.push({
			seq: event.seq,
			topic: event.topic ?? null,
			type: event.type,
			status: event.status,
			timestamp: event.timestamp === undefined ? null : new Date(event.timestamp).toISOString(),
			receivedAt: new Date(event.receivedAt).toISOString(),
			latencyMs: step.latencyMs,
			hash: previous,
			value: mask ? mask(event.value) : event.value,
			valueEncoding: event.valueEncoding === 'json' ? undefined : event.valueEncoding,
			schemaId: event.schemaId,
		});
		yield;
	}

	const times = view.steps.map(step => step.event.timestamp).filter((time): time is number => time !== undefined);
	return {
		id,
		ids: view.ids,
		events: chain.length,
		capped: view.capped,
		firstEventAt: times.length > 0 ? new Date(Math.min(...times)).toISOString() : null,
		lastEventAt: times.length > 0 ? new Date(Math.max(...times)).toISOString() : null,
		totalProcessingMs: view.totalMs,
		outcome: view.outcome,
		chainSha256: previous || createHash('sha256').digest('hex'),
		piiMasked: !options.showPii,
		chain,
	};
}
