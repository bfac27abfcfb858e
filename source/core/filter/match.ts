// The filter language's meaning: each parsed term becomes a predicate over envelopes, built once per expression.
import type {Envelope} from '../envelope.js';
import {compareDecimals} from '../exact-decimal.js';
import {exactTextThrough, integerDigits, isInexactInteger} from '../exact-integer.js';
import {findPathThrough, numericValue, scalarText, type RoundedAt} from '../fields.js';
import {valueJson} from '../json-as-sent.js';
import type {CompareOperator, FilterTerm} from './parse.js';
import {wildcardTest} from './wildcard.js';

/** Per-call state shared by the terms of one filter: the event's text, built at most once per event. */
export type MatchContext = {text: string | undefined};

/** One compiled term. */
export type TermPredicate = (env: Envelope, context: MatchContext) => boolean;

/** Where a field term reads its values from. */
type Accessor = (env: Envelope) => unknown;

/**
 * The accessors of a field: the special fields of the envelope, else a dotted path searched like fields, into arrays
 * (`items.sku`: the sku of each item).
 */
export function accessorsOf(field: string, path: readonly string[], containers: readonly string[]): Accessor[] {
	// An integer JSON.parse rounded is matched by the digits it was sent with (one converter for every event).
	const digitsSent: RoundedAt<Envelope> = (found, place, trail, env) => exactTextThrough(found, env, containers, place, trail);
	const inValue: Accessor = env => findPathThrough(env.value, env.headers, path, containers, digitsSent, env);
	switch (field) {
		case 'topic': return [env => env.topic];
		case 'type': return [env => env.type];
		case 'key': return [env => env.key];
		case 'partition': return [env => env.partition];
		case 'id': return [env => env.ids];
		// Both the normalized status (error) and the status field as published (declined).
		case 'status': return [env => env.status, inValue];
		default: return [inValue];
	}
}

/** The fields accessorsOf reads from the envelope alone (not the value or the headers). */
const envelopeFields = new Set(['topic', 'type', 'key', 'partition', 'id']);

/** Whether every term reads only envelope fields (no bare words, no value fields): an event can be tested without its value. */
export function readsEnvelopeOnly(terms: readonly FilterTerm[]): boolean {
	return terms.every(term => term.kind !== 'text' && envelopeFields.has(term.field));
}

/** Whether any accessor yields a value (or an array element) satisfying `test`. */
function anyValue(accessors: Accessor[], test: (value: unknown) => boolean): (env: Envelope) => boolean {
	const satisfies = (value: unknown): boolean => {
		if (value === undefined || value === null) return false;
		if (!Array.isArray(value)) return test(value);
		for (const item of value) if (satisfies(item)) return true;
		return false;
	};

	return env => {
		for (const accessor of accessors) if (satisfies(accessor(env))) return true;
		return false;
	};
}

/**
 * `field:pattern`: the text of a scalar matches the wildcard pattern, or a number equals a numeric pattern; a
 * pattern naming an integer beyond 2^53 equals the value whose digits are its digits (a double cannot tell them).
 */
function fieldTest(pattern: string): (value: unknown) => boolean {
	if (/^\*+$/.test(pattern)) return () => true;
	const wildcard = wildcardTest(pattern, true);
	const number = pattern.includes('*') ? undefined : numericValue(pattern);
	const digits = isInexactInteger(number) ? integerDigits(pattern.trim()) : undefined;
	return value => {
		const text = scalarText(value);
		if (text === undefined) return false;
		if (wildcard(text)) return true;
		if (number === undefined) return false;
		return digits === undefined ? numericValue(value) === number : integerDigits(text.trim()) === digits;
	};
}

const compare: Record<CompareOperator, (value: number, bound: number) => boolean> = {
	'>': (value, bound) => value > bound,
	'<': (value, bound) => value < bound,
	'>=': (value, bound) => value >= bound,
	'<=': (value, bound) => value <= bound,
};

/** Everything a bare word can match, as one text: topic, type, key, header values and the value (JSON text). */
function eventText(env: Envelope): string {
	let text = `${env.topic ?? ''}\n${env.type}\n${env.key ?? ''}\n`;
	for (const name in env.headers) text += `${env.headers[name]}\n`;
	return text + valueJson(env);
}

/** Compile one term into its predicate; `containers` are searched after the top level of the value. */
export function termPredicate(term: FilterTerm, containers: readonly string[]): TermPredicate {
	let positive: TermPredicate;
	if (term.kind === 'text') {
		const wildcard = wildcardTest(term.pattern, false);
		positive = (env, context) => {
			context.text ??= eventText(env);
			return wildcard(context.text);
		};
	} else if (term.kind === 'field') {
		positive = anyValue(accessorsOf(term.field, term.path, containers), fieldTest(term.pattern));
	} else {
		const holds = compare[term.operator];
		const {number: bound, written} = term;
		positive = anyValue(accessorsOf(term.field, term.path, containers), value => {
			const number = numericValue(value);
			if (number === undefined) return false;
			if (number !== bound) return holds(number, bound);
			// Equal as doubles, which keep 15 to 17 digits: compared as written (9007199254740993 > 9007199254740992).
			return holds(compareDecimals(scalarText(value)!, written) ?? 0, 0);
		});
	}

	return term.negated ? (env, context) => !positive(env, context) : positive;
}
