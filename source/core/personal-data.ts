// Personal data: the one rule that says which parts of a message are personal (built-in field names, the config's
// fields.customer, fields.recipient, fields.ip and fields.personal, and what text looks like: emails, card numbers,
// IPs, credentials) and the masking every output that promises it applies (`audit query`, `state --id`, `check`
// evidence, the sagas plugin's failure reasons).
import type {FieldConfig} from './config.js';
import {exactInteger, isInexactInteger} from './exact-integer.js';
import {jsonRecordIn} from './fields.js';
import {prettyJson, RawJson} from './pretty-json.js';

/** What masking hides, as the outputs that mask say it. */
export const maskedData = 'customer ids, IPs, emails, card numbers and codes, names, phones, addresses, identity documents, dates of birth, credentials, fields.personal';

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

/** Mask a PII string, keeping its shape recognisable: `C-1042` → `C-***2`, an email → `j***@example.com`. */
export function maskValue(text: string): string {
	if (text.includes('@')) return text.replace(emailPattern, email => `${email[0]}***${email.slice(email.indexOf('@'))}`);
	if (text.length <= 2) return '***';
	return `${text.slice(0, Math.min(2, text.length - 2))}***${text.slice(-1)}`;
}

/**
 * Text under a name that is not personal (a failure's reason, a log line) with the emails, card numbers, IPs and
 * credentials written in it masked: `declined for jane@example.com` → `declined for j***@example.com`.
 */
export const maskInText = (text: string): string => text
	.replace(credentialInText, '$1***')
	.replace(emailPattern, email => maskValue(email))
	.replace(cardPattern, card => `****${card.replace(/\D/g, '').slice(-4)}`)
	.replace(ipv4Pattern, ip => maskValue(ip))
	.replace(ipv6Pattern, ip => maskValue(ip));

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

/**
 * The field names config `fields.personal` adds, as one case-insensitive test of a whole name (each entry is a
 * regular expression; a plain name matches itself); undefined when it adds none.
 */
function configuredPersonal(patterns: readonly string[]): RegExp | undefined {
	return patterns.length === 0 ? undefined : new RegExp(`^(?:${patterns.map(pattern => `(?:${pattern})`).join('|')})$`, 'i');
}

/** A path in a masked copy as the value it was masked from names it (its masked member names as sent). */
type SentPath = (path: ReadonlyArray<string | number>) => Array<string | number>;

/**
 * The JSON of `masked` (a masked copy of what the JSON text `sent` holds), its integers beyond 2^53 with the digits of
 * `sent`, found there at the path `sentPath` gives.
 */
function jsonAsSent(masked: unknown, sent: string, sentPath: SentPath): string {
	const text = {text: sent};
	return prettyJson(masked, '', (value, path) => (isInexactInteger(value) ? exactInteger(text, sentPath(path)) : undefined) ?? String(value))!;
}

/**
 * A name as headers write it (`X-Customer-Id`, `customer-email`) as fields do (`customer_id`, `customer_email`): no
 * `x-` prefix, dashes as underscores, lower case; personal when that is a personal field's name.
 */
const asFieldName = (name: string) => name.replace(/^x-/i, '').replaceAll('-', '_').toLowerCase();

/** How a value is masked: a credential entirely, a personal field keeping its shape, anything else where its text shows it. */
type Kind = 'credential' | 'personal' | undefined;

/** Member names whose masked reading a masking keeps at most (createMasking's `namesMasked`). */
const maxNamesKept = 10_000;

/** Personal values shorter than this are not looked for in other texts: a two-letter name would mask words. */
const minRepeatedLength = 4;

/**
 * The masking of personal data under `fields` (a deep copy of a value with customer ids, IPs, emails, card numbers,
 * personal fields and credentials masked). Everything inside a personal or credential field is masked (an
 * `address` object's street and city); a member written as the JSON the event sent (RawJson, an integer beyond
 * 2^53 in it) is masked by the same rule and keeps its digits. A personal or credential value of `whole` (the event
 * the value is part of; default the value itself) written again in a text elsewhere (`note: "customer C-1042"`) is
 * masked there as in its own field, as a whole word.
 */
export function personalDataMask(fields: FieldConfig): (value: unknown, whole?: unknown) => unknown {
	const masking = createMasking(fields);
	return (value, whole = value) => masking.mask(value, masking.collected([whole]));
}

/**
 * The masking of personalDataMask for the values of one transaction or aggregate (`wholes`: each of its events'
 * values): a personal value of any of them written in a text of another (`note: "refund for C-9999"` after an event
 * whose customerId is C-9999) is masked there too. The personal values are collected once.
 */
export function transactionMask(fields: FieldConfig, wholes: readonly unknown[]): (value: unknown) => unknown {
	const masking = createMasking(fields);
	const repeated = masking.collected(wholes);
	return value => masking.mask(value, repeated);
}

/** How the personal values found in some values are masked where a text repeats them; undefined when there are none. */
type Repeated = ((text: string) => string) | undefined;

/** The personal values found in values, and the masking of a value that masks them where its texts repeat them. */
type Masking = {
	collected(wholes: readonly unknown[]): Repeated;
	mask(value: unknown, repeated: Repeated): unknown;
};

/** The masking of personal data under `fields`, as personalDataMask and transactionMask use it. */
function createMasking(fields: FieldConfig): Masking {
	const sensitive = new Set([...fields.customer, ...fields.recipient, ...fields.ip]);
	const configured = configuredPersonal(fields.personal);
	// Fields whose numbers are times (epoch ms has 13 digits) or ids, never card numbers.
	const notCards = new Set([...fields.time, ...fields.ids, ...fields.eventId]);
	const sensitiveFolded = new Set([...sensitive].map(name => name.toLowerCase()));
	const personalName = (name: string) => sensitive.has(name) || sensitiveFolded.has(name) || piiNames.test(name) || piiCompoundNames.test(name) || configured?.test(name) === true;
	const kindOf = (key: string | undefined, outer: Kind): Kind => {
		if (outer === 'credential' || key === undefined) return outer;
		if (credentialNames.test(key) || cardCodeNames.test(key)) return 'credential';
		if (personalName(key) || personalName(asFieldName(key))) return 'personal';
		return outer;
	};

	/** How a personal or credential value of `kind` reads masked. */
	const maskedAs = (text: string, kind: Kind) => (kind === 'credential' ? '***' : maskValue(text));

	/** The texts of the personal and credential values in `node` (their numbers as written), each with how it reads masked. */
	const collect = (node: unknown, key: string | undefined, outer: Kind, found: Map<string, string>): void => {
		const kind = kindOf(key, outer);
		const scalar = typeof node === 'string' ? node : typeof node === 'number' ? String(node) : undefined;
		if (scalar !== undefined && kind !== undefined && scalar.length >= minRepeatedLength) found.set(scalar, typeof node === 'string' ? maskedAs(scalar, kind) : '***');
		else if (typeof node === 'string') {
			// A string holding a JSON object (a CloudEvent's `data` sent as text) holds fields as an object does.
			const held = jsonRecordIn(node);
			if (held !== undefined) collect(held, undefined, kind, found);
		} else if (node instanceof RawJson) collect(JSON.parse(node.text) as unknown, key, kind, found);
		else if (Array.isArray(node)) for (const item of node) collect(item, undefined, kind, found);
		else if (node && typeof node === 'object') for (const [name, item] of Object.entries(node)) collect(item, name, kind, found);
	};

	/** Masks the values `found` in a text, each as a whole word, the longest first; undefined when there are none. */
	const repeatedIn = (found: Map<string, string>): Repeated => {
		if (found.size === 0) return undefined;
		const alternatives = [...found.keys()].sort((a, b) => b.length - a.length).map(text => text.replaceAll(/[\\^$.*+?()[\]{}|]/g, '\\$&'));
		const pattern = new RegExp(`(?<!\\w)(?:${alternatives.join('|')})(?!\\w)`, 'g');
		return text => text.replace(pattern, value => found.get(value)!);
	};

	let repeated: Repeated;
	/** A text that is no personal field's value, masked where it shows personal values: the text rule, then the repeated values. */
	const textMasked = (text: string) => (repeated ? repeated(maskInText(text)) : maskInText(text));
	/**
	 * Member names as textMasked reads them under the current `repeated`: the same few names recur in every event
	 * (and array item), and the text rule's five passes over each cost a third of masking a large output. Emptied when
	 * `repeated` changes and when it holds `maxNamesKept` (names that are keys of a map by id need not recur).
	 */
	const namesMasked = new Map<string, string>();
	const nameMasked = (name: string) => {
		let masked = namesMasked.get(name);
		if (masked === undefined) {
			if (namesMasked.size >= maxNamesKept) namesMasked.clear();
			masked = textMasked(name);
			namesMasked.set(name, masked);
		}

		return masked;
	};
	/** The masked copies' objects whose member names masking changed: each masked name → the name as sent. */
	const renamed = new WeakMap<object, Map<string, string>>();
	/** How a path in the masked copy `root` reads in the value it was masked from. */
	const sentPathIn = (root: unknown): SentPath => path => {
		let node = root;
		return path.map(part => {
			const sent = typeof part === 'string' && node !== null && typeof node === 'object' ? renamed.get(node)?.get(part) ?? part : part;
			node = (node as Record<string | number, unknown> | undefined)?.[part];
			return sent;
		});
	};

	/**
	 * An object's members, each name that is itself a personal value (an email, a card number, an IP, a value the
	 * transaction carries: a map keyed by customer) masked as a text is; a masked name that another member's name
	 * already reads gets ` (2)`, ` (3)`… so that no member is lost.
	 */
	const withNamesMasked = (entries: ReadonlyArray<[string, unknown]>): Record<string, unknown> => {
		const names = entries.map(([name]) => nameMasked(name));
		if (names.every((masked, index) => masked === entries[index]![0])) return Object.fromEntries(entries) as Record<string, unknown>;
		const taken = new Set(names.filter((masked, index) => masked === entries[index]![0]));
		const originals = new Map<string, string>();
		const result = Object.fromEntries(entries.map(([name, item], index) => {
			let shown = names[index]!;
			if (shown === name) return [name, item];
			for (let count = 2; taken.has(shown); count++) shown = `${names[index]!} (${count})`;
			taken.add(shown);
			originals.set(shown, name);
			return [shown, item];
		})) as Record<string, unknown>;
		if (originals.size > 0) renamed.set(result, originals);
		return result;
	};

	const walk = (node: unknown, key: string | undefined, outer: Kind): unknown => {
		const kind = kindOf(key, outer);
		if (typeof node === 'string') {
			if (kind !== undefined) return maskedAs(node, kind);
			const held = jsonRecordIn(node);
			if (held !== undefined) {
				// Its fields are masked by their names as an object's are (its texts as any text): as sent when none is.
				const masked = walk(held, undefined, undefined);
				return JSON.stringify(masked) === JSON.stringify(held) ? node : asSent(masked, node);
			}

			return textMasked(node);
		}

		if (typeof node === 'number' || node instanceof RawJson) {
			if (kind !== undefined) return '***';
			if (node instanceof RawJson) return maskedJsonText(node);
			// A card number sent as a JSON number (a safe integer: card numbers have at most 16 digits in practice).
			return !(key !== undefined && notCards.has(key)) && cardShaped(node) ? `****${String(node).slice(-4)}` : node;
		}

		if (Array.isArray(node)) return node.map(item => walk(item, undefined, kind));
		if (node && typeof node === 'object') return withNamesMasked(Object.entries(node).map(([name, item]) => [name, walk(item, name, kind)]));
		return node;
	};

	/** The JSON of a masked copy of the JSON text `sent`, its integers beyond 2^53 with their digits under names masked or not. */
	const asSent = (masked: unknown, sent: string) => jsonAsSent(masked, sent, sentPathIn(masked));

	/** A member kept as the JSON text the event sent, masked as any value is, its integers beyond 2^53 with their digits. */
	const maskedJsonText = (raw: RawJson) => new RawJson(asSent(walk(JSON.parse(raw.text) as unknown, undefined, undefined), raw.text));

	return {
		collected(wholes) {
			const found = new Map<string, string>();
			for (const whole of wholes) collect(whole, undefined, undefined, found);
			return repeatedIn(found);
		},
		mask(value, inTexts) {
			if (inTexts !== repeated) namesMasked.clear();
			repeated = inTexts;
			return walk(value, undefined, undefined);
		},
	};
}
