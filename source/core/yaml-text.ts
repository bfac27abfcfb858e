// YAML read with positions: the document, its line counter, and its syntax errors as `file:line:col` lines.
import YAML, {LineCounter, type Document} from 'yaml';

/** A parsed YAML text and where its nodes are. */
export type PositionedYaml = {document: Document; lines: LineCounter};

/** Parse `text`; `problems` has one `file:line:col: not valid YAML: …` line per syntax error (empty when none). */
export function parseYamlText(text: string, file: string): PositionedYaml & {problems: string[]} {
	const lines = new LineCounter();
	const document = YAML.parseDocument(text, {lineCounter: lines, prettyErrors: false});
	const problems = document.errors.map(error => {
		const at = lines.linePos(error.pos[0]);
		return `${file}:${at.line}:${at.col}: not valid YAML: ${error.message.split('\n')[0]}`;
	});
	return {document, lines, problems};
}

/** The document as plain data, or `file: not valid YAML: …` when its aliases expand without bound ("billion laughs"), which the library refuses only here. */
export function yamlValue(document: Document, file: string): {value: unknown; problem?: undefined} | {value?: undefined; problem: string} {
	try {
		return {value: document.toJS() as unknown};
	} catch (error) {
		return {problem: `${file}: not valid YAML: ${(error as Error).message}`};
	}
}
