// pubsub-tools.config.yaml (or --config FILE): read, merged over the defaults, checked against the schema (config.ts);
// and the effective configuration written back as YAML for `config print`.
import fs from 'node:fs';
import path from 'node:path';
import YAML, {isMap, isScalar, type Document, type LineCounter} from 'yaml';
import {parseYamlText, yamlValue} from './yaml-text.js';
import {ruleNames} from './alerts/rules.js';
import {configSchema, defaultConfig, type Config} from './config.js';
import {checkSettings, defineKey} from './config-schema.js';
import {InputError} from './errors.js';
import {fileProblem} from './file-problem.js';

/** The file looked for in the working directory when no --config is given. */
export const configFileName = 'pubsub-tools.config.yaml';

/** A configuration file that cannot be used (bad usage: exit 2); the message names the file, line and key, and is meant for the user. */
export class ConfigError extends InputError {
	readonly exitCode = 2;
	constructor(message: string) {
		super(message);
		this.name = 'ConfigError';
	}
}

/** Where to look: an explicit --config path (relative to cwd), else pubsub-tools.config.yaml in cwd when present. */
export type LoadConfigOptions = {path?: string; cwd: string};

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** `base` with `over` merged in: mappings merge key by key, anything else (lists included) replaces. */
function merged(base: unknown, over: unknown): unknown {
	if (!isPlainObject(base) || !isPlainObject(over)) return over;
	const result: Record<string, unknown> = {...base};
	for (const [key, value] of Object.entries(over)) defineKey(result, key, merged(Object.hasOwn(base, key) ? base[key] : undefined, value));
	return result;
}

/** A mapping with names written nested ("fraud: {velocity: x}") as the dotted names of `known` they stand for. */
function withDottedNames(value: Record<string, unknown>, known: readonly string[]): Record<string, unknown> {
	const result: Record<string, unknown> = {};
	for (const [name, inner] of Object.entries(value)) {
		const within = known.filter(candidate => candidate.startsWith(`${name}.`)).map(candidate => candidate.slice(name.length + 1));
		if (known.includes(name) || !isPlainObject(inner) || within.length === 0) defineKey(result, name, inner);
		else for (const [nested, setting] of Object.entries(withDottedNames(inner, within))) defineKey(result, `${name}.${nested}`, setting);
	}

	return result;
}

/** The file's value with alert rules written nested under a part of their name ("fraud: {velocity: …}") named in full. */
function withRuleNames(value: unknown): unknown {
	if (isPlainObject(value) && isPlainObject(value.alerts) && isPlainObject(value.alerts.rules)) {
		defineKey(value.alerts, 'rules', withDottedNames(value.alerts.rules, ruleNames));
	}

	return value;
}

/** Where the key at `path` is written: its offset and line, or those of its deepest written parent (a dotted name may be written nested). */
function positionOf(document: Document, lines: LineCounter, path: readonly string[]): {offset: number; line: number} | undefined {
	let node: unknown = document.contents;
	let position: {offset: number; line: number} | undefined;
	const rest = [...path];
	while (rest.length > 0 && isMap(node)) {
		const segment = rest[0]!;
		const pair = node.items.find(item => isScalar(item.key) && String(item.key.value) === segment)
			?? node.items.find(item => isScalar(item.key) && segment.startsWith(`${String(item.key.value)}.`));
		if (pair === undefined || !isScalar(pair.key) || !pair.key.range) return position;
		const name = String(pair.key.value);
		if (name === segment) rest.shift();
		else rest[0] = segment.slice(name.length + 1);
		position = {offset: pair.key.range[0], line: lines.linePos(pair.key.range[0]).line};
		node = pair.value;
	}

	return position;
}

/** One line per problem, in the order the file has them: "file:line: dotted.key: what is wrong". */
function describe(file: string, document: Document, lines: LineCounter, problems: ReadonlyArray<{path: string[]; message: string}>): string {
	return problems
		.map(problem => ({...problem, at: positionOf(document, lines, problem.path)}))
		.sort((a, b) => (a.at?.offset ?? -1) - (b.at?.offset ?? -1))
		.map(({path, message, at}) => `${file}${at === undefined ? '' : `:${at.line}`}: ${path.length === 0 ? '' : `${path.join('.')}: `}${message}`)
		.join('\n');
}

/** The settings a YAML text gives, merged over the defaults; `file` names it in messages. */
export function parseConfig(text: string, file: string): Config {
	const {document, lines, problems: syntax} = parseYamlText(text, file);
	if (syntax.length > 0) throw new ConfigError(syntax.join('\n'));

	const {value, problem} = yamlValue(document, file);
	if (problem !== undefined) throw new ConfigError(problem);
	if (value === null || value === undefined) return structuredClone(defaultConfig);
	const checked = checkSettings(configSchema, merged(structuredClone(defaultConfig), withRuleNames(value)));
	if (!checked.ok) throw new ConfigError(describe(file, document, lines, checked.problems));
	return checked.settings;
}

/** The effective configuration: defaults, with the config file (if any) merged over them; throws ConfigError. */
export function loadConfig(options: LoadConfigOptions): Config {
	const file = options.path ?? configFileName;
	const full = path.resolve(options.cwd, file);
	let text: string;
	try {
		text = fs.readFileSync(full, 'utf8');
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (options.path === undefined && code === 'ENOENT') return structuredClone(defaultConfig);
		throw new ConfigError(`${file}: cannot read the configuration: ${fileProblem(error)}`);
	}

	return parseConfig(text, file);
}

/** The configuration as YAML that `loadConfig` reads back to the same settings (for `config print`). */
export function formatConfig(config: Config): string {
	const document = new YAML.Document(config);
	// Field lists on one line each: the printout stays short enough to read and edit.
	YAML.visit(document, {
		Seq(_key, node) {
			node.flow = true;
		},
	});
	document.commentBefore = [
		' Effective pubsub-tools configuration: the defaults with pubsub-tools.config.yaml (or --config FILE) merged over them.',
		' Durations are in milliseconds; when editing, 30s, 5m, 1h also work. Lists replace the default list.',
	].join('\n');
	return document.toString({lineWidth: 0});
}
