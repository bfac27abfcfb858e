// prettyJson writes what JSON.stringify writes, numbers aside: the event's JSON depends on it matching.
import {describe, expect, it} from 'vitest';
import {prettyJson} from '../../source/core/pretty-json.js';

const sample = {
	text: 'a "quoted" \u001B line\n', number: -0, fraction: 1.5, big: 1e21, nan: Number.NaN, yes: true, nothing: null, missing: undefined,
	empty: {}, none: [], list: [1, undefined, 'two', [[]], {deep: {deeper: [3]}}], ['__proto__']: 1, '2': 'integer-like names come first',
};

describe('prettyJson', () => {
	it('writes plain data as JSON.stringify does, pretty and compact', () => {
		for (const gap of ['  ', '\t', '']) expect(prettyJson(sample, gap, String)).toBe(JSON.stringify(sample, null, gap));
		expect(prettyJson(undefined, '  ', String)).toBeUndefined();
	});

	it('writes each finite number as asked, given its path', () => {
		const paths: unknown[] = [];
		const text = prettyJson({a: [1, {b: 2}], c: Number.POSITIVE_INFINITY}, '', (value, path) => {
			paths.push([...path]);
			return `${value}0`;
		});
		expect(text).toBe('{"a":[10,{"b":20}],"c":null}');
		expect(paths).toEqual([['a', 0], ['a', 1, 'b']]);
	});
});
