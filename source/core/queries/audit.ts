// The audit record of a transaction: its event chain, a SHA-256 hash chain over it, and PII masking.
import {createHash} from 'node:crypto';
import type {FieldConfig} from '../config.js';
import type {Envelope, ValueEncoding} from '../envelope.js';
import {numbersAt, sentNumbers} from '../json-as-sent.js';
import type {JsonPath, NumberText} from '../pretty-json.js';
import type {TransactionView} from './transaction.js';
import type {Stepped} from './steps.js';

/** One link of the audited chain. */
export type AuditEntry = {
	seq: number;
	topic?: string;
	type: string;
	status: string;
	timestamp?: string;
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
	firstEventAt?: string;
	lastEventAt?: string;
	totalProcessingMs?: number;
	outcome: TransactionView['outcome'];
	/** Hash of the last link: changes if any event, or their order, changes. */
	chainSha256: string;
	piiMasked: boolean;
	chain: AuditEntry[];
};

const emailPattern = /[\w.+-]+@[\w-]+(\.[\w-]+)+/g;
const cardPattern = /\b(?:\d[ -]?){12,18}\d\b/g;
const piiNames = /^(e-?mail|email_?address|phone|phone_?number|card_?number|cardNumber|pan|iban|ssn|name|first_?name|last_?name|full_?name|address|dob|birthday)$/i;
/**
 * A personal field named with its owner or kind (`guestName`, `guest_email`, `holderPhone`, `billingAddress`): its
 * last word is an email, phone or address, or a name after a word for a person.
 */
const piiCompoundNames = /(?:e-?mail|phone|mobile|address)$|(?:guest|customer|client|user|holder|passenger|traveler|traveller|contact|given|family|middle|patient|recipient|sender|owner|buyer|person)[-_]?name$|passport(?:[-_]?(?:number|no|id))?$|(?:date[-_]?of[-_]?birth|birth[-_]?date)$|(?:national|tax)[-_]?id$|licen[cs]e[-_]?(?:number|no)$/i;
/** An IPv4 address written inside text (`called from 10.1.2.3`). */
const ipv4Pattern = /\b(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)\b/g;
/** An IPv6 address written inside text (`login from 2001:db8::7334`): eight groups, or fewer around `::`. */
const ipv6Pattern = /(?<![\w:])(?:(?:[\da-f]{1,4}:){7}[\da-f]{1,4}|(?:[\da-f]{1,4}:){1,7}:(?:[\da-f]{1,4}(?::[\da-f]{1,4}){0,6})?|::[\da-f]{1,4}(?::[\da-f]{1,4}){0,6})(?![\w:])/gi;
/** Fields whose whole value is a credential: masked entirely, whatever it looks like. */
const credentialNames = /pass(word|wd|phrase)?$|secret|token|api[-_]?key|authorization|credential|private[-_]?key/i;
/**
 * Fields holding a card's security code or a PIN, masked entirely: the code as a name or after a separator or a
 * lower-case letter when capitalized (`cvv`, `card_CVC`, `cardPin`), never inside a word (`spin`, `shipping`).
 */
const cardCodeNames = /(?:^|[-_])(?:cvv2?|cvc2?|csc|pin|CVV2?|CVC2?|CSC|PIN)$|[a-z](?:Cvv2?|Cvc2?|Csc|Pin|CVV2?|CVC2?|CSC|PIN)$|[sS]ecurity[-_]?[cC]ode$/;
/** A credential written inside text (`password=hunter2`, `token: abc`, `Bearer abc`): the part after it is masked. */
const credentialInText = /\b((?:pass(?:word|wd)?|secret|token|api[-_]?key|bearer)\b\s*[=:]?\s*)[^\s&,;"']+/gi;

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

/** Mask a PII string, keeping its shape recognisable: `C-1042` → `C-***2`, an email → `j***@example.com`. */
export function maskValue(text: string): string {
	if (text.includes('@')) return text.replace(emailPattern, email => `${email[0]}***${email.slice(email.indexOf('@'))}`);
	if (text.length <= 2) return '***';
	return `${text.slice(0, Math.min(2, text.length - 2))}***${text.slice(-1)}`;
}

/**
 * Whether an integer could be a card number: 13 to 16 digits (a safe integer), led by 2 to 6 as the card networks'
 * are, passing the Luhn check as every card number does. Epoch times in ms, µs or ns are led by 1 (until 2033 in ms),
 * so a time under any field name is never taken for one.
 */
function cardShaped(value: number): boolean {
	if (!Number.isSafeInteger(value) || value < 1e12) return false;
	const lead = Number(String(value)[0]);
	if (lead < 2 || lead > 6) return false;
	let sum = 0;
	for (const [index, digit] of [...String(value)].reverse().entries()) {
		const weighted = Number(digit) * (index % 2 === 1 ? 2 : 1);
		sum += weighted > 9 ? weighted - 9 : weighted;
	}

	return sum % 10 === 0;
}

/** Whether a field of this name holds personal data whatever its value looks like. */
const personalKey = (key: string, sensitive: ReadonlySet<string>) => sensitive.has(key) || piiNames.test(key) || piiCompoundNames.test(key);

/** A deep copy of a value with customer ids, IPs, emails, card numbers, personal fields and credentials masked. */
export function maskPii(value: unknown, fields: FieldConfig): unknown {
	const sensitive = new Set([...fields.customer, ...fields.recipient, ...fields.ip]);
	// Fields whose numbers are times (epoch ms has 13 digits) or ids, never card numbers.
	const notCards = new Set([...fields.time, ...fields.ids, ...fields.eventId]);
	const walk = (node: unknown, key?: string): unknown => {
		if (key !== undefined && (credentialNames.test(key) || cardCodeNames.test(key)) && (typeof node === 'string' || typeof node === 'number')) return '***';
		if (typeof node === 'string') {
			if (key !== undefined && personalKey(key, sensitive)) return maskValue(node);
			return node
				.replace(credentialInText, '$1***')
				.replace(emailPattern, email => maskValue(email))
				.replace(cardPattern, card => `****${card.replace(/\D/g, '').slice(-4)}`)
				.replace(ipv4Pattern, ip => maskValue(ip))
				.replace(ipv6Pattern, ip => maskValue(ip));
		}

		if (typeof node === 'number' && key !== undefined && personalKey(key, sensitive)) return '***';
		// A card number sent as a JSON number (a safe integer: card numbers have at most 16 digits in practice).
		if (typeof node === 'number' && !(key !== undefined && notCards.has(key)) && cardShaped(node)) return `****${String(node).slice(-4)}`;
		if (Array.isArray(node)) return node.map(item => walk(item));
		if (node && typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([name, item]) => [name, walk(item, name)]));
		return node;
	};

	return walk(value);
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
	const chain: AuditEntry[] = [];
	for (const step of view.steps) {
		const {event} = step;
		// An integer beyond 2^53 is hashed with its digits: two values a double cannot tell apart hash apart.
		previous = createHash('sha256').update(previous).update(canonicalJson(hashedPart(event), numbersAt(['value'], sentNumbers(event)))).digest('hex');
		chain.push({
			seq: event.seq,
			topic: event.topic,
			type: event.type,
			status: event.status,
			timestamp: event.timestamp === undefined ? undefined : new Date(event.timestamp).toISOString(),
			receivedAt: new Date(event.receivedAt).toISOString(),
			latencyMs: step.latencyMs,
			hash: previous,
			value: options.showPii ? event.value : maskPii(event.value, options.fields),
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
		firstEventAt: times.length > 0 ? new Date(Math.min(...times)).toISOString() : undefined,
		lastEventAt: times.length > 0 ? new Date(Math.max(...times)).toISOString() : undefined,
		totalProcessingMs: view.totalMs,
		outcome: view.outcome,
		chainSha256: previous || createHash('sha256').digest('hex'),
		piiMasked: !options.showPii,
		chain,
	};
}
