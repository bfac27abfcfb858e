// The TUI at its smallest size (60×16), one column more, and 80×24: every row of a table ends within its header rule,
// so nothing of it (an alert's time, its acknowledgement) is lost off the terminal's edge, and the Alerts list keeps
// rows enough to read; a Messages row keeps its event's id. Over recordings/ecommerce.jsonl.gz in its incident, with an earlier run's alert in the store.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {openSession} from '../../source/commands/support/session.js';
import {defaultConfig} from '../../source/core/config.js';
import type {ReplayControl} from '../../source/core/sources/paced-source.js';
import {openStore} from '../../source/core/store/store.js';
import {displayWidth} from '../../source/ui/text/width.js';
import {renderApp, sessionPerBlock} from './support/app-harness.js';

const recording = path.resolve(import.meta.dirname, '../../recordings/ecommerce.jsonl.gz');
// A plugin's rule with a long name, left firing by an earlier run on a persistent store.
const earlier = {
	id: 'payments.settlement-overdue-by-acquirer:ACQ-EU-WEST-0042:1700000000000', rule: 'payments.settlement-overdue-by-acquirer', key: 'ACQ-EU-WEST-0042',
	severity: 'warning' as const, firedAt: 1_700_000_000_000, value: 3, threshold: 1, message: 'settlement overdue', exampleIds: [],
};

/** The Alerts list's rows: from under the header rule to the selected alert's rule, without the earlier runs' divider. */
function alertRows(frame: string): {rule: string; rows: string[]} {
	const lines = frame.split('\n');
	const start = lines.findIndex(line => /^─+$/.test(line));
	const end = lines.indexOf('─ selected alert ─');
	return {rule: lines[start]!, rows: lines.slice(start + 1, end).filter(line => line.trim() !== '' && !line.includes('earlier runs (history'))};
}

describe('the Alerts pane at 60×16, 61×16 and 80×24', () => {
	let dir: string;
	const held = sessionPerBlock(async () => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pubsub-smallest-'));
		const before = openStore({path: dir, retention: defaultConfig.store.retention, maxTransactionEvents: defaultConfig.transactions.maxEvents});
		await before.putAlert(earlier);
		await before.close();
		// 08:03:30: the incident's alerts firing, the early fraud ones resolved.
		const session = await openSession([recording], {dataDir: dir}, {speed: 'max', range: {to: Date.UTC(2026, 10, 27, 8, 3, 30)}});
		await session.engine.run();
		const {replay} = session.sources[0] as unknown as {replay: ReplayControl};
		const close = session.close.bind(session);
		return Object.assign(session, {replay, close: async () => {
			await close();
			fs.rmSync(dir, {recursive: true, force: true});
		}});
	});

	it.each([[60, 16], [61, 16], [80, 24]])('at %d×%d every row, firing, acknowledged, resolved or an earlier run\'s, ends within the header rule with its time', async (columns, rows) => {
		const app = (held.app = await renderApp(held.session, {columns, rows}));
		await app.press('4', 'a');
		let frame = await app.waitFor(text => /^▶ .*· ack$/m.test(text));
		const top = alertRows(frame);
		// The acknowledged alert says so on its row, after its time; the key is whole, the rule cut if it must be.
		expect(top.rows[0]).toMatch(/^▶ ✗ +fraud\.block\S* +203\.0\.113\.20 +08:01:45 \(1m 44s\) +· ack$/);
		for (const row of top.rows) {
			expect(displayWidth(row), row).toBeLessThanOrEqual(displayWidth(top.rule));
			if (/^. ✗ /.test(row)) expect(row, row).toMatch(/ \d\d:\d\d:\d\d \(\d[^)]*\)( +· ack)?$/);
		}

		await app.press('G');
		frame = await app.waitFor(text => /^▶ · /m.test(text));
		const bottom = alertRows(frame);
		expect(bottom.rows.some(row => row.startsWith('  ✓ '))).toBe(true);
		for (const row of bottom.rows) expect(displayWidth(row), row).toBeLessThanOrEqual(displayWidth(bottom.rule));
		// Resolved: how long it lasted and when it ended (the range at 80 columns and more); the earlier one: when it fired.
		const resolved = columns < 80 ? / \d+(m \d\d)?s to \d\d:\d\d:\d\d$/ : / \d\d:\d\d:\d\d–\d\d:\d\d:\d\d \(\d[^)]*\)$/;
		for (const row of bottom.rows.filter(line => line.startsWith('  ✓ '))) expect(row).toMatch(resolved);
		const earlierRow = bottom.rows.find(line => line.startsWith('▶ · '))!;
		expect(earlierRow).toMatch(/-EU-WEST-0042 +fired \d\d:\d\d:\d\d$/);
	});

	it.each([[60, 16], [61, 16]])('at %d×%d lists four alerts and more, the last hour giving up its rows to them', async (columns, rows) => {
		const app = (held.app = await renderApp(held.session, {columns, rows}));
		await app.press('4');
		const frame = await app.waitFor('─ selected alert ─');
		expect(alertRows(frame).rows.length).toBeGreaterThanOrEqual(4);
		expect(frame).not.toContain('─ last hour');
		// The selected alert still in full below the list.
		expect(frame).toContain('fraud.blocked-source on 203.0.113.20: IP 203.0.113.20 sent');
	});

	it.each([[60, 16], [61, 16], [80, 24]])('at %d×%d the Messages rows keep each event\'s id whole, what Enter opens', async (columns, rows) => {
		const app = (held.app = await renderApp(held.session, {columns, rows}));
		await app.press('3');
		const frame = await app.waitFor(text => text.includes('[3 Messages]') && /^▶ /m.test(text));
		const listed = frame.split('\n').filter(line => /^. \d\d:\d\d:\d\d\.\d{3} /.test(line));
		expect(listed.length).toBeGreaterThan(0);
		for (const row of listed) {
			expect(displayWidth(row), row).toBeLessThanOrEqual(columns);
			expect(row, row).toMatch(/ [✓✗⊘↻] (ORD|TXN)-5T6H-\d{6}( |$)/);
		}
	});

	it.each([[60, 16, false], [60, 16, true], [80, 24, true]])('at %d×%d (paused: %s) the status bar keeps the count of firing alerts, the window giving way first', async (columns, rows, pause) => {
		const app = (held.app = await renderApp(held.session, {columns, rows}));
		if (pause) await app.press(' ');
		const frame = await app.waitFor(text => text.includes('[1 Overview]') && (!pause || text.includes('‖ PAUSED')));
		const status = frame.split('\n')[0]!;
		expect(status).toMatch(/✗ \d+ firing/);
		// The window is a setting the user chose; the count is a figure: the window goes first.
		if (!status.includes(' events')) expect(status).not.toContain('window');
		expect(displayWidth(status)).toBeLessThanOrEqual(columns);
	});
});

