// One filter language for the TUI `/`, `--filter` and `record` (event-model.md "Filter expressions").
import {defaultConfig} from '../config.js';
import type {Envelope} from '../envelope.js';
import {accessorsOf, readsEnvelopeOnly, termPredicate, type MatchContext} from './match.js';
import {parseFilter} from './parse.js';

export {FilterSyntaxError} from './parse.js';

/** A compiled filter expression. */
export type EventFilter = {
	readonly expr: string;
	/** Whether the event satisfies every term (always true for an empty expression). */
	matches(env: Envelope): boolean;
};

/** Compile a filter expression once, to match many events; throws FilterSyntaxError with the column of the problem. */
export function compileFilter(expr: string, containers: readonly string[] = defaultConfig.fields.containers): EventFilter {
	const terms = parseFilter(expr);
	// Field terms first: they are cheap, and a failing one spares building the event's text for bare words.
	const ordered = [...terms.filter(term => term.kind !== 'text'), ...terms.filter(term => term.kind === 'text')];
	const predicates = ordered.map(term => termPredicate(term, containers));
	const context: MatchContext = {text: undefined};
	return {
		expr,
		matches(env) {
			let matched = true;
			for (const predicate of predicates) {
				if (!predicate(env, context)) {
					matched = false;
					break;
				}
			}

			context.text = undefined;
			return matched;
		},
	};
}

/** Whether a filter expression reads only the envelope's topic, type, key, partition and ids (not the value or headers). */
export function filterReadsEnvelopeOnly(expr: string): boolean {
	return readsEnvelopeOnly(parseFilter(expr));
}

/** What an event holds in each field an expression names (`amount>0 currency:EUR` → `{amount, currency}`), for evidence. */
export function fieldsNamed(expr: string, env: Envelope, containers: readonly string[] = defaultConfig.fields.containers): Record<string, unknown> {
	const fields: Record<string, unknown> = {};
	for (const term of parseFilter(expr)) {
		if (term.kind === 'text' || Object.hasOwn(fields, term.field)) continue;
		const values = accessorsOf(term.field, term.path, containers).map(accessor => accessor(env)).filter(value => value !== undefined);
		fields[term.field] = values.length > 1 ? values : values[0];
	}

	return fields;
}

/**
 * The fields an expression asks to hold a value (its field and comparison terms not negated) that not one of `events`
 * carries: a misspelt field (`staus:error`) matches nothing, which must not read as "no such events".
 */
export function fieldsNoneCarry(expr: string, events: readonly Envelope[], containers: readonly string[] = defaultConfig.fields.containers): string[] {
	const missing: string[] = [];
	for (const term of parseFilter(expr)) {
		if (term.kind === 'text' || term.negated || missing.includes(term.field)) continue;
		const accessors = accessorsOf(term.field, term.path, containers);
		if (!events.some(env => accessors.some(accessor => accessor(env) !== undefined))) missing.push(term.field);
	}

	return missing;
}

/**
 * The patterns of an expression's `topic:` terms (not negated) that the topic of not one of `events` matches: a
 * misspelt topic (`topic:payment`) matches nothing, as a misspelt field does.
 */
export function topicsNoneMatch(expr: string, events: readonly Envelope[]): string[] {
	const missing: string[] = [];
	for (const term of parseFilter(expr)) {
		if (term.kind !== 'field' || term.negated || term.field !== 'topic' || missing.includes(term.pattern)) continue;
		const matches = termPredicate(term, []);
		if (!events.some(env => matches(env, {text: undefined}))) missing.push(term.pattern);
	}

	return missing;
}

/** Bare words of other filter languages' logic (`or`, `||`, `and`, `&&`), which this language looks for as text. */
const logicWordSet = new Set(['or', '||', 'and', '&&']);

/**
 * The bare words of an expression that read as logic elsewhere (`status:error or type:X`): here every term must
 * match and such a word is looked for in the event's text, so a filter that matched nothing may be one read as OR.
 */
export function logicWords(expr: string): string[] {
	const found: string[] = [];
	for (const term of parseFilter(expr)) {
		if (term.kind === 'text' && !term.negated && logicWordSet.has(term.pattern.toLowerCase()) && !found.includes(term.pattern)) found.push(term.pattern);
	}

	return found;
}
