import {describe, expect, it} from 'vitest';
import {displayWidth, fit, truncate} from '../../source/ui/text/width.js';
import {layoutSegments} from '../../source/ui/components/line.js';
import {distinctCut} from '../../source/ui/text/distinct-names.js';

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

describe('names cut where they differ', () => {
	const topics = ['orders', 'payments', 'refunds'].map(name => `prod.eu-west-1.commerce.${name}.v2-events`);

	it('gives way the start and end the names share, then the end, then the middle\'s end', () => {
		expect(topics.map(distinctCut(topics, 20))).toEqual(['…orders.v2-events', '…payments.v2-events', '…refunds.v2-events']);
		expect(topics.map(distinctCut(topics, 12))).toEqual(['…orders…', '…payments…', '…refunds…']);
		expect(topics.map(distinctCut(topics, 6))).toEqual(['…orde…', '…paym…', '…refu…']);
		// Each cut is as wide as the width at most.
		for (const width of [1, 2, 5, 9, 17]) for (const name of topics) expect(displayWidth(distinctCut(topics, width)(name))).toBeLessThanOrEqual(width);
	});

	it('keeps names that fit whole, and a name alone or sharing nothing cut at its usual end', () => {
		expect(topics.map(distinctCut(topics, 60))).toEqual(topics);
		expect(distinctCut([topics[0]!], 12)(topics[0]!)).toBe(truncate(topics[0]!, 12));
		expect(distinctCut([topics[0]!], 12, 'end')(topics[0]!)).toBe('…s.v2-events');
		expect(distinctCut([...topics, '203.0.113.20'], 12)('203.0.113.20')).toBe('203.0.113.20');
		expect(distinctCut(['alpha-one', 'beta-two'], 6)('alpha-one')).toBe('alpha…');
	});

	it('gives way only the end a name shares when it shares no start: never all of it but that end', () => {
		// `verylongprefix.ids` shares `.ids` with `a.ids` and no start: it read `.ids`, a name of its own, with no `…`.
		expect(distinctCut(['a.ids', 'verylongprefix.ids'], 10)('verylongprefix.ids')).toBe('verylongp…');
		expect(distinctCut(['a.ids', 'verylongprefix.ids'], 16)('verylongprefix.ids')).toBe('verylongprefix…');
		// An invisible character, shown escaped, made the name too wide for its column: it read `.ids` too.
		expect(distinctCut(['invisible.ids', 'inv\u2062isible.ids'], 18)('inv\u2062isible.ids')).toBe('inv\\u2062isible…');
	});

	it('keeps the other end when the cuts would still read alike', () => {
		// `x.a` and `y.a` both give way a shared start to `…a`: ends alike, the starts tell them apart.
		const names = ['x.a.long-tail', 'x.b.long-tail', 'y.a.long-tail', 'y.b.long-tail'];
		const cut = distinctCut(names, 8);
		expect(new Set(names.map(cut)).size).toBe(names.length);
	});
});
