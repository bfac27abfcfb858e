// YAML for plugins that read their own files (saga definitions): the parsed value, and where each part of it is
// written, so a plugin's error names the file, line and column a user must fix.
import YAML, {isMap, isSeq, LineCounter, type Node} from 'yaml';
import {yamlValue} from '../core/yaml-text.js';

/** A path into a parsed document: keys of mappings and indexes of sequences. */
export type YamlPath = ReadonlyArray<string | number>;

/** A parsed YAML text and the positions of its parts. */
export type YamlDocument = {
	/** The data, as plain objects, arrays and scalars. */
	value: unknown;
	/** `file:line:column` of the node at `path` (of its nearest written parent when the path is not written). */
	where(path: YamlPath): string;
};

/** Parse `text` read from `file`; a syntax error throws an Error whose message starts with `file:line:column:`. */
export function parseYaml(text: string, file: string): YamlDocument {
	const lines = new LineCounter();
	const document = YAML.parseDocument(text, {lineCounter: lines, prettyErrors: false});
	const [error] = document.errors;
	if (error) {
		const at = lines.linePos(error.pos[0]);
		throw new Error(`${file}:${at.line}:${at.col}: not valid YAML: ${error.message.split('\n')[0]}`);
	}

	const position = (node: Node | undefined) => {
		const at = lines.linePos(node?.range?.[0] ?? 0);
		return `${file}:${at.line}:${at.col}`;
	};

	const {value, problem} = yamlValue(document, file);
	if (problem !== undefined) throw new Error(problem);
	return {
		value,
		where(path) {
			let node = document.contents as Node | null;
			let found: Node | undefined = node ?? undefined;
			for (const part of path) {
				if (isMap(node)) {
					const pair = node.items.find(item => (item.key as {value?: unknown} | null)?.value === part);
					node = (pair?.value ?? pair?.key ?? null) as Node | null;
				} else if (isSeq(node) && typeof part === 'number') {
					node = (node.items[part] ?? null) as Node | null;
				} else {
					node = null;
				}

				if (!node) break;
				found = node;
			}

			return position(found);
		},
	};
}
