// The words configuration settings are declared in (valibot schemas): each kind of value with what it accepts and
// the message a wrong value gets ("expected a positive number, got "five""), sections of fixed keys whose unknown
// keys get a "did you mean", and maps of free keys. config.ts and each alert rule's file declare their settings,
// with defaults, in these words; the type, the defaults and the check all come from that one declaration.
import * as v from 'valibot';
import {durationUnitMs} from './units/duration.js';
import {nearestName} from './units/nearest-name.js';

/** A setting's schema: what it accepts (any input) and what it gives. */
export type Setting<Output = unknown> = v.GenericSchema<unknown, Output>;

const isMapping = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** A file value as a problem message shows it. */
function shown(value: unknown): string {
	if (value === null || value === undefined) return 'nothing';
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'object') return 'a mapping';
	return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/** The message of a value a setting does not accept: "expected <what>, got <the value>". */
const expected = (what: string) => (issue: v.BaseIssue<unknown>) => `expected ${what}, got ${shown(issue.input)}`;

/** A finite number setting: `what` it accepts, and the check that says so. */
function numberSetting(what: string, accepts: (value: number) => boolean): Setting<number> {
	const message = expected(what);
	return v.pipe(v.number(message), v.check(value => Number.isFinite(value) && accepts(value), message));
}

/** A list of non-empty names, checked as a whole so a message names the list, not an item. */
const nameList = (what: string): Setting<string[]> =>
	v.custom<string[]>(value => Array.isArray(value) && value.every(name => typeof name === 'string' && name !== ''), expected(what));

/** A number above 0 (thresholds, rates). */
export const positiveNumber = numberSetting('a positive number', value => value > 0);
/** A whole number above 0 (counts, caps). */
export const positiveInteger = numberSetting('a positive whole number', value => value > 0 && Number.isInteger(value));
/** A share of events, below 1. */
export const fraction = numberSetting('a fraction from 0 up to 1 (0.05 = 5 %)', value => value >= 0 && value < 1);
/** A latency quantile (0.99 = p99). */
export const quantile = numberSetting('a quantile above 0, at most 1 (0.99 = p99)', value => value > 0 && value <= 1);
/** On or off. */
export const boolean = v.boolean(expected('true or false'));
/** One of a fixed list of words. */
export const oneOf = <const Option extends string>(options: readonly Option[]) => v.picklist(options, expected(`one of ${options.join(', ')}`));
/** An alert's severity. */
export const severity = oneOf(['critical', 'warning', 'info']);
/** Field names the normalizer looks up, in order. */
export const fieldList = nameList('a list of field names');
/** Containers of field look-ups (fields.ts): names, dotted paths, `|` alternatives; no empty name between dots and bars. */
export const containerList: Setting<string[]> = v.custom<string[]>(
	value => Array.isArray(value) && value.every(container => typeof container === 'string' && container.split(/[.|]/).every(name => name !== '')),
	expected('a list of containers: field names, dotted paths (payload.after), alternatives (after|before)'),
);
/** States of a state machine. */
export const stateList = nameList('a list of state names');
/** Plugin modules to load. */
export const pathList = nameList('a list of plugin file paths');
/** One state of a state machine. */
export const stateName = v.pipe(v.string(expected('a state name')), v.minLength(1, expected('a state name')));
/** Settings that are some plugin's own to check (the plugin reports what it cannot use). */
export const anyMapping = v.custom<Record<string, unknown>>(isMapping, expected('a mapping of the plugin\'s settings'));

const patternMessage = expected('a regular expression');

/** Why `text` cannot compile as a case-insensitive regular expression, or undefined when it can. */
function patternProblem(text: string): string | undefined {
	try {
		new RegExp(text, 'i');
		return undefined;
	} catch (error) {
		return error instanceof Error ? error.message : String(error);
	}
}

/** A case-insensitive regular expression; the message for one that cannot compile says why. */
export const pattern = v.pipe(
	v.string(patternMessage),
	v.minLength(1, patternMessage),
	v.rawCheck(({dataset, addIssue}) => {
		if (!dataset.typed) return;
		const reason = patternProblem(dataset.value);
		if (reason !== undefined) addIssue({message: issue => `${patternMessage(issue)} (${reason})`});
	}),
);

/** Field names or regular expressions (case-insensitive) matching a whole name; the message names an entry that cannot compile and says why. */
export const namePatternList = v.pipe(
	nameList('a list of field names or regular expressions'),
	v.rawCheck(({dataset, addIssue}) => {
		if (!dataset.typed) return;
		for (const entry of dataset.value) {
			const reason = patternProblem(entry);
			if (reason !== undefined) addIssue({message: `expected a field name or regular expression, got ${shown(entry)} (${reason})`});
		}
	}),
);


/** Milliseconds of a number, or of a number with a unit ("30s", "5m", "1h"); undefined when it is neither. */
function millisecondsOf(value: unknown): number | undefined {
	if (isNumber(value)) return value;
	if (typeof value !== 'string') return undefined;
	const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|min|h|d)\s*$/.exec(value);
	const unit = match?.[2] === undefined ? undefined : durationUnitMs[match[2]];
	return unit === undefined ? undefined : Number(match![1]) * unit;
}

/** A duration in milliseconds, written as a number or with a unit; `allowZero` for lateness-like settings. */
function durationSetting(allowZero: boolean): Setting<number> {
	const message = expected(`a duration${allowZero ? '' : ' above 0'}: milliseconds, or a number with ms, s, m, h or d (30s, 5m)`);
	return v.pipe(v.unknown(), v.rawTransform(({dataset, addIssue, NEVER}) => {
		const ms = millisecondsOf(dataset.value);
		if (ms !== undefined && (allowZero ? ms >= 0 : ms > 0)) return ms;
		addIssue({message});
		return NEVER;
	}));
}

/** A duration above 0. */
export const duration = durationSetting(false);
/** A duration that may be 0. */
export const durationOrZero = durationSetting(true);

/** "did you mean" for an unknown key, or the list of known keys when none is close. */
function unknownKey(name: string, known: readonly string[]): string {
	const best = nearestName(name, known);
	if (best !== undefined) return `unknown key; did you mean "${best}"?`;
	return `unknown key; known keys: ${known.join(', ')}`;
}

const mappingMessage = expected('a mapping of settings');

/** Set a key a file named: defined, not assigned, so a key called "__proto__" stays a plain key. */
export function defineKey(target: Record<string, unknown>, key: string, value: unknown): void {
	Object.defineProperty(target, key, {value, enumerable: true, writable: true, configurable: true});
}

/** The path step to `key` of a mapping. */
const step = (input: Record<string, unknown>, key: string): v.ObjectPathItem => ({type: 'object', origin: 'value', input, key, value: input[key]});

/** Report, where the current check is, the issues a nested check found (with `prefix` before their paths). */
function reraise(addIssue: v.RawTransformAddIssue<Record<string, unknown>>, issues: readonly v.BaseIssue<unknown>[], ...prefix: v.ObjectPathItem[]): void {
	for (const issue of issues) {
		const path = [...prefix, ...(issue.path ?? [])];
		addIssue({message: issue.message, ...(path.length > 0 ? {path: path as [v.IssuePathItem, ...v.IssuePathItem[]]} : {})});
	}
}

/**
 * Fixed keys with their settings; every other key is a mistake, named with the closest known key. The keys are
 * checked here, on the file's own mapping: valibot's strictObject names only the first unknown key, and its object
 * schemas never look at keys such as "constructor" or "__proto__".
 */
export function section<const Entries extends v.ObjectEntries>(entries: Entries) {
	const known = Object.keys(entries);
	const settings = v.object(entries, 'missing (required)');
	return v.pipe(v.custom<Record<string, unknown>>(isMapping, mappingMessage), v.rawTransform(({dataset, addIssue, NEVER}) => {
		const input = dataset.value;
		const checked = v.safeParse(settings, input);
		if (!checked.success) reraise(addIssue, checked.issues);
		const unknown = Object.keys(input).filter(key => !Object.hasOwn(entries, key));
		for (const key of unknown) addIssue({message: unknownKey(key, known), path: [step(input, key)]});
		return checked.success && unknown.length === 0 ? checked.output : NEVER;
	}));
}

/** Free keys (topics, machines, plugins), each with the same settings; any name is kept, "constructor" included. */
export function map<Value extends v.GenericSchema>(values: Value) {
	return v.pipe(v.custom<Record<string, unknown>>(isMapping, mappingMessage), v.rawTransform(({dataset, addIssue, NEVER}) => {
		const input = dataset.value;
		const output: Record<string, v.InferOutput<Value>> = {};
		let ok = true;
		for (const [key, value] of Object.entries(input)) {
			const checked = v.safeParse(values, value);
			if (checked.success) defineKey(output, key, checked.output);
			else reraise(addIssue, checked.issues, step(input, key));
			ok &&= checked.success;
		}

		return ok ? output : NEVER;
	}));
}

/** Check a value (the defaults with a file merged over them): the settings, or every problem with its dotted key path. */
export function checkSettings<Schema extends v.GenericSchema>(schema: Schema, value: unknown):
	{ok: true; settings: v.InferOutput<Schema>} | {ok: false; problems: Array<{path: string[]; message: string}>} {
	const result = v.safeParse(schema, value);
	if (result.success) return {ok: true, settings: result.output};
	return {ok: false, problems: result.issues.map(issue => ({path: (issue.path ?? []).map(item => String(item.key)), message: issue.message}))};
}


/** `schema` with a check across its settings (a machine's states against its events): each problem at its key path within the value. */
export function crossChecked<Schema extends v.GenericSchema<unknown, Record<string, unknown>>>(
	schema: Schema, problems: (value: v.InferOutput<Schema>) => ReadonlyArray<{path: readonly string[]; message: string}>,
) {
	return v.pipe(schema, v.rawCheck<v.InferOutput<Schema>>(({dataset, addIssue}) => {
		if (!dataset.typed) return;
		for (const problem of problems(dataset.value)) {
			const path: v.ObjectPathItem[] = [];
			let input: Record<string, unknown> = dataset.value;
			for (const key of problem.path) {
				path.push(step(input, key));
				const inner = input[key];
				input = isMapping(inner) ? inner : {};
			}

			addIssue({message: problem.message, ...(path.length > 0 ? {path: path as [v.ObjectPathItem, ...v.ObjectPathItem[]]} : {})});
		}
	}));
}
