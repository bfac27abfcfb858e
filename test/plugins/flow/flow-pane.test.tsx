// The Flow pane in the real App over a real engine with the flow plugin: drawn at 80×24 and 200×60, the slowest
// edge selected with `s`, its slowest transaction opened with Enter.
import fs from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import flowPlugin from '../../../plugins/flow/index.js';
import {setUpPlugins, noPlugins} from '../../../source/commands/support/plugin-setup.js';
import {setActivePlugins} from '../../../source/commands/support/plugins.js';
import {builtInPanes} from '../../../source/ui/panes/built-in.js';
import {formatMs} from '../../../source/core/units/format.js';
import {renderApp, replaySession, sessionPerBlock} from '../../ui/support/app-harness.js';
import {useTempDir} from '../../support/temp-dir.js';
import {limit} from '../../support/limits.js';

const checkout = path.resolve(import.meta.dirname, '../../../recordings/checkout-saga.redis.jsonl');
const plugins = setUpPlugins([builtInPanes, flowPlugin], []);

beforeAll(() => {
	setActivePlugins(plugins);
});
afterAll(() => {
	setActivePlugins(noPlugins);
});

describe('Flow pane', () => {
	const held = sessionPerBlock(async () => replaySession(checkout, {run: true}));

	for (const [columns, rows] of [[80, 24], [200, 60]] as const) {
		it(`draws the layered graph at ${columns}×${rows}, selects the slowest edge and opens its slowest transaction`, async () => {
			// As `flow graph` draws it: hops, errors and percentiles of the whole run (rates over the window), whatever the
			// window; the slowest edge is the one with the highest p95 of the run, and its line says that p95.
			const [name, whole] = Object.entries(held.session.engine.summary().edges).sort(([, a], [, b]) => b.p95 - a.p95)[0]!;
			const edge = held.session.engine.edges(60_000).find(each => each.name === name)!;
			const slowest = held.session.engine.stage<{slowest: Record<string, Array<{id: string; latencyMs: number}>>}>('flow')!.slowest[edge.name]!;
			const app = (held.app = await renderApp(held.session, {columns, rows, plugins}));
			expect(app.frame()).toContain('5 Flow');
			await app.press('5');
			const frame = await app.waitFor('Flow · nodes by auto');
			const lines = frame.split('\n');
			expect(lines.length).toBeLessThanOrEqual(rows);
			for (const line of lines) expect(line.length).toBeLessThanOrEqual(columns);
			// Layers, fan-out as a tree under a node, fan-in noted on the node it leads into.
			expect(frame).toContain('layer 0 (where transactions start)');
			expect(frame).toContain('● CheckoutStarted');
			expect(frame).toMatch(/├─▶ PaymentAuthorized/);
			if (rows >= 60) expect(frame).toContain('● OrderCancelled  ◀ 2 in: PaymentFailed, PaymentRefunded');
			if (columns >= 120) expect(frame).toContain('★ slowest');

			await app.press('s');
			const selected = await app.waitFor(`slowest transactions on ${edge.name}`);
			expect(selected.split('\n').find(line => line.startsWith('▶'))).toMatch(new RegExp(`─▶ ${edge.to} .*p95 ${formatMs(whole.p95)}.*★ slow`));
			// The list: slowest first, the first one chosen.
			const chosen = selected.split('\n').filter(line => line.startsWith('▶')).at(-1)!;
			expect(chosen).toContain(slowest[0]!.id);
			expect(chosen).toContain(`${slowest[0]!.latencyMs.toLocaleString('en-US')} ms`);
			// → chooses the next one down the list (less slow), ← goes back up.
			await app.press('l');
			await app.waitFor(frame => frame.split('\n').filter(line => line.startsWith('▶')).at(-1)!.includes(slowest[1]!.id));
			await app.press('h');
			await app.waitFor(frame => frame.split('\n').filter(line => line.startsWith('▶')).at(-1)!.includes(slowest[0]!.id));

			await app.press('\r');
			const opened = await app.waitFor('› transaction');
			expect(opened).toContain(`Transaction ${slowest[0]!.id}`);
			expect(opened).toContain(edge.to);
		}, limit(30_000));
	}

	it('moves as many edges as keys were typed, even keys typed faster than frames (j j in one go)', async () => {
		const graphMark = (frame: string) => frame.split('\n').find(line => line.startsWith('▶'));
		// Typed one at a time, each after the frame of the one before.
		let app = (held.app = await renderApp(held.session, {columns: 80, rows: 24, plugins}));
		await app.press('5');
		await app.waitFor('Flow · nodes by auto');
		const first = graphMark(app.frame());
		await app.press('j');
		await app.waitFor(frame => graphMark(frame) !== first);
		const second = graphMark(app.frame());
		await app.press('j');
		const third = graphMark(await app.waitFor(frame => graphMark(frame) !== second));
		app.unmount();
		// Written back to back, as a fast typist or one SSH packet delivers them: no render runs between the keys.
		app = (held.app = await renderApp(held.session, {columns: 80, rows: 24, plugins}));
		await app.press('5');
		await app.waitFor('Flow · nodes by auto');
		app.stdin.write('j');
		app.stdin.write('j');
		await app.waitFor(frame => graphMark(frame) === third);
	}, limit(30_000));
});

describe('Flow pane with no hops', () => {
	const temp = useTempDir('pubsub-flow-no-hops-');
	/** Orders each alone in its transaction: events, but not one hop. */
	const lonely = () => {
		const file = path.join(temp.path, 'lonely.jsonl');
		const start = Date.UTC(2026, 10, 27, 8, 0, 0);
		const lines = [JSON.stringify({$recording: {version: 1, createdAt: new Date(start).toISOString(), source: 'test'}})];
		for (let index = 1; index <= 5; index++) {
			const at = new Date(start + (index * 1000)).toISOString();
			lines.push(JSON.stringify({topic: 'orders', partition: 0, offset: String(index), value: {eventType: 'OrderCreated', orderId: `ORD-${index}`, timestamp: at}, timestamp: at, recordedAt: at}));
		}

		fs.writeFileSync(file, lines.join('\n') + '\n');
		return file;
	};

	const held = sessionPerBlock(async () => replaySession(lonely(), {run: true}));

	it('says once that there are no hops, without a "yet" once the replay has ended', async () => {
		const app = (held.app = await renderApp(held.session, {columns: 80, rows: 24, plugins}));
		await app.press('5');
		const frame = await app.waitFor(text => text.includes('Flow · nodes by auto') && text.includes('replay finished'));
		expect(frame.split('no hops: a hop needs two events')).toHaveLength(2);
		expect(frame).not.toContain('no hops yet');
	});
});

describe('Flow pane without correlation ids', () => {
	const temp = useTempDir('pubsub-flow-refs-');
	/** Orders and their payments whose order id is named `order_ref`, which fields.ids does not list. */
	const refs = () => {
		const file = path.join(temp.path, 'refs.jsonl');
		const start = Date.UTC(2026, 11, 1, 9);
		const lines: string[] = [];
		for (let order = 1; order <= 6; order++) {
			for (const [step, topic] of ['orders', 'payments'].entries()) {
				const at = new Date(start + (order * 10_000) + (step * 300)).toISOString();
				lines.push(JSON.stringify({topic, value: {eventType: topic === 'orders' ? 'OrderPlaced' : 'PaymentTaken', order_ref: `R-${order}`, timestamp: at}, timestamp: at, recordedAt: at}));
			}
		}

		fs.writeFileSync(file, lines.join('\n') + '\n');
		return file;
	};

	const held = sessionPerBlock(async () => replaySession(refs(), {run: true}));

	it('says at 80×24 that no event carries a correlation id, and which field may be one', async () => {
		const app = (held.app = await renderApp(held.session, {columns: 80, rows: 24, plugins}));
		await app.press('5');
		const frame = await app.waitFor(text => text.includes('may be ids') && text.includes('replay finished'));
		expect(frame).toContain('no hops: a hop needs two events of one transaction\n12 of 12 events carry no correlation id (fields.ids)\nmay be ids');
		expect(frame).toContain('order_ref (6 of 6\nvalues); add them to fields.ids');
	});
});
