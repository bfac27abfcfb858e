// The definitions a run follows: the built-in ones, then the config's `pluginOptions.sagas.definitions`, then the
// file of `pluginOptions.sagas.file` or `--sagas FILE`; a later definition with the name of an earlier one replaces it.
import fs from 'node:fs';
import path from 'node:path';
import {parseYaml, type StageContext} from '../../source/plugin-api/index.js';
import {builtInDefinitions} from './built-in.js';
import {checkDefinitions, DefinitionError, type SagaDefinition} from './definition.js';
import type {SagaState} from './tracker.js';

/** The definitions in a YAML file (a list, or a mapping with `sagas:`); errors name file:line:column. */
function loadDefinitionFile(file: string): SagaDefinition[] {
	let text: string;
	try {
		text = fs.readFileSync(file, 'utf8');
	} catch (error) {
		throw new DefinitionError(`${file}: cannot read the saga definitions: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
	}

	let document;
	try {
		document = parseYaml(text, file);
	} catch (error) {
		throw new DefinitionError((error as Error).message);
	}

	return checkDefinitions(document.value, [], document.where);
}

/** `definitions` with `added` merged in: same name replaces, new names go last. */
function merged(definitions: readonly SagaDefinition[], added: readonly SagaDefinition[]): SagaDefinition[] {
	const result = [...definitions];
	for (const definition of added) {
		const index = result.findIndex(other => other.name === definition.name);
		if (index === -1) result.push(definition);
		else result[index] = definition;
	}

	return result;
}

/** A config path written for messages: pluginOptions.sagas.definitions[0].steps[1]. */
function configPath(parts: ReadonlyArray<string | number>): string {
	return parts.reduce<string>((text, part) => (typeof part === 'number' ? `${text}[${part}]` : `${text}.${part}`), 'pluginOptions.sagas');
}

/** What the run follows, and what a headless command asked to be listed. */
export class SagaCatalog {
	private definitionList: SagaDefinition[];
	/** When set, the stage keeps every instance that ends in this state (`saga --list STATE`). */
	listState?: SagaState;
	/** Names of the sagas the running engine's input has shown (set by the stage; read by the transaction view). */
	readonly shown = new Set<string>();
	/** The running engine's `fields.containers`, where fields are also looked for (set by the stage; read by the transaction view). */
	containers: readonly string[] = [];
	/** The running engine's `fields`, by which the transaction view masks a failure's reason (set by the stage). */
	fields?: StageContext['config']['fields'];

	/** From the plugin's options: `definitions` (a list) and `file` (relative to `cwd`). */
	constructor(options: Readonly<Record<string, unknown>>, cwd = process.cwd()) {
		const known = ['definitions', 'file'];
		for (const key of Object.keys(options)) {
			if (!known.includes(key)) throw new DefinitionError(`${configPath([key])}: unknown setting (expected definitions or file)`);
		}

		let list = builtInDefinitions;
		if (options.definitions !== undefined) list = merged(list, checkDefinitions(options.definitions, ['definitions'], configPath));
		if (options.file !== undefined) {
			if (typeof options.file !== 'string') throw new DefinitionError(`${configPath(['file'])}: expected the path of a YAML file`);
			list = merged(list, loadDefinitionFile(path.resolve(cwd, options.file)));
		}

		this.definitionList = list;
	}

	/** The definitions in force. */
	definitions(): SagaDefinition[] {
		return this.definitionList;
	}

	/** Add the definitions of `file` (`--sagas FILE`). */
	addFile(file: string): void {
		this.definitionList = merged(this.definitionList, loadDefinitionFile(file));
	}
}
