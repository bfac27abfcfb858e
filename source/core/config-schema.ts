// What a configuration file may say: every key of Config with the values it accepts, and the check that turns
// a parsed file into settings plus precise problems ("alerts.rules.silence.minRate: expected a positive number").
import type {Config, TopicOverride} from './config.js';
import {nodeModes, type NodeMode} from './metrics/flow-nodes.js';

/** One setting: what it accepts, and how a file value becomes the setting's value. */
type Leaf = {kind: 'leaf'; expected: string; read(value: unknown): {ok: true; value: unknown} | {ok: false; reason?: string}};
/** Free keys (topic names), each with the same settings. */
type MapSpec = {kind: 'map'; values: Spec};
/** Fixed keys; keys with dots (rule names) may also be written nested ("fraud: {velocity: …}"). */
type ObjectSpec<T = unknown> = {kind: 'object'; fields: {[K in keyof T]-?: SpecOf<T[K]>}};
type Spec = Leaf | MapSpec | ObjectSpec;

/** The spec a value of type T needs: the compiler checks that the schema covers every key of Config. */
type SpecOf<T> = [T] extends [number | string | boolean | readonly string[]] ? Leaf
	: string extends keyof T ? MapSpec
		: ObjectSpec<T>;

const ok = (value: unknown) => ({ok: true as const, value});
const bad = (reason?: string) => ({ok: false as const, reason});

/** A leaf from an expectation and a reader. */
const leaf = (expected: string, read: Leaf['read']): Leaf => ({kind: 'leaf', expected, read});
const object = <T>(fields: ObjectSpec<T>['fields']): ObjectSpec<T> => ({kind: 'object', fields});
const map = (values: Spec): MapSpec => ({kind: 'map', values});

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

const positiveNumber = leaf('a positive number', value => (isNumber(value) && value > 0 ? ok(value) : bad()));
const positiveInteger = leaf('a positive whole number', value => (isNumber(value) && value > 0 && Number.isInteger(value) ? ok(value) : bad()));
const boolean = leaf('true or false', value => (typeof value === 'boolean' ? ok(value) : bad()));
const errorShare = leaf('a fraction from 0 up to 1 (0.05 = 5 %)', value => (isNumber(value) && value >= 0 && value < 1 ? ok(value) : bad()));
const quantile = leaf('a quantile above 0, at most 1 (0.99 = p99)', value => (isNumber(value) && value > 0 && value <= 1 ? ok(value) : bad()));
const nodeMode = leaf('one of auto, topic, type', value => (nodeModes.includes(value as NodeMode) ? ok(value) : bad()));
const severity = leaf('one of critical, warning, info', value => (value === 'critical' || value === 'warning' || value === 'info' ? ok(value) : bad()));
const fieldList = leaf('a list of field names', value =>
	(Array.isArray(value) && value.every(name => typeof name === 'string' && name !== '') ? ok([...value] as string[]) : bad()));

const pathList = leaf('a list of plugin file paths', value =>
	(Array.isArray(value) && value.every(item => typeof item === 'string' && item !== '') ? ok(value) : bad()));
// A plugin's settings are its own to check (the plugin reports what it cannot use).
const anyMapping = leaf('a mapping of the plugin\'s settings', value => (isMapping(value) ? ok(value) : bad()));
const stateName = leaf('a state name', value => (typeof value === 'string' && value !== '' ? ok(value) : bad()));
const stateList = leaf('a list of state names', value =>
	(Array.isArray(value) && value.every(name => typeof name === 'string' && name !== '') ? ok([...value] as string[]) : bad()));

const pattern = leaf('a regular expression', value => {
	if (typeof value !== 'string' || value === '') return bad();
	try {
		new RegExp(value, 'i');
		return ok(value);
	} catch (error) {
		return bad(error instanceof Error ? error.message : String(error));
	}
});

const unitMs: Record<string, number> = {ms: 1, s: 1000, m: 60_000, min: 60_000, h: 3600_000, d: 86_400_000};

/** Milliseconds, as a number or with a unit ("30s", "5m", "1h"); `allowZero` for lateness-like settings. */
const duration = (allowZero: boolean) => leaf(
	`a duration${allowZero ? '' : ' above 0'}: milliseconds, or a number with ms, s, m, h or d (30s, 5m)`,
	value => {
		let ms: number | undefined;
		if (isNumber(value)) ms = value;
		else if (typeof value === 'string') {
			const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|min|h|d)\s*$/.exec(value);
			if (match) ms = Number(match[1]) * unitMs[match[2]!]!;
		}

		return ms !== undefined && (allowZero ? ms >= 0 : ms > 0) ? ok(ms) : bad();
	},
);

const positiveDuration = duration(false);

type Rules = Config['alerts']['rules'];
const machine = object<Config['state']['machines'][string]>({events: map(stateName), initial: stateList, transitions: map(stateList), final: stateList});
const ruleBase = {enabled: boolean, severity, windowMs: positiveDuration};
const countRule = object<Rules['fraud.velocity']>({...ruleBase, threshold: positiveInteger, maxKeys: positiveInteger});
const override = <Extra extends string>(extra: Record<Extra, Leaf>, threshold: Leaf) =>
	map(object<TopicOverride<Extra>>({enabled: boolean, threshold, ...extra} as ObjectSpec<TopicOverride<Extra>>['fields']));

/** The whole schema. */
export const configSchema: ObjectSpec<Config> = object<Config>({
	fields: object<Config['fields']>({
		containers: fieldList,
		type: fieldList,
		typeHeaders: fieldList,
		time: fieldList,
		ids: fieldList,
		status: fieldList,
		errorValues: fieldList,
		errorTypeSuffixes: fieldList,
		blockedValues: fieldList,
		blockedTypeSuffixes: fieldList,
		eventId: fieldList,
		customer: fieldList,
		recipient: fieldList,
		ip: fieldList,
		amount: fieldList,
	}),
	transactions: object<Config['transactions']>({maxEvents: positiveInteger}),
	latency: object<Config['latency']>({allowedLatenessMs: duration(true), slowHopMs: positiveDuration}),
	hops: object<Config['hops']>({nodes: nodeMode, openMs: positiveDuration, maxOpen: positiveInteger}),
	duplicates: object<Config['duplicates']>({windowMs: positiveDuration, maxTracked: positiveInteger}),
	recording: object<Config['recording']>({maxLineBytes: positiveInteger}),
	store: object<Config['store']>({
		retention: object<Config['store']['retention']>({maxEvents: positiveInteger, maxAgeMs: positiveDuration, maxBytes: positiveInteger}),
	}),
	alerts: object<Config['alerts']>({
		paymentPattern: pattern,
		notificationPattern: pattern,
		maxExamples: positiveInteger,
		rules: object<Config['alerts']['rules']>({
			'fraud.velocity': countRule,
			'fraud.blocked-source': countRule,
			'fraud.amount': object<Rules['fraud.amount']>({...ruleBase, threshold: positiveNumber}),
			'rate-limit': countRule,
			'slo.latency': object<Rules['slo.latency']>({
				...ruleBase, threshold: positiveDuration, maxKeys: positiveInteger, quantile, minHops: positiveInteger,
				topics: override({minHops: positiveInteger}, positiveDuration),
			}),
			'error-rate': object<Rules['error-rate']>({
				...ruleBase, threshold: errorShare, maxKeys: positiveInteger, minEvents: positiveInteger,
				topics: override({minEvents: positiveInteger}, errorShare),
			}),
			duplicate: countRule,
			silence: object<Rules['silence']>({
				...ruleBase, threshold: positiveDuration, maxKeys: positiveInteger, minRate: positiveNumber,
				topics: override({minRate: positiveNumber}, positiveDuration),
			}),
			lag: countRule,
			'saga.failed': object<Rules['saga.failed']>(ruleBase),
			'saga.timeout': object<Rules['saga.timeout']>(ruleBase),
		}),
	}),
	plugins: pathList,
	pluginOptions: map(anyMapping),
	state: object<Config['state']>({aggregateIdFields: fieldList, machines: map(machine)}),
});

/** One thing wrong with a file: the dotted key, the path to it as written in the file, and what is wrong. */
export type ConfigProblem = {key: string; written: string[]; message: string};

const isMapping = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** Set a key the file named: defined, not assigned, so a key called "__proto__" stays a plain key. */
export function defineKey(target: Record<string, unknown>, key: string, value: unknown): void {
	Object.defineProperty(target, key, {value, enumerable: true, writable: true, configurable: true});
}

/** A file value as a problem message shows it. */
function shown(value: unknown): string {
	if (value === null || value === undefined) return 'nothing';
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'object') return 'a mapping';
	return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/** Edit distance, for "did you mean". */
function distance(a: string, b: string): number {
	let previous = Array.from({length: b.length + 1}, (_, i) => i);
	for (let i = 1; i <= a.length; i++) {
		const current = [i];
		for (let j = 1; j <= b.length; j++) {
			current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
		}

		previous = current;
	}

	return previous[b.length]!;
}

/** "did you mean" for an unknown key, or the list of known keys when nothing is close. */
function unknownKey(name: string, known: string[]): string {
	const lower = name.toLowerCase();
	let best: string | undefined;
	let bestDistance = Number.POSITIVE_INFINITY;
	for (const candidate of known) {
		const d = distance(lower, candidate.toLowerCase());
		if (d < bestDistance) {
			best = candidate;
			bestDistance = d;
		}
	}

	if (best !== undefined && bestDistance <= Math.max(2, Math.floor(best.length / 3))) return `unknown key; did you mean "${best}"?`;
	return `unknown key; known keys: ${known.join(', ')}`;
}

/** Entries of a mapping with nested dotted names flattened ("fraud: {velocity: x}" → "fraud.velocity"). */
function entriesOf(value: Record<string, unknown>, known: string[]): Array<{name: string; value: unknown; written: string[]}> {
	const entries: Array<{name: string; value: unknown; written: string[]}> = [];
	for (const [name, inner] of Object.entries(value)) {
		if (!known.includes(name) && isMapping(inner) && known.some(candidate => candidate.startsWith(`${name}.`))) {
			for (const nested of entriesOf(inner, known.filter(candidate => candidate.startsWith(`${name}.`)).map(candidate => candidate.slice(name.length + 1)))) {
				entries.push({name: `${name}.${nested.name}`, value: nested.value, written: [name, ...nested.written]});
			}
		} else {
			entries.push({name, value: inner, written: [name]});
		}
	}

	return entries;
}

/** Check a parsed file value against a spec: the settings it gives (to merge over the defaults) and its problems. */
export function checkConfig(value: unknown, spec: Spec = configSchema, key: string[] = [], written: string[] = [], problems: ConfigProblem[] = []): {settings: unknown; problems: ConfigProblem[]} {
	const problem = (message: string, at = key, path = written) => problems.push({key: at.join('.'), written: path, message});
	if (spec.kind === 'leaf') {
		const read = spec.read(value);
		if (read.ok) return {settings: read.value, problems};
		problem(`expected ${spec.expected}, got ${shown(value)}${read.reason ? ` (${read.reason})` : ''}`);
		return {settings: undefined, problems};
	}

	if (!isMapping(value)) {
		problem(`expected a mapping of settings, got ${shown(value)}`);
		return {settings: undefined, problems};
	}

	const settings: Record<string, unknown> = {};
	const fields = spec.kind === 'object' ? spec.fields as Record<string, Spec> : undefined;
	const known = fields ? Object.keys(fields) : [];
	for (const entry of fields ? entriesOf(value, known) : Object.entries(value).map(([name, inner]) => ({name, value: inner, written: [name]}))) {
		const at = [...key, entry.name];
		const path = [...written, ...entry.written];
		const inner = fields ? (Object.hasOwn(fields, entry.name) ? fields[entry.name] : undefined) : (spec as MapSpec).values;
		if (inner === undefined) {
			problem(unknownKey(entry.name, known), at, path);
			continue;
		}

		const checked = checkConfig(entry.value, inner, at, path, problems).settings;
		if (checked !== undefined) defineKey(settings, entry.name, checked);
	}

	return {settings, problems};
}
