// The Flow pane at its smallest size (60×16), one column more, and 80×24, over recordings/ecommerce.jsonl.gz in its
// incident: the header keeps the slowest edge's p95 and the most erroring edge's errors; every edge line ends within the terminal with its p95 and error share whole, the slowest edge says
// ★ and the most erroring ✗; names are cut first, keeping the end that tells them apart (orders.created and
// orders.completed are not both `orders.…`).
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import flowPlugin from '../../../plugins/flow/index.js';
import {setUpPlugins, noPlugins} from '../../../source/commands/support/plugin-setup.js';
import {setActivePlugins} from '../../../source/commands/support/plugins.js';
import {builtInPanes} from '../../../source/ui/panes/built-in.js';
import {formatCount, formatMs, formatPercent} from '../../../source/core/units/format.js';
import {displayWidth} from '../../../source/ui/text/width.js';
import {renderApp, replaySession, sessionPerBlock} from '../../ui/support/app-harness.js';
import {readAs} from '../../ui/support/told-apart.js';
import {limit} from '../../support/limits.js';

const recording = path.resolve(import.meta.dirname, '../../../recordings/ecommerce.jsonl.gz');
const plugins = setUpPlugins([builtInPanes, flowPlugin], []);

beforeAll(() => {
	setActivePlugins(plugins);
});
afterAll(() => {
	setActivePlugins(noPlugins);
});

/** The frame lists the slowest transactions of `edge` (its name cut keeping each node's end). */
const listFor = (edge: string) => (frame: string) => frame.includes(`${edge.slice(-12)}:`) || frame.includes(`${edge.slice(-12)} (`);

/** The selected edge's line in the graph (the first line marked ▶). */
const selectedLine = (frame: string) => frame.split('\n').find(line => line.startsWith('▶'))!;

describe('Flow pane at 60×16, 61×16 and 80×24', () => {
	const held = sessionPerBlock(async () => replaySession(recording, {run: true, to: Date.UTC(2026, 10, 27, 8, 3, 30)}));

	it.each([[60, 16], [61, 16], [80, 24]])('at %d×%d every edge line keeps its figures and marks, its name cut to tell it apart', async (columns, rows) => {
		const whole = held.session.engine.summary().edges;
		const byP95 = Object.entries(whole).sort(([, a], [, b]) => b.p95 - a.p95);
		const byErrors = Object.entries(whole).sort(([, a], [, b]) => b.errors - a.errors);
		const app = (held.app = await renderApp(held.session, {columns, rows, plugins}));
		await app.press('5');
		const header = (await app.waitFor('Flow · nodes by auto')).split('\n');
		// The header keeps the slowest edge's p95 and the most erroring edge's errors and share whole.
		const [mostErrors, most] = byErrors[0]!;
		const share = formatPercent(most.errors / most.count).replace('.', '\\.');
		expect(header.find(each => each.includes('✗ most errors ')), header.join('\n')).toMatch(new RegExp(`${mostErrors.slice(-8).replaceAll('.', '\\.')} ${formatCount(most.errors)} \\(${share}\\)$`));
		expect(header.find(each => each.startsWith('★ slowest '))).toMatch(new RegExp(` p95 ${formatMs(byP95[0]![1].p95)}$`));

		// `s` selects the slowest edge: its p95 and the ★ at the line's end.
		await app.press('s');
		const [slowest, slow] = byP95[0]!;
		let line = selectedLine(await app.waitFor(listFor(slowest)));
		expect(displayWidth(line), line).toBeLessThanOrEqual(columns);
		expect(line).toMatch(new RegExp(` p95 ${formatMs(slow.p95)} .* ★( slow)?$`));

		// `e` the most erroring: its error share and the ✗.
		await app.press('e');
		const [erring, errors] = byErrors[0]!;
		line = selectedLine(await app.waitFor(listFor(erring)));
		expect(displayWidth(line), line).toBeLessThanOrEqual(columns);
		expect(line).toMatch(new RegExp(` ${formatPercent(errors.errors / errors.count).replace('.', '\\.')} ✗( errs)?$`));

		// Every edge, selected one after the other from the top: within the terminal, its hops, rate, p95 and error
		// share, and a name that stands for where it leads and for no other node (cut at its start, its end or both,
		// where it differs from every node's name), no two places named alike.
		// An edge that stays on its node (↺) names the node, with `(again)` when there is room.
		const targets = new Set(Object.keys(whole).map(name => name.split('->')[1]!));
		const nodes = [...new Set(Object.keys(whole).flatMap(name => name.split('->')))];
		const shown = new Map<string, string>();
		const edgeLine = (line: string) => /^. +[├└]─/.test(line);
		for (const _ of Object.keys(whole)) await app.press('k');
		let frame = await app.waitFor(text => text.split('\n').find(line => edgeLine(line))!.startsWith('▶'));
		for (let index = 0; index < Object.keys(whole).length; index++) {
			for (const each of frame.split('\n')) {
				expect(displayWidth(each), each).toBeLessThanOrEqual(columns);
				if (!edgeLine(each)) continue;
				const edge = /^. +[├└]─[▶↺↑] (.+?) +[\d,]+ {2,}[\d.,<]+\/(?:s|min|h) +p95 [\d,]+ ms +(?:0|\d+\.\d\d) %( [★✗+−].*)?$/u.exec(each);
				expect(edge, each).not.toBeNull();
				const name = edge![1]!.replace(/ \(again\)$/, '');
				const [target, ...others] = readAs(name, nodes);
				expect(others, `${name} in ${each}`).toEqual([]);
				expect(targets.has(target!), `${name} in ${each}`).toBe(true);
				shown.set(target!, name);
			}

			const before = selectedLine(frame);
			await app.press('j');
			if (index < Object.keys(whole).length - 1) frame = await app.waitFor(text => selectedLine(text) !== before);
		}

		expect(new Set(shown.values()).size, [...shown.values()].join(', ')).toBe(shown.size);
		expect(shown.size).toBe(targets.size);
	}, limit(60_000));
});
