// JSON text written as JSON.stringify(value, null, gap) writes it, except that each number is written by the caller,
// who knows its path: JSON.stringify can only write the double JSON.parse made, which for an integer beyond 2^53
// may not be the number that was sent (Node 20 has no JSON.rawJSON).

/** Where a number is: member names and array indexes from the top. */
export type JsonPath = ReadonlyArray<string | number>;

/** The text of a finite number at `path`. */
export type NumberText = (value: number, path: JsonPath) => string;

/** A value already written as JSON text, written as it is (what JSON.rawJSON is in later Node versions). */
export class RawJson {
	constructor(readonly text: string) {}

	/** What JSON.stringify writes of it, which cannot write raw text: the text as a string. */
	toJSON(): string {
		return this.text;
	}
}

/** The JSON text of `value` (plain data, as JSON.parse makes), or undefined where JSON.stringify leaves it out. */
function write(value: unknown, indent: string, gap: string, path: Array<string | number>, numberText: NumberText): string | undefined {
	if (typeof value === 'number') return Number.isFinite(value) ? numberText(value, path) : 'null';
	if (value instanceof RawJson) return value.text;
	if (value === null || typeof value !== 'object') return JSON.stringify(value);
	const inner = indent + gap;
	const items: string[] = [];
	if (Array.isArray(value)) {
		for (let index = 0; index < value.length; index++) {
			path.push(index);
			items.push(write(value[index], inner, gap, path, numberText) ?? 'null');
			path.pop();
		}
	} else {
		for (const key of Object.keys(value)) {
			path.push(key);
			const text = write((value as Record<string, unknown>)[key], inner, gap, path, numberText);
			path.pop();
			if (text !== undefined) items.push(`${JSON.stringify(key)}:${gap ? ' ' : ''}${text}`);
		}
	}

	const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
	if (items.length === 0) return open + close;
	return gap ? `${open}\n${inner}${items.join(`,\n${inner}`)}\n${indent}${close}` : `${open}${items.join(',')}${close}`;
}

/** `value` as JSON.stringify(value, null, gap) writes it, each finite number as `numberText` writes it. */
export function prettyJson(value: unknown, gap: string, numberText: NumberText): string | undefined {
	return write(value, '', gap, [], numberText);
}
