// A Flow node reached from several nodes lists them on its line (`● notify  ◀ 2 in: payments, refunds`). Names that
// share a long start and end (`prod.eu-west-1.commerce.checkout.payments.v2-events`) were cut once, at the line's
// end: at 80×24 the list kept the first name's start, and no reader could tell which nodes led there. Each name now
// gets a share of the line, cut where it differs from the other nodes.
import fs from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import flowPlugin from '../../plugins/flow/index.js';
import {noPlugins, setUpPlugins} from '../../source/commands/support/plugin-setup.js';
import {setActivePlugins} from '../../source/commands/support/plugins.js';
import {builtInPanes} from '../../source/ui/panes/built-in.js';
import {fittedLines, renderApp, replaySession, sessionPerBlock} from './support/app-harness.js';
import {toldApart} from './support/told-apart.js';
import {useTempDir} from '../support/temp-dir.js';

const plugins = setUpPlugins([builtInPanes, flowPlugin], []);
const temp = useTempDir('pubsub-flow-upstream-');
const topic = (name: string) => `prod.eu-west-1.commerce.${name}.v2-events`;
const [orders, payments, refunds, notify] = ['checkout.orders', 'checkout.payments', 'checkout.refunds', 'notify'].map(name => topic(name)) as [string, string, string, string];

/** Orders each paid or refunded (alternately), then notified: the notify node is reached from two nodes. */
function writeRecording(file: string): void {
	const start = Date.UTC(2026, 10, 27, 8, 0, 0);
	const lines = [JSON.stringify({$recording: {version: 1, createdAt: new Date(start).toISOString(), source: 'test'}})];
	const event = (index: number, on: string, offsetMs: number) => {
		const at = new Date(start + (index * 500) + offsetMs).toISOString();
		const orderId = `ORD-${String(index).padStart(6, '0')}`;
		lines.push(JSON.stringify({topic: on, partition: 0, offset: String(index), key: orderId, value: {orderId, status: 'ok', timestamp: at}, timestamp: at, recordedAt: at}));
	};

	for (let index = 1; index <= 120; index++) {
		event(index, orders, 0);
		event(index, index % 2 === 0 ? payments : refunds, 40);
		event(index, notify, 90);
	}

	fs.writeFileSync(file, `${lines.join('\n')}\n`);
}

beforeAll(() => {
	setActivePlugins(plugins);
});
afterAll(() => {
	setActivePlugins(noPlugins);
});

describe('a Flow node reached from nodes alike at both ends', () => {
	const held = sessionPerBlock(async () => {
		const recording = path.join(temp.path, 'flow-upstream.jsonl');
		writeRecording(recording);
		return replaySession(recording, {run: true});
	});

	it.each([[80, 24], [60, 16]])('at %d×%d names each upstream node so it reads as one', async (columns, rows) => {
		const app = (held.app = await renderApp(held.session, {columns, rows, plugins}));
		await app.press('5');
		// The last edge selected brings the node it leads to into view (at 60×16 it is below the first screen).
		await app.waitFor(text => text.includes('Flow · '));
		await app.press('j', 'j', 'j');
		const frame = await app.waitFor(text => text.includes('Flow · ') && text.includes('◀ 2 in: '));
		const line = fittedLines(frame, columns).find(text => text.includes('◀ 2 in: '))!;
		const upstream = line.slice(line.indexOf('◀ 2 in: ') + '◀ 2 in: '.length).trim().split(', ');
		expect(upstream, frame).toHaveLength(2);
		toldApart(upstream, [orders, payments, refunds, notify], frame);
		expect(new Set(upstream.map(name => name.replace(/…/g, ''))).size, frame).toBe(2);
	});
});
