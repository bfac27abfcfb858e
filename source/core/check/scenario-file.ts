// Reads a scenario YAML file into checked scenarios; every mistake names the file, line and column.
import fs from 'node:fs';
import path from 'node:path';
import {isMap, isScalar, isSeq, type LineCounter, type Node, type YAMLMap} from 'yaml';
import {parseYamlText} from '../yaml-text.js';
import {durationValueMs} from '../units/duration.js';
import {formatCount, formatNumber} from '../units/format.js';
import {InputError} from '../errors.js';
import {fileProblem} from '../file-problem.js';
import {kindOf, publishableText} from '../sources/registry.js';
import {compileFilter, FilterSyntaxError, type EventFilter} from '../filter/filter.js';
import {templateProblem} from './template.js';
import {edgeName, edgeNodes} from '../metrics/edge.js';
import {isRecord} from '../fields.js';
import {isHeaderValue, parseRecordingLine} from '../sources/recording/line.js';
import {ownValueText} from '../value-text.js';
import {sagaOutcomes, type Bound, type Expectation, type PublishEvent, type QuantileBounds, type Scenario} from './scenario.js';

/** A scenario file that cannot be used (exit code 2); the message has one `file:line:col: problem` per line. */
export class ScenarioFileError extends InputError {
	constructor(message: string) {
		super(message);
		this.name = 'ScenarioFileError';
	}
}

/** How long a live scenario watches when it does not say (`within`). */
const defaultWithinMs = 10_000;

/** Thrown inside the reader at the first problem of a node; collected per scenario. */
class Problem extends Error {}

/** Walks the YAML nodes, keeping positions for messages. */
class Reader {
	/** `containers`: where the filters look for fields (config `fields.containers`). */
	constructor(readonly file: string, private readonly lines: LineCounter, readonly containers: readonly string[]) {}

	/** `file:line:col` of a node. */
	at(node: Node | null | undefined, offset = 0): string {
		const start = node?.range?.[0];
		if (start === undefined) return this.file;
		const {line, col} = this.lines.linePos(start + offset);
		return `${this.file}:${line}:${col}`;
	}

	fail(node: Node | null | undefined, message: string, offset = 0): never {
		throw new Problem(`${this.at(node, offset)}: ${message}`);
	}

	/** A mapping's entries by key; keys not in `allowed` are mistakes (a typo must not pass silently). */
	map(node: unknown, what: string, allowed: readonly string[]): Map<string, Node> {
		if (!isMap(node)) this.fail(node as Node, `${what}: expected a mapping (key: value)`);
		const entries = new Map<string, Node>();
		for (const pair of (node as YAMLMap).items) {
			const key = isScalar(pair.key) ? String(pair.key.value) : '';
			if (!allowed.includes(key)) this.fail(pair.key as Node, `${what}: unknown key "${key}" (expected one of ${allowed.join(', ')})`);
			entries.set(key, pair.value as Node);
		}

		return entries;
	}

	text(node: Node | undefined, what: string): string {
		if (!isScalar(node) || (typeof node.value !== 'string' && typeof node.value !== 'number')) this.fail(node, `${what}: expected text`);
		return String(node.value);
	}

	count(node: Node | undefined, what: string): number {
		if (!isScalar(node) || typeof node.value !== 'number' || !Number.isInteger(node.value) || node.value < 0) this.fail(node, `${what}: expected a whole number ≥ 0`);
		return node.value;
	}

	duration(node: Node | undefined, what: string): number {
		const ms = isScalar(node) ? durationValueMs(node.value) : undefined;
		if (ms === undefined) this.fail(node, `${what}: expected a duration like 250ms, 5s or 1m (a bare number is seconds)`);
		return ms;
	}

	boolean(node: Node | undefined, what: string): boolean {
		if (!isScalar(node) || typeof node.value !== 'boolean') this.fail(node, `${what}: expected true or false`);
		return node.value;
	}

	filter(node: Node | undefined, what: string): EventFilter {
		const expr = this.text(node, what);
		try {
			return compileFilter(expr, this.containers);
		} catch (error) {
			if (!(error instanceof FilterSyntaxError)) throw error;
			// Column of the problem inside the expression, counted from the scalar's start (a quote shifts it by one).
			const quoted = isScalar(node) && node.type !== 'PLAIN' ? 1 : 0;
			this.fail(node, `${what}: ${error.message.replace(/ at column \d+$/, '')} (filter column ${error.column})`, error.column - 1 + quoted);
		}
	}

	list(node: Node | undefined, what: string): Node[] {
		if (!isSeq(node)) this.fail(node, `${what}: expected a list`);
		return node.items as Node[];
	}
}

const boundKeys = ['exactly', 'atLeast', 'atMost'] as const;

/** exactly / atLeast / atMost from a mapping's entries (at least one). */
function boundOf(reader: Reader, entries: Map<string, Node>, node: Node, what: string): Bound {
	const bound: Bound = {};
	for (const key of boundKeys) if (entries.has(key)) bound[key] = reader.count(entries.get(key), `${what}.${key}`);
	if (Object.keys(bound).length === 0) reader.fail(node, `${what}: say how many with exactly, atLeast or atMost`);
	// Bounds no number meets would fail every run: a mistake in the file, not a finding about the system.
	const {exactly, atLeast = exactly ?? 0, atMost = exactly ?? Number.POSITIVE_INFINITY} = bound;
	if (atLeast > atMost || (exactly !== undefined && (exactly < atLeast || exactly > atMost))) reader.fail(node, `${what}: no number is ${boundText(bound)}`);
	return bound;
}

/** A saga outcome's bound: a number is `exactly`, or a mapping of exactly / atLeast / atMost. */
function sagaBound(reader: Reader, node: Node, what: string): Bound {
	if (isScalar(node)) return {exactly: reader.count(node, what)};
	return boundOf(reader, reader.map(node, what, boundKeys), node, what);
}

/** Bound in words for reports: "exactly 1", "at least 2, at most 5". */
export function boundText(bound: Bound): string {
	return [
		bound.exactly === undefined ? undefined : `exactly ${formatCount(bound.exactly)}`,
		bound.atLeast === undefined ? undefined : `at least ${formatCount(bound.atLeast)}`,
		bound.atMost === undefined ? undefined : `at most ${formatCount(bound.atMost)}`,
	].filter(Boolean).join(', ');
}

/** p50 / p95 / p99 upper bounds from a mapping's entries (at least one). */
function quantileBounds(reader: Reader, entries: Map<string, Node>, node: Node, what: string): QuantileBounds {
	const bounds: QuantileBounds = {};
	for (const key of ['p50', 'p95', 'p99'] as const) if (entries.has(key)) bounds[key] = reader.duration(entries.get(key), `${what}.${key}`);
	if (Object.keys(bounds).length === 0) reader.fail(node, `${what}: give p50, p95 or p99 (upper bounds)`);
	return bounds;
}

/** A bound in milliseconds, with thousands separators as the evidence beside it: `10,000 ms`, `0.5 ms`. */
const msText = (ms: number) => `${formatNumber(ms)} ms`;

const quantileText = (bounds: QuantileBounds) => Object.entries(bounds).map(([name, ms]) => `${name} ≤ ${msText(ms)}`).join(', ');

/** One `expect` item: a mapping with exactly one key naming its kind. */
function expectation(reader: Reader, node: Node): Expectation {
	const kinds = ['count', 'order', 'every', 'never', 'latency', 'alert', 'saga'];
	const outer = reader.map(node, 'expect item', kinds);
	const [only, ...others] = outer;
	if (only === undefined || others.length > 0) reader.fail(node, `expect item: one of ${kinds.join(', ')} per item`);
	const [kind, body] = only;
	const at = reader.at(node);
	switch (kind) {
		case 'count': {
			const entries = reader.map(body, 'count', ['topic', 'type', 'where', 'per', ...boundKeys]);
			const terms = [
				entries.has('topic') ? `topic:${reader.text(entries.get('topic'), 'count.topic')}` : '',
				entries.has('type') ? `type:${reader.text(entries.get('type'), 'count.type')}` : '',
			].filter(Boolean);
			const where = entries.has('where') ? reader.text(entries.get('where'), 'count.where') : '';
			const per = entries.has('per') ? reader.text(entries.get('per'), 'count.per') : undefined;
			if (per !== undefined && per !== 'transaction') reader.fail(entries.get('per'), 'count.per: the only value is "transaction"');
			if (where) reader.filter(entries.get('where'), 'count.where');
			const bound = boundOf(reader, entries, body, 'count');
			const expr = [...terms, where].filter(Boolean).join(' ');
			return {at, kind, match: compileFilter(expr, reader.containers), bound, perTransaction: per !== undefined, label: `count ${expr || 'all events'}${per ? ' in each transaction' : ''}: ${boundText(bound)}`};
		}

		case 'order': {
			const types = reader.list(body, 'order').map((item, index) => reader.text(item, `order[${index}]`));
			if (types.length < 2) reader.fail(body, 'order: list at least two event types');
			return {at, kind, types, label: `order ${types.join(' → ')}`};
		}

		case 'every': {
			const entries = reader.map(body, 'every', ['events', 'match']);
			if (!entries.has('events') || !entries.has('match')) reader.fail(body, 'every: give events (which) and match (what each must satisfy)');
			const events = reader.filter(entries.get('events'), 'every.events');
			const match = reader.filter(entries.get('match'), 'every.match');
			return {at, kind, events, match, label: `every ${events.expr}: ${match.expr}`};
		}

		case 'never': {
			const match = reader.filter(body, 'never');
			return {at, kind, match, label: `never ${match.expr}`};
		}

		case 'latency': {
			const entries = reader.map(body, 'latency', ['transaction', 'edge', 'delivery', 'topic', 'p50', 'p95', 'p99']);
			if (entries.has('transaction')) {
				if (entries.size > 1) reader.fail(body, 'latency.transaction: give it alone ({transaction: {max: 5s}})');
				const maxMs = reader.duration(reader.map(entries.get('transaction'), 'latency.transaction', ['max']).get('max'), 'latency.transaction.max');
				return {at, kind: 'transaction-latency', maxMs, label: `each transaction within ${msText(maxMs)}`};
			}

			if (entries.has('edge')) {
				if (entries.has('delivery') || entries.has('topic')) reader.fail(body, 'latency: an edge bound takes edge and p50 / p95 / p99 only');
				const edge = reader.text(entries.get('edge'), 'latency.edge');
				if (!edge.includes('->')) reader.fail(entries.get('edge'), 'latency.edge: expected "FROM->TO", e.g. orders.created->payment.transactions');
				if (edgeName(...edgeNodes(edge)) !== edge) reader.fail(entries.get('edge'), String.raw`latency.edge: a node name holding "->" or "\" is written escaped, "->" as "-\>" and "\" as "\\" (as metrics --json names the edge), e.g. orders-\>eu->shipping`);
				const bounds = quantileBounds(reader, entries, body, 'latency');
				return {at, kind: 'edge-latency', edge, bounds, label: `hop ${edge}: ${quantileText(bounds)}`};
			}

			if (entries.has('delivery')) {
				const delivery = entries.get('delivery')!;
				const bounds = quantileBounds(reader, reader.map(delivery, 'latency.delivery', ['p50', 'p95', 'p99']), delivery, 'latency.delivery');
				const topic = entries.has('topic') ? reader.text(entries.get('topic'), 'latency.topic') : undefined;
				return {at, kind: 'delivery-latency', topic, bounds, label: `delivery${topic ? ` on ${topic}` : ''}: ${quantileText(bounds)}`};
			}

			return reader.fail(body, 'latency: give transaction: {max}, edge: A->B with p95 / p99, or delivery: {p99}');
		}

		case 'alert': {
			const entries = reader.map(body, 'alert', ['rule', 'key', 'fires']);
			const rule = reader.text(entries.get('rule'), 'alert.rule');
			const key = entries.has('key') ? reader.text(entries.get('key'), 'alert.key') : undefined;
			const fires = entries.has('fires') ? reader.boolean(entries.get('fires'), 'alert.fires') : true;
			return {at, kind, rule, key, fires, label: `alert ${rule}${key ? ` ${key}` : ''} ${fires ? 'fires' : 'never fires'}`};
		}

		default: {
			const entries = reader.map(body, 'saga', ['name', ...sagaOutcomes]);
			const saga = reader.text(entries.get('name'), 'saga.name');
			const outcomes: Partial<Record<typeof sagaOutcomes[number], Bound>> = {};
			for (const outcome of sagaOutcomes) if (entries.has(outcome)) outcomes[outcome] = sagaBound(reader, entries.get(outcome)!, `saga.${outcome}`);
			if (Object.keys(outcomes).length === 0) reader.fail(body, `saga: bound at least one of ${sagaOutcomes.join(', ')}`);
			return {at, kind: 'saga', saga, outcomes, label: `saga ${saga}: ${Object.entries(outcomes).map(([name, bound]) => `${name} ${boundText(bound)}`).join('; ')}`};
		}
	}
}

/** A string's template problem (an unknown `{{name}}`), reported at its node. */
function checkTemplates(reader: Reader, node: Node | undefined, what: string): void {
	if (isScalar(node) && typeof node.value === 'string') {
		const problem = templateProblem(node.value);
		if (problem) reader.fail(node, `${what}: ${problem}`);
	} else if (isMap(node)) {
		for (const pair of node.items) checkTemplates(reader, pair.value as Node, `${what}.${isScalar(pair.key) ? String(pair.key.value) : '?'}`);
	} else if (isSeq(node)) {
		for (const [index, item] of node.items.entries()) checkTemplates(reader, item as Node, `${what}[${index}]`);
	}
}

/** Events of a JSON Lines file ({topic, key?, value, headers?, after?} a line), checked for templates. */
function eventsFromFile(reader: Reader, node: Node, file: string): PublishEvent[] {
	let text: string;
	try {
		text = fs.readFileSync(file, 'utf8');
	} catch (error) {
		reader.fail(node, `publish.file: cannot read ${file}: ${fileProblem(error)}`);
	}

	return text.split('\n').flatMap((line, index) => {
		if (line.trim() === '') return [];
		const where = `${file}:${index + 1}`;
		let parsed: unknown;
		try {
			parsed = JSON.parse(line);
		} catch {
			throw new Problem(`${where}: not a JSON line`);
		}

		const event = parsed as {topic?: unknown; value?: unknown; headers?: unknown; after?: unknown};
		if (typeof event?.topic !== 'string' || !('value' in event)) throw new Problem(`${where}: expected {"topic": …, "value": …}`);
		const problem = templateProblem(line) ?? headersProblem(event.headers);
		if (problem) throw new Problem(`${where}: ${problem}`);
		const afterMs = event.after === undefined ? 0 : durationValueMs(event.after);
		if (afterMs === undefined) throw new Problem(`${where}: after: expected a duration like 250ms or 1s`);
		// Read as a recording line reads (its encodings: a recorded binary key, header or value is sent as its bytes).
		const parsedLine = parseRecordingLine(line);
		if (parsedLine.kind !== 'event') throw new Problem(`${where}: expected {"topic": …, "value": …}`);
		const {key, keyEncoding, keySchemaId, headers, headersEncoding, value, valueEncoding, valueText, schemaId} = parsedLine.event;
		return [{topic: event.topic, key, keyEncoding, keySchemaId, value, valueText: valueText && ownValueText(valueText), valueEncoding, schemaId, headers, headersEncoding, afterMs}];
	});
}

/**
 * Why a publish file line's headers cannot be sent, or undefined: each must be text, null (a header without a
 * value) or a list of those. A recording reader keeps any other JSON as its text; a line to publish is an error.
 */
function headersProblem(headers: unknown): string | undefined {
	if (headers === undefined) return undefined;
	if (!isRecord(headers)) return `headers: expected an object of names to text, got ${jsonKind(headers)}`;
	const [name, header] = Object.entries(headers).find(([, item]) => !isHeaderValue(item)) ?? [];
	return name === undefined ? undefined : `headers: "${name}" is ${jsonKind(header)}; a header value is text, null or a list of those (quote it: "${name}": ${JSON.stringify(JSON.stringify(header))})`;
}

/** What kind of JSON a value is, for messages: a number, an object, a list, … */
function jsonKind(value: unknown): string {
	return value === null ? 'null' : Array.isArray(value) ? 'a list holding something else' : typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** The publish step of a scenario: its inline events, then those of its file. */
function publishStep(reader: Reader, node: Node, baseDir: string): Scenario['publish'] {
	const entries = reader.map(node, 'publish', ['to', 'events', 'file']);
	const to = entries.has('to') ? reader.text(entries.get('to'), 'publish.to') : undefined;
	if (to !== undefined && kindOf(to).publisher === undefined) reader.fail(entries.get('to'), `publish.to: expected a ${publishableText()} URL`);
	const events: PublishEvent[] = [];
	for (const [index, item] of (entries.has('events') ? reader.list(entries.get('events'), 'publish.events') : []).entries()) {
		const what = `publish.events[${index}]`;
		const event = reader.map(item, what, ['topic', 'key', 'value', 'headers', 'after']);
		if (!event.has('topic') || !event.has('value')) reader.fail(item, `${what}: give topic and value`);
		checkTemplates(reader, item, what);
		const headers = event.get('headers');
		if (headers !== undefined && (!isMap(headers) || headers.items.some(pair => !isScalar(pair.value) || typeof pair.value.value !== 'string'))) reader.fail(headers, `${what}.headers: expected a mapping of names to text`);
		events.push({
			topic: reader.text(event.get('topic'), `${what}.topic`),
			key: event.has('key') ? reader.text(event.get('key'), `${what}.key`) : undefined,
			value: (event.get('value') as Node).toJSON(),
			headers: headers === undefined ? undefined : (headers as Node).toJSON() as PublishEvent['headers'],
			afterMs: event.has('after') ? reader.duration(event.get('after'), `${what}.after`) : 0,
		});
	}

	if (entries.has('file')) events.push(...eventsFromFile(reader, entries.get('file')!, path.resolve(baseDir, reader.text(entries.get('file'), 'publish.file'))));
	if (events.length === 0) reader.fail(node, 'publish: give events (inline) or file (JSON Lines), or leave publish out');
	return {to, events};
}

/** One scenario mapping; each of its parts (and each expect item) is checked, and every problem found is said. */
function scenario(reader: Reader, node: Node, index: number, baseDir: string): Scenario {
	const problems: string[] = [];
	/** `read()`, or undefined with its problem noted: one mistake does not hide the next. */
	const attempt = <T>(read: () => T): T | undefined => {
		try {
			return read();
		} catch (error) {
			if (!(error instanceof Problem)) throw error;
			problems.push(error.message);
			return undefined;
		}
	};

	const entries = reader.map(node, `scenarios[${index}]`, ['name', 'within', 'transactions', 'scope', 'during', 'publish', 'expect']);
	const name = attempt(() => (entries.has('name') ? reader.text(entries.get('name'), 'name') : `scenario ${index + 1}`));
	const publish = attempt(() => (entries.has('publish') ? publishStep(reader, entries.get('publish')!, baseDir) : undefined));
	const scope = attempt(() => {
		const text = entries.has('scope') ? reader.text(entries.get('scope'), 'scope') : undefined;
		if (text !== undefined && text !== 'published' && text !== 'all') reader.fail(entries.get('scope'), 'scope: expected published or all');
		if (text === 'published' && !entries.has('publish')) reader.fail(entries.get('scope'), 'scope: published needs a publish step');
		return text;
	});
	const during = attempt((): Scenario['during'] => {
		if (!entries.has('during')) return undefined;
		const window = reader.map(entries.get('during'), 'during', ['from', 'to']);
		const range = {
			fromMs: window.has('from') ? reader.duration(window.get('from'), 'during.from') : 0,
			toMs: window.has('to') ? reader.duration(window.get('to'), 'during.to') : Number.POSITIVE_INFINITY,
		};
		if (range.toMs <= range.fromMs) reader.fail(entries.get('during'), 'during: to must be after from');
		return range;
	});
	const items = attempt(() => (entries.has('expect') ? reader.list(entries.get('expect'), 'expect') : []));
	const expect = (items ?? []).map(item => attempt(() => expectation(reader, item)));
	if (items?.length === 0) attempt(() => reader.fail(node, `scenario "${name ?? index + 1}": give at least one expect item`));
	const withinMs = attempt(() => (entries.has('within') ? reader.duration(entries.get('within'), 'within') : defaultWithinMs));
	const transactions = attempt(() => (entries.has('transactions') ? reader.filter(entries.get('transactions'), 'transactions') : undefined));
	if (problems.length > 0) throw new Problem(problems.join('\n'));
	return {
		name: name!,
		at: reader.at(node),
		withinMs: withinMs!,
		transactions,
		publishedOnly: publish !== undefined && scope !== 'all',
		during,
		publish,
		expect: expect as Scenario['expect'],
	};
}

/** A problem for each scenario whose name an earlier one has: the JSON and JUnit reports tell scenarios apart by name. */
function repeatedNames(scenarios: Scenario[]): string[] {
	const first = new Map<string, Scenario>();
	const problems: string[] = [];
	for (const scenario of scenarios) {
		const earlier = first.get(scenario.name);
		if (earlier) problems.push(`${scenario.at}: scenario name "${scenario.name}" is already used at ${earlier.at}; give each scenario its own name (the reports tell them apart by name)`);
		else first.set(scenario.name, scenario);
	}

	return problems;
}

/**
 * Scenarios from a YAML text (`scenarios:` list); `file` names it in messages, `baseDir` resolves publish files, and
 * its filters look for fields in `containers` (config `fields.containers`).
 */
export function parseScenarios(text: string, file: string, baseDir: string, containers: readonly string[]): Scenario[] {
	const {document, lines, problems: syntax} = parseYamlText(text, file);
	if (syntax.length > 0) throw new ScenarioFileError(syntax.join('\n'));

	const reader = new Reader(file, lines, containers);
	const problems: string[] = [];
	const scenarios: Scenario[] = [];
	try {
		const top = reader.map(document.contents, 'scenario file', ['scenarios']);
		for (const [index, node] of reader.list(top.get('scenarios'), 'scenarios').entries()) {
			try {
				scenarios.push(scenario(reader, node, index, baseDir));
			} catch (error) {
				if (!(error instanceof Problem)) throw error;
				problems.push(error.message);
			}
		}
	} catch (error) {
		if (!(error instanceof Problem)) throw error;
		problems.push(error.message);
	}

	problems.push(...repeatedNames(scenarios));
	if (problems.length > 0) throw new ScenarioFileError(problems.join('\n'));
	if (scenarios.length === 0) throw new ScenarioFileError(`${file}: no scenarios`);
	return scenarios;
}

/** Read and check a scenario file; its filters look for fields in `containers` (config `fields.containers`). */
export function loadScenarios(file: string, containers: readonly string[]): Scenario[] {
	let text: string;
	try {
		text = fs.readFileSync(file, 'utf8');
	} catch (error) {
		throw new ScenarioFileError(`cannot read ${file}: ${fileProblem(error)}`);
	}

	return parseScenarios(text, file, path.dirname(path.resolve(file)), containers);
}
