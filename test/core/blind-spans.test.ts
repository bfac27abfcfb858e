import {describe, expect, it} from 'vitest';
import {BlindSpans} from '../../source/core/blind-spans.js';

describe('blind spans', () => {
	it('runs a span from the first note without a connected source to the last, open while none is connected', () => {
		const spans = new BlindSpans();
		spans.note(1000, false);
		spans.note(2000, true);
		spans.note(3000, false);
		spans.note(4000, false);
		expect(spans.list()).toEqual([{from: 1000, to: 1000}, {from: 3000}]);
		spans.note(5000, true);
		spans.note(6000, true);
		expect(spans.list()).toEqual([{from: 1000, to: 1000}, {from: 3000, to: 4000}]);
	});

	it('keeps the spans of the last hour', () => {
		const spans = new BlindSpans();
		spans.note(0, false);
		spans.note(1000, true);
		spans.note(3_599_500, false);
		expect(spans.list()).toEqual([{from: 0, to: 0}, {from: 3_599_500}]);
		// The first span ended more than an hour ago.
		spans.note(3_600_500, false);
		expect(spans.list()).toEqual([{from: 3_599_500}]);
	});
});
