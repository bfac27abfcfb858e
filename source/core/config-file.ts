// pubsub-tools.config.yaml (or --config FILE): read, checked against the schema, merged over the defaults;
// and the effective configuration written back as YAML for `config print`.
import fs from 'node:fs';
import path from 'node:path';
import YAML, {isMap, isScalar, type Document, type LineCounter} from 'yaml';
import {parseYamlText} from './yaml-text.js';
import {defaultConfig, type Config} from './config.js';
import {checkConfig, defineKey, type ConfigProblem} from './config-schema.js';
import {InputError} from './errors.js';

/** The file looked for in the working directory when no --config is given. */
export const configFileName = 'pubsub-tools.config.yaml';

/** A configuration file that cannot be used; the message names the file, line and key, and is meant for the user. */
export class ConfigError extends InputError {
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

/** The line of the key at `written` (the path as the file spells it), when the file has it. */
function lineOf(document: Document, lines: LineCounter, written: string[]): number | undefined {
	let node: unknown = document.contents;
	let line: number | undefined;
	for (const segment of written) {
		if (!isMap(node)) return line;
		const pair = node.items.find(item => isScalar(item.key) && String(item.key.value) === segment);
		if (pair === undefined || !isScalar(pair.key) || pair.key.range === undefined || pair.key.range === null) return line;
		line = lines.linePos(pair.key.range[0]).line;
		node = pair.value;
	}

	return line;
}

/** One line per problem: "file:line: dotted.key: what is wrong". */
function describe(file: string, document: Document, lines: LineCounter, problems: ConfigProblem[]): string {
	return problems.map(problem => {
		const line = lineOf(document, lines, problem.written);
		return `${file}${line === undefined ? '' : `:${line}`}: ${problem.key === '' ? '' : `${problem.key}: `}${problem.message}`;
	}).join('\n');
}

/** The settings a YAML text gives, merged over the defaults; `file` names it in messages. */
export function parseConfig(text: string, file: string): Config {
	const {document, lines, problems: syntax} = parseYamlText(text, file);
	if (syntax.length > 0) throw new ConfigError(syntax.join('\n'));

	const value: unknown = document.toJS();
	if (value === null || value === undefined) return structuredClone(defaultConfig);
	const {settings, problems} = checkConfig(value);
	if (problems.length > 0) throw new ConfigError(describe(file, document, lines, problems));
	return merged(structuredClone(defaultConfig), settings) as Config;
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
		const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (error as Error).message;
		throw new ConfigError(`${file}: cannot read the configuration: ${why}`);
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
