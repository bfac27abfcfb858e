// The filter language's syntax (event-model.md "Filter expressions"): space-separated terms, `field:value`,
// `field>n` `<` `>=` `<=`, `!term`, bare words and "quoted words".
import {numericValue} from '../fields.js';

/** A comparison operator of `field>n` terms. */
export type CompareOperator = '>' | '<' | '>=' | '<=';

/** One parsed term of a filter expression. */
export type FilterTerm =
	| {kind: 'field'; negated: boolean; field: string; path: string[]; pattern: string}
	| {kind: 'compare'; negated: boolean; field: string; path: string[]; operator: CompareOperator; number: number; written: string}
	| {kind: 'text'; negated: boolean; pattern: string};

/** A filter expression that cannot be parsed; `column` (1-based, in characters as drawn) points at the problem. */
export class FilterSyntaxError extends Error {
	constructor(problem: string, readonly column: number) {
		super(`${problem} at column ${column}`);
		this.name = 'FilterSyntaxError';
	}
}

/** Whether a character ends an unquoted word. */
function isSpace(char: string | undefined): boolean {
	return char === ' ' || char === '\t' || char === '\n' || char === '\r';
}

const graphemes = new Intl.Segmenter();

/** Reads terms left to right; `at` is the 0-based position of the next character. */
class Parser {
	private at = 0;

	constructor(private readonly expr: string) {}

	/** The 1-based column of the character at `index`, counted as a reader counts them: a character drawn as one (👍, é) is one. */
	private column(index: number): number {
		let column = 1;
		for (const _ of graphemes.segment(this.expr.slice(0, index))) column++;
		return column;
	}

	terms(): FilterTerm[] {
		const terms: FilterTerm[] = [];
		for (;;) {
			while (isSpace(this.expr[this.at])) this.at++;
			if (this.at >= this.expr.length) return terms;
			terms.push(this.term());
		}
	}

	private term(): FilterTerm {
		const start = this.at;
		const negated = this.expr[this.at] === '!';
		if (negated) {
			this.at++;
			if (this.at >= this.expr.length || isSpace(this.expr[this.at])) throw new FilterSyntaxError('"!" must be followed by a term', this.column(start));
		}

		if (this.expr[this.at] === '"') return {kind: 'text', negated, pattern: this.quoted()};
		const fieldStart = this.at;
		while (this.at < this.expr.length && !isSpace(this.expr[this.at]) && !':<>'.includes(this.expr[this.at]!)) this.at++;
		const field = this.expr.slice(fieldStart, this.at);
		const operatorChar = this.expr[this.at];
		if (operatorChar === undefined || isSpace(operatorChar)) return {kind: 'text', negated, pattern: field};
		if (field === '') throw new FilterSyntaxError(`empty field name before "${operatorChar}"`, this.column(this.at));
		const path = field.split('.');
		if (path.includes('')) throw new FilterSyntaxError(`empty part in field path "${field}"`, this.column(fieldStart));
		this.at++;
		if (operatorChar === ':') {
			const valueStart = this.at;
			const pattern = this.value();
			if (pattern === undefined) throw new FilterSyntaxError(`missing value after "${field}:"`, this.column(valueStart));
			return {kind: 'field', negated, field, path, pattern};
		}

		let operator: CompareOperator = operatorChar === '>' ? '>' : '<';
		if (this.expr[this.at] === '=') {
			operator = operator === '>' ? '>=' : '<=';
			this.at++;
		}

		const valueStart = this.at;
		const text = this.value();
		// As values are read (numericValue): `0x10` is no amount there, so it is no bound here.
		const number = text === undefined ? undefined : numericValue(text);
		if (number === undefined) {
			const got = text === undefined ? 'nothing' : `"${text}"`;
			throw new FilterSyntaxError(`expected a number after "${field}${operator}", got ${got}`, this.column(valueStart));
		}

		return {kind: 'compare', negated, field, path, operator, number, written: text!};
	}

	/** The value after an operator: quoted, or up to the next space; undefined when there is none. */
	private value(): string | undefined {
		if (this.expr[this.at] === '"') return this.quoted();
		const start = this.at;
		while (this.at < this.expr.length && !isSpace(this.expr[this.at])) this.at++;
		return this.at === start ? undefined : this.expr.slice(start, this.at);
	}

	/** A "quoted" string (\" and \\ escape) that must end the term. */
	private quoted(): string {
		const open = this.at;
		let text = '';
		this.at++;
		for (;;) {
			const char = this.expr[this.at];
			if (char === undefined) throw new FilterSyntaxError('unterminated quote', this.column(open));
			this.at++;
			if (char === '"') break;
			if (char === '\\' && (this.expr[this.at] === '"' || this.expr[this.at] === '\\')) {
				text += this.expr[this.at];
				this.at++;
			} else {
				text += char;
			}
		}

		if (this.at < this.expr.length && !isSpace(this.expr[this.at])) throw new FilterSyntaxError('expected a space after the closing quote', this.column(this.at));
		return text;
	}
}

/** Parse a filter expression into its terms (all must match); throws FilterSyntaxError. */
export function parseFilter(expr: string): FilterTerm[] {
	return new Parser(expr).terms();
}
