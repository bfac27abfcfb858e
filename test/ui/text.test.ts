import {describe, expect, it} from 'vitest';
import {displayWidth, fit, truncate} from '../../source/ui/text/width.js';
import {layoutSegments} from '../../source/ui/components/line.js';

describe('text width', () => {
	it('counts wide characters as two cells and combining marks as none', () => {
		expect(displayWidth('abc')).toBe(3);
		expect(displayWidth('注文')).toBe(4);
		expect(displayWidth('e\u0301')).toBe(1);
		expect(displayWidth('✓ ok')).toBe(4);
		expect(fit('a\u001Bb', 5)).toBe('a\\eb ');
	});

	it('truncates with an ellipsis and pads to an exact width', () => {
		expect(truncate('orders.created', 8)).toBe('orders.…');
		expect(truncate('short', 8)).toBe('short');
		expect(truncate('注文注文', 5)).toBe('注文…');
		expect(fit('ab', 4)).toBe('ab  ');
		expect(fit('ab', 4, 'right')).toBe('  ab');
		expect(fit('abcdef', 4)).toBe('abc…');
		expect(truncate('x', 0)).toBe('');
	});
});

describe('line layout', () => {
	it('shows escape sequences as visible text and fits the width', () => {
		const segments = layoutSegments(['title \u001B]0;pwned\u0007 end'], 80);
		expect(segments[0]!.text).toBe('title \\e]0;pwned\\a end');
		expect(segments.map(segment => segment.text).join('')).not.toContain('\u001B');
	});

	it('cuts later segments first and pads when asked', () => {
		const segments = layoutSegments([{text: 'abcd', bold: true}, 'efghij'], 7, true);
		expect(segments).toEqual([{text: 'abcd', bold: true}, {text: 'ef…'}]);
		expect(layoutSegments(['ab'], 5, true)).toEqual([{text: 'ab   '}]);
	});
});
