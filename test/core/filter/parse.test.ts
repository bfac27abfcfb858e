import {describe, expect, it} from 'vitest';
import {FilterSyntaxError, parseFilter} from '../../../source/core/filter/parse.js';

/** The error a bad expression raises. */
function syntaxError(expr: string): FilterSyntaxError {
	try {
		parseFilter(expr);
	} catch (error) {
		if (error instanceof FilterSyntaxError) return error;
		throw error;
	}

	throw new Error(`no error for ${expr}`);
}

describe('parseFilter', () => {
	it('splits terms on spaces and reads each kind', () => {
		expect(parseFilter('  orderId:ORD-1   amount>=10 !method:paypal ERROR "two words" !"x y" customer.tier:"gold plus" ')).toEqual([
			{kind: 'field', negated: false, field: 'orderId', path: ['orderId'], pattern: 'ORD-1'},
			{kind: 'compare', negated: false, field: 'amount', path: ['amount'], operator: '>=', number: 10, written: '10'},
			{kind: 'field', negated: true, field: 'method', path: ['method'], pattern: 'paypal'},
			{kind: 'text', negated: false, pattern: 'ERROR'},
			{kind: 'text', negated: false, pattern: 'two words'},
			{kind: 'text', negated: true, pattern: 'x y'},
			{kind: 'field', negated: false, field: 'customer.tier', path: ['customer', 'tier'], pattern: 'gold plus'},
		]);
	});

	it('reads every comparison operator and signed or fractional numbers', () => {
		expect(parseFilter('a>1 b<-2 c>=0.5 d<=1e3').map(term => term.kind === 'compare' && [term.operator, term.number]))
			.toEqual([['>', 1], ['<', -2], ['>=', 0.5], ['<=', 1000]]);
	});

	it('keeps everything after the first colon as the value', () => {
		expect(parseFilter('url:http://x/y edge:A->B')).toEqual([
			{kind: 'field', negated: false, field: 'url', path: ['url'], pattern: 'http://x/y'},
			{kind: 'field', negated: false, field: 'edge', path: ['edge'], pattern: 'A->B'},
		]);
	});

	it('unescapes \\" and \\\\ inside quotes and allows an empty quoted value', () => {
		expect(parseFilter(String.raw`"say \"hi\" \\ now" note:""`)).toEqual([
			{kind: 'text', negated: false, pattern: String.raw`say "hi" \ now`},
			{kind: 'field', negated: false, field: 'note', path: ['note'], pattern: ''},
		]);
	});

	it('parses an empty or blank expression to no terms', () => {
		expect(parseFilter('')).toEqual([]);
		expect(parseFilter(' \t ')).toEqual([]);
	});

	it('reports each syntax error with a message and the 1-based column', () => {
		const cases: Array<[string, string, number]> = [
			['status:error "open', 'unterminated quote', 14],
			['note:"open', 'unterminated quote', 6],
			['amount>abc', 'expected a number after "amount>", got "abc"', 8],
			['amount>=', 'expected a number after "amount>=", got nothing', 9],
			['x amount< 5', 'expected a number after "amount<", got nothing', 10],
			[':value', 'empty field name before ":"', 1],
			['a >5', 'empty field name before ">"', 3],
			['orderId:', 'missing value after "orderId:"', 9],
			['customer..id:1', 'empty part in field path "customer..id"', 1],
			['ok !', '"!" must be followed by a term', 4],
			['"a"b', 'expected a space after the closing quote', 4],
		];
		for (const [expr, problem, column] of cases) {
			const error = syntaxError(expr);
			expect([error.message, error.column], expr).toEqual([`${problem} at column ${column}`, column]);
		}
	});
});
