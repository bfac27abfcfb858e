// Names whose characters Ink and a terminal without grapheme support (tmux 3.3, xterm) measure differently, in the real
// CLI in tmux: a pair of regional indicators that is no flag (🇦🇦: 1 cell to Ink, 2 drawn), U+0600 ARABIC NUMBER SIGN
// (joined to the next character: 1 cell to Ink, 2 drawn), U+2062 INVISIBLE TIMES and a combining mark with nothing
// before it (a cell of its own to Ink, none drawn). Topics at 60×16 wrapped the 🇦🇦 row and pushed the status line
// off the top; Messages at 80×24 did so with the U+0600 type. Every row now fits and its columns stay in place.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import stringWidth from 'string-width';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {tmuxServer, tmuxSkipReason} from '../support/tmux.js';

const root = path.resolve(import.meta.dirname, '../..');
const cli = path.join(root, 'dist/source/cli.js');
const {tmux, waitForScreen, stop} = tmuxServer(`pubsub-wide-text-${process.pid}`);
const quote = (word: string) => `'${word.replaceAll('\'', '\'\\\'\'')}'`;

const topics = ['pay.🇦🇦.x', 'inv\u2062isible.ids', '\u0301lead.mark', '注文.東京', 'orders.plain'];
const types = ['x\u0600y', '\u200Dstart.joined', 'OrderCreated'];

/** Cells a line takes in tmux 3.3, which draws code point by code point: a regional indicator and U+0600 take one each. */
const terminalCells = (line: string) => [...line].reduce((cells, char) => cells + (/[\u{1F1E6}-\u{1F1FF}\u0600-\u0605]/u.test(char) ? 1 : stringWidth(char)), 0);

/** The cell where the first figure after a name ends on `row` (a figure right-aligned under its header ends there too). */
function figureEnd(row: string): number {
	const match = /^(.*?) {2,}(\d+|events)(?= )/.exec(row);
	expect(match, row).not.toBeNull();
	return terminalCells(match![0]);
}

/** No line wider than `columns` as tmux draws it, the status line still on top, and each row's first figure under its header. */
function expectFits(shown: string, columns: number, header: RegExp, rows: RegExp): void {
	const lines = shown.split('\n');
	expect(lines[0], shown).toMatch(/^✓ replay finished/);
	for (const line of lines) expect(terminalCells(line), line).toBeLessThanOrEqual(columns);
	const headerLine = lines.find(line => header.test(line));
	expect(headerLine, shown).toBeDefined();
	const listed = lines.filter(line => rows.test(line));
	expect(listed.length, shown).toBeGreaterThan(1);
	for (const row of listed) expect(figureEnd(row), `${row}\n${shown}`).toBe(figureEnd(headerLine!));
}

describe.skipIf(tmuxSkipReason())('names Ink and the terminal measure differently, in a real terminal', () => {
	let dir: string;
	let recording: string;

	beforeAll(() => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pubsub-wide-text-'));
		recording = path.join(dir, 'wide.jsonl');
		const start = Date.UTC(2026, 10, 27, 8, 0, 0);
		const lines = [];
		for (let index = 0; index < 60; index++) {
			const at = new Date(start + (index * 500)).toISOString();
			const value = {eventType: types[index % types.length], orderId: `ORD-${index}`, status: 'ok', timestamp: at};
			lines.push(JSON.stringify({topic: topics[index % topics.length], partition: 0, offset: String(index), key: `ORD-${index}`, value, timestamp: at, recordedAt: at}));
		}

		fs.writeFileSync(recording, `${lines.join('\n')}\n`);
	});

	afterAll(() => {
		stop();
		fs.rmSync(dir, {recursive: true, force: true});
	});

	/** Replay the recording to its end in a `columns`×`rows` session. */
	const replay = async (session: string, columns: number, rows: number) => {
		const command = [
			'env', '-i', `PATH=${process.env.PATH}`, `HOME=${dir}`, 'TERM=xterm-256color', 'LANG=C.UTF-8',
			process.execPath, cli, 'replay', recording, '--speed', 'max', '--data-dir', path.join(dir, session),
		].map(quote).join(' ');
		tmux('new-session', '-d', '-s', session, '-x', String(columns), '-y', String(rows), `${command}; sleep 60`);
		await waitForScreen(session, '✓ replay finished');
	};

	it('Topics at 60×16: every row within the width, its figures under the header, the odd characters shown escaped', async () => {
		await replay('topics', 60, 16);
		tmux('send-keys', '-t', 'topics', '2');
		const shown = await waitForScreen('topics', '[2 Topics]');
		expectFits(shown, 60, /^ {2}topic +events/, /^[▶ ] \S.* {2,}\d+ /);
		expect(shown).toContain('pay.🇦\\u{1f1e6}.x');
		expect(shown).toContain('inv\\u2062isible');
		expect(shown).toContain('\\u0301lead.mark');
	});

	it(':group by type at 80×24 and Messages: every row within the width, the U+0600 type escaped', async () => {
		await replay('group', 80, 24);
		tmux('send-keys', '-t', 'group', '-l', ':group eventType');
		tmux('send-keys', '-t', 'group', 'Enter');
		const grouped = await waitForScreen('group', 'Group by eventType');
		expectFits(grouped, 80, /^ {2}eventType +events/, /^[▶ ] \S.* {2,}\d+ {2}\d\d:/);
		expect(grouped).toContain('x\\u0600y');
		expect(grouped).toContain('\\u200dstart.joined');
		tmux('send-keys', '-t', 'group', 'Escape');
		tmux('send-keys', '-t', 'group', '3');
		const messages = await waitForScreen('group', '[3 Messages]');
		const lines = messages.split('\n');
		expect(lines[0], messages).toMatch(/^✓ replay finished/);
		for (const line of lines) expect(terminalCells(line), line).toBeLessThanOrEqual(80);
	});
});
