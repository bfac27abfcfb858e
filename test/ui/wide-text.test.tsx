// Emoji, ZWJ sequences, skin tones, CJK and combining marks in topics, types and payloads: every row of a table keeps
// its columns where Ink draws them (widths as string-width counts them, as Ink does) at 80 columns.
import fs from 'node:fs';
import path from 'node:path';
import stringWidth from 'string-width';
import {describe, expect, it} from 'vitest';
import {renderApp, replaySession, sessionPerBlock} from './support/app-harness.js';
import {useTempDir as tempDirPerTest} from '../support/temp-dir.js';
import {displayWidth, fit, truncate, truncateStart, wrap} from '../../source/ui/text/width.js';

const temp = tempDirPerTest('pubsub-wide-');

// Each topic and type holds a different kind of wide or zero-width text; plain ASCII ones are the reference rows.
const kinds = [
	{topic: 'orders.plain', type: 'OrderCreated'},
	{topic: 'launch.🚀✅⌚', type: 'Launched🚀'},
	{topic: 'team.👍🏽👍🏽', type: 'Liked👍🏽'},
	{topic: 'dev.🧑‍💻builds', type: 'Built🧑‍💻'},
	{topic: '注文.イベント', type: '注文作成'},
	{topic: 'cafe\u0301.e\u0301ve\u0301nts', type: 'Re\u0301sume\u0301'},
	{topic: 'a-very-long-topic-name-注文-🚀-that-is-cut', type: 'AVeryLongTypeName注文🧑‍💻Cut'},
];

function writeRecording(): string {
	const file = path.join(temp.path, 'wide.jsonl');
	const lines = kinds.map((kind, index) => {
		const at = Date.UTC(2026, 0, 15, 10, 0, index);
		const value = {eventType: kind.type, orderId: `ORD-${index}`, note: `${kind.topic} ${kind.type} 👍🏽🧑‍💻注文e\u0301`, timestamp: new Date(at).toISOString()};
		return JSON.stringify({topic: kind.topic, value, timestamp: new Date(at).toISOString(), recordedAt: new Date(at + 20).toISOString(), partition: 0, offset: String(index)});
	});
	fs.writeFileSync(file, `${lines.join('\n')}\n`);
	return file;
}

/** The cell at which `marker` starts on `line`, as a terminal (and Ink) places it. */
const cellOf = (line: string, marker: string) => stringWidth(line.slice(0, line.indexOf(marker)));

describe('text width as Ink measures it', () => {
	it('counts emoji, ZWJ sequences and skin-toned emoji as one 2-cell cluster, CJK as 2, combining marks as 0', () => {
		expect(displayWidth('🚀')).toBe(2);
		expect(displayWidth('✅')).toBe(2);
		expect(displayWidth('⌚')).toBe(2);
		expect(displayWidth('👍🏽')).toBe(2);
		expect(displayWidth('🧑‍💻')).toBe(2);
		expect(displayWidth('注文')).toBe(4);
		expect(displayWidth('cafe\u0301')).toBe(4);
	});

	it('keeps an id\'s end in whole clusters: a flag is not split into another one, a combining mark keeps its letter', () => {
		expect(truncateStart('ORD-🇫🇷🇯🇵', 4)).toBe('…🇯🇵');
		expect(truncateStart('ab注\u0301c', 2)).toBe('…c');
		expect(truncateStart('ORD-e\u0301e\u0301', 3)).toBe('…e\u0301e\u0301');
		expect(truncateStart('ORD-123456', 4)).toBe('…456');
	});

	it('wraps before an escape rather than through it', () => {
		expect(wrap('ORD-👍🏽🧑‍💻ORD-👍🏽🧑‍💻', 12, 4)).toEqual(['ORD-👍', '\\u{1f3fd}🧑', '\\u200d💻ORD-', '👍\\u{1f3fd}…']);
		expect(wrap('abcdefgh\u001B[2Jx', 9, 2)).toEqual(['abcdefgh', '\\e[2Jx']);
		expect(wrap('abcdefghij', 4, 3)).toEqual(['abcd', 'efgh', 'ij']);
	});

	it('breaks only at a space that stands alone: one carrying a mark or joiner left it to start the next line, drawn on nothing', () => {
		expect(wrap('abcd \u0301efgh', 6, 3)).toEqual(['abcd \u0301e', 'fgh']);
		expect(wrap('abcd \u200Defgh ij', 6, 3)).toEqual(['abcd \u200De', 'fgh ij']);
		expect(wrap('abcd efgh', 6, 3)).toEqual(['abcd', 'efgh']);
		// A line that ends where such a space begins keeps it for the next line, mark and all.
		expect(wrap('abcdef \u0301gh', 6, 3)).toEqual(['abcdef', ' \u0301gh']);
	});

	it('cuts and pads to exact cells without splitting a cluster', () => {
		// What joins emoji is shown escaped (sanitize.ts): each emoji is as wide alone as a terminal draws it.
		expect(truncate('👍🏽👍🏽👍🏽', 4)).toBe('👍\\…');
		expect(truncate('🧑‍💻🧑‍💻x', 5)).toBe('🧑\\u…');
		expect(truncate('🚀🚀x', 5)).toBe('🚀🚀x');
		expect(truncate('🚀🚀xy', 5)).toBe('🚀🚀…');
		expect(truncate('a注文', 3)).toBe('a…');
		expect(truncate('e\u0301e\u0301e\u0301', 2)).toBe('e\u0301…');
		for (const text of ['🚀✅⌚ go', '注文注文注文', 'a注b文c', '👍🏽x🧑‍💻y']) {
			for (let width = 1; width <= 10; width++) expect(displayWidth(fit(text, width))).toBe(width);
		}

		expect(wrap('注文 注文注文 🚀🚀 done', 6, 4).map(line => displayWidth(line) <= 6)).toEqual([true, true, true, true]);
	});

	describe('in a rendered frame at 80 columns', () => {
		const held = sessionPerBlock(async () => replaySession(writeRecording(), {run: true}));

		it('Topics: every row ends where the header does, the numbers right-aligned under it', async () => {
			const app = held.app = await renderApp(held.session, {columns: 80, rows: 24});
			await app.press('2');
			const frame = await app.waitFor(text => text.includes('[2 Topics]') && text.includes('orders.plain'));
			const lines = frame.split('\n');
			for (const line of lines) expect(stringWidth(line), line).toBeLessThanOrEqual(80);
			const header = lines.find(line => line.trimStart().startsWith('topic'))!;
			const rows = lines.slice(lines.indexOf(header) + 2, lines.indexOf(header) + 2 + kinds.length);
			expect(rows).toHaveLength(kinds.length);
			for (const row of rows) expect(stringWidth(row.trimEnd()), row).toBe(stringWidth(header.trimEnd()));
		});

		it('Messages: the id column starts at the same cell on every row, whatever the topic and type hold', async () => {
			const app = held.app = await renderApp(held.session, {columns: 80, rows: 24});
			await app.press('3');
			const frame = await app.waitFor(text => text.includes('[3 Messages]') && kinds.every((_, index) => text.includes(`ORD-${index} `)));
			const lines = frame.split('\n');
			for (const line of lines) expect(stringWidth(line), line).toBeLessThanOrEqual(80);
			const rows = kinds.map((_, index) => lines.find(line => line.includes(`ORD-${index} `))!);
			const reference = cellOf(rows[0]!, 'ORD-');
			for (const row of rows) expect(cellOf(row, 'ORD-'), row).toBe(reference);
		});
	});
});
