// The prompt's view of a long line: measured in cells as shown, so wide characters and escapes keep the cursor in view.
import stringWidth from 'string-width';
import {describe, expect, it} from 'vitest';
import {sanitize, sanitizedPieces} from '../../source/core/sanitize.js';
import {lineOf, lineView} from '../../source/ui/state/line-edit.js';

describe('lineView', () => {
	it('keeps the cursor and the end of a long line of wide characters within the width', () => {
		const line = lineOf(`tx ORD-${'Y'.repeat(60)}注文注文注文🇫🇷`);
		const view = lineView(line, 40);
		expect(view.endsWith('注文注文注文🇫🇷▏')).toBe(true);
		expect(stringWidth(view)).toBeLessThanOrEqual(40);
		expect(view.startsWith('…')).toBe(true);
	});

	it('counts an escape as the cells it is shown in, and never shows a raw control', () => {
		const line = lineOf(`id:${'\u001B[2J'.repeat(20)}end`);
		const view = lineView(line, 30);
		expect(view).toMatch(/\\e\[2Jend▏$/);
		expect(view).not.toContain('\u001B');
		expect(stringWidth(view)).toBeLessThanOrEqual(30);
	});

	it('shows the line from its start while the cursor is near it (what does not fit, the footer cuts)', () => {
		expect(lineView({text: 'status:error', cursor: 6}, 40)).toBe('status▏:error');
		expect(lineView({text: 'abcdefghij', cursor: 2}, 6)).toBe('ab▏cdefghij');
	});

	it('splits text into pieces that join to what sanitize shows', () => {
		for (const text of ['plain', 'a\u001B]0;x\u0007b', '👩\u200D👩\u200D👧 क्\u200Dष', 'ORD-\uD800x\uDC00', '🏳️\u200D🌈 1️⃣ 🇫🇷']) {
			expect(sanitizedPieces(text).join('')).toBe(sanitize(text));
			expect(sanitizedPieces(text)).toHaveLength([...text].length);
		}
	});
});
