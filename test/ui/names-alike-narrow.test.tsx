// Topic names and event types that share a long start AND a long end (`prod.eu-west-1.commerce.checkout.orders.v2-events`,
// `…checkout.payments.v2-events`): at 80×24 and 60×16 a cut at either end read the same for every row. Every pane that
// lists several of them in a column (Topics, the Overview's alert keys, Messages' topic and type, the Flow pane's
// edges, a transaction's nodes and types) cuts them where they differ: each name shown stands for one name only,
// and no line is wider than the terminal. Wider, where the names fit, they are shown whole.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import flowPlugin from '../../plugins/flow/index.js';
import {setUpPlugins, noPlugins} from '../../source/commands/support/plugin-setup.js';
import {setActivePlugins} from '../../source/commands/support/plugins.js';
import {builtInPanes} from '../../source/ui/panes/built-in.js';
import {fittedLines, renderApp, replaySession, sessionPerBlock} from './support/app-harness.js';
import {ENTER} from './support/keys.js';
import {readAs, toldApart} from './support/told-apart.js';

const plugins = setUpPlugins([builtInPanes, flowPlugin], []);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pubsub-names-alike-'));
const recording = path.join(dir, 'names-alike.jsonl');
const topic = (name: string) => `prod.eu-west-1.commerce.${name}.v2-events`;
const type = (name: string) => `com.example.commerce.${name}.v2`;
const topics = ['checkout.orders', 'checkout.payments', 'checkout.refunds', 'fulfilment.shipments'].map(name => topic(name));
const types = ['checkout.OrderPlaced', 'checkout.PaymentCaptured', 'checkout.RefundIssued', 'fulfilment.ShipmentDispatched'].map(name => type(name));
/** An order that went through all four topics. */
const refunded = 'ORD-000004';

/** Two minutes of orders: each paid (one in eight failing), shipped, and one in four refunded (one in six of those failing). */
function writeRecording(): void {
	const start = Date.UTC(2026, 10, 27, 8, 0, 0);
	const lines = [JSON.stringify({$recording: {version: 1, createdAt: new Date(start).toISOString(), source: 'test'}})];
	const event = (index: number, step: number, offsetMs: number, failed = false) => {
		const at = new Date(start + (index * 500) + offsetMs).toISOString();
		const orderId = `ORD-${String(index).padStart(6, '0')}`;
		const value = {eventType: types[step], orderId, status: failed ? 'failed' : 'ok', timestamp: at};
		lines.push(JSON.stringify({topic: topics[step], partition: 0, offset: String(index), key: orderId, value, timestamp: at, recordedAt: at}));
	};

	for (let index = 1; index <= 240; index++) {
		event(index, 0, 0);
		event(index, 1, 40, index % 8 === 0);
		event(index, 3, 120);
		if (index % 4 === 0) event(index, 2, 300, index % 24 === 0);
	}

	fs.writeFileSync(recording, lines.join('\n') + '\n');
}

writeRecording();
beforeAll(() => {
	setActivePlugins(plugins);
});
afterAll(() => {
	setActivePlugins(noPlugins);
	fs.rmSync(dir, {recursive: true, force: true});
});

/** The first group of every line matching `pattern`. */
const column = (lines: string[], pattern: RegExp, group = 1) => lines.flatMap(line => line.match(pattern)?.[group] ?? []);

describe('names alike at both ends, cut where they differ', () => {
	const held = sessionPerBlock(async () => replaySession(recording, {run: true}));

	it.each([[80, 24], [60, 16]])('at %d×%d the Topics pane tells its topics apart', async (columns, rows) => {
		const app = (held.app = await renderApp(held.session, {columns, rows, plugins}));
		await app.press('2');
		const frame = await app.waitFor(text => text.includes('─ selected topic ─'));
		const lines = fittedLines(frame, columns);
		const rule = lines.findIndex(line => line.startsWith('────'));
		const table = lines.slice(rule + 1, lines.indexOf('─ selected topic ─')).filter(line => line.trim() !== '');
		const shown = table.map(line => line.slice(2).split(/ {2,}/)[0]!);
		expect(shown).toHaveLength(4);
		toldApart(shown, topics, frame);
	});

	it.each([[80, 24], [60, 16]])('at %d×%d the Overview tells the alerts\' topics apart', async (columns, rows) => {
		const app = (held.app = await renderApp(held.session, {columns, rows, plugins}));
		const frame = await app.waitFor('Alerts  ✗');
		const keys = column(fittedLines(frame, columns), /^ {2}✗ +(?:warning +)?error-ra\S* {2}(\S+) {2}/);
		expect(keys, frame).toHaveLength(2);
		toldApart(keys, topics, frame);
	});

	it.each([[80, 24], [60, 16]])('at %d×%d Messages tells topics and types apart', async (columns, rows) => {
		const app = (held.app = await renderApp(held.session, {columns, rows, plugins}));
		await app.press('3');
		const frame = await app.waitFor(text => text.includes('Messages · '));
		const lines = fittedLines(frame, columns);
		const row = /^[▶ ] \d\d:\d\d:\d\d\.\d{3} (\S+) +(\S+) /;
		toldApart(column(lines, row, 1), topics, frame);
		toldApart(column(lines, row, 2), types, frame);
	});

	it.each([[80, 24], [60, 16]])('at %d×%d the Flow pane tells its edges\' nodes apart', async (columns, rows) => {
		const app = (held.app = await renderApp(held.session, {columns, rows, plugins}));
		await app.press('5');
		const frame = await app.waitFor(text => text.includes('Flow · ') && /[├└]─/.test(text));
		toldApart(column(fittedLines(frame, columns), /[├└]─[▶↺↑] (\S+)/), topics, frame);
	});

	it.each([[80, 24], [60, 16]])('at %d×%d a transaction tells its nodes and types apart', async (columns, rows) => {
		const app = (held.app = await renderApp(held.session, {columns, rows, plugins}));
		await app.press(':', `tx ${refunded}`, ENTER);
		const frame = await app.waitFor(text => text.includes(`${refunded} · `));
		const lines = fittedLines(frame, columns);
		const row = /^[▶ ] \d\d:\d\d:\d\d\.\d{3} +(?:start|\+[\d,.]+ \S+) (\S+) +(\S+)/;
		expect(column(lines, row), frame).toHaveLength(4);
		toldApart(column(lines, row, 1), topics, frame);
		toldApart(column(lines, row, 2), types, frame);
	});

	it('at 160×40, where the names fit, they are shown whole', async () => {
		const app = (held.app = await renderApp(held.session, {columns: 160, rows: 40, plugins}));
		const overview = fittedLines(await app.waitFor('Alerts  ✗'), 160);
		expect(column(overview, /^ {2}✗ warning +error-rate {2}(\S+) {2}/).sort()).toEqual([topics[1], topics[2]]);
		await app.press('2');
		const frame = await app.waitFor(text => text.includes('─ selected topic ─'));
		const lines = fittedLines(frame, 160);
		for (const name of topics) expect(lines.some(line => line.slice(2).startsWith(`${name}  `)), frame).toBe(true);
	});
});

describe('names alike at both ends, one to a line, cut where they differ', () => {
	const held = sessionPerBlock(async () => replaySession(recording, {run: true}));

	it.each([[80, 24], [60, 16]])('at %d×%d the Flow pane\'s node lines and its ★ slowest and ✗ most errors lines tell nodes apart', async (columns, rows) => {
		const app = (held.app = await renderApp(held.session, {columns, rows, plugins}));
		await app.press('5');
		const frame = await app.waitFor(text => text.includes('Flow · ') && /[├└]─/.test(text));
		const lines = fittedLines(frame, columns);
		const nodes = column(lines, /^ {0,2}● (\S+)/);
		expect(nodes.length, frame).toBeGreaterThan(1);
		toldApart(nodes, topics, frame);
		const marked = lines.flatMap(line => line.match(/(?:★ slowest|✗ most errors) (\S+)->(\S+) /)?.slice(1) ?? []);
		expect(marked.length, frame).toBeGreaterThanOrEqual(2);
		for (const name of marked) expect(readAs(name, topics), `${name} in\n${frame}`).toHaveLength(1);
	});

	it.each([[80, 24], [60, 16]])('at %d×%d a transaction\'s issue lines tell their names apart', async (columns, rows) => {
		const app = (held.app = await renderApp(held.session, {columns, rows, plugins}));
		await app.press(':', `tx ${refunded}`, ENTER);
		const frame = await app.waitFor(text => text.includes(`${refunded} · `));
		const lines = fittedLines(frame, columns);
		const issues = lines.filter(line => /^[✗⚠] /.test(line));
		expect(issues.length, frame).toBeGreaterThan(0);
		const names = issues.flatMap(line => line.split(' ').filter(word => word.includes('…') || word.startsWith('prod.') || word.startsWith('com.')));
		expect(names.length, frame).toBeGreaterThan(0);
		for (const name of names) expect(readAs(name.replace(/[,:;]$/, ''), [...topics, ...types]), `${name} in\n${frame}`).toHaveLength(1);
	});
});
