// The Flow pane at 80×24 with more edges than its graph shows: PgDn, PgUp, g and G, which the README lists for every
// pane, moved nothing there (only ↑ ↓ j k did), so the 60th of 60 edges took 59 presses of j.
import fs from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import flowPlugin from '../../../plugins/flow/index.js';
import {setUpPlugins, noPlugins} from '../../../source/commands/support/plugin-setup.js';
import {setActivePlugins} from '../../../source/commands/support/plugins.js';
import {builtInPanes} from '../../../source/ui/panes/built-in.js';
import {renderApp, replaySession, sessionPerBlock} from '../../ui/support/app-harness.js';
import {PAGE_DOWN, PAGE_UP} from '../../ui/support/keys.js';
import {useTempDir} from '../../support/temp-dir.js';
import {limit} from '../../support/limits.js';

const plugins = setUpPlugins([builtInPanes, flowPlugin], []);
const edges = 60;

beforeAll(() => {
	setActivePlugins(plugins);
});
afterAll(() => {
	setActivePlugins(noPlugins);
});

/** The edge whose slowest transactions the frame lists. */
function listed(frame: string): number | undefined {
	const match = /slowest transactions on src-(\d+)->dst-\1\b/.exec(frame);
	return match ? Number(match[1]) : undefined;
}

describe('Flow pane paging', () => {
	const temp = useTempDir('pubsub-flow-paging-');
	/** Transaction k goes from topic src-k to dst-k: 60 edges, one per start node, in name order. */
	const recording = () => {
		const file = path.join(temp.path, 'pairs.jsonl');
		const start = Date.UTC(2026, 10, 27, 8, 0, 0);
		const lines: string[] = [];
		for (let index = 0; index < edges; index++) {
			const pair = String(index).padStart(2, '0');
			for (const [step, topic] of [`src-${pair}`, `dst-${pair}`].entries()) {
				const at = new Date(start + (index * 500) + (step * 120)).toISOString();
				lines.push(JSON.stringify({topic, partition: 0, offset: String((index * 2) + step), value: {eventType: 'Step', orderId: `ORD-${pair}`, timestamp: at}, timestamp: at, recordedAt: at}));
			}
		}

		fs.writeFileSync(file, `${lines.join('\n')}\n`);
		return file;
	};

	const held = sessionPerBlock(async () => replaySession(recording(), {run: true}));

	it('G selects the last edge, g the first, PgDn and PgUp a page of edges', async () => {
		const app = (held.app = await renderApp(held.session, {columns: 80, rows: 24, plugins}));
		await app.press('5');
		const first = await app.waitFor(frame => listed(frame) === 0);
		expect(first).toContain('60 edges');
		// Fewer edges shown than there are: paging has something to do.
		expect(first).not.toContain('dst-59');
		await app.press('G');
		const last = await app.waitFor(frame => listed(frame) === edges - 1);
		expect(last.split('\n').find(line => line.startsWith('▶'))).toContain('dst-59');
		await app.press('g');
		await app.waitFor(frame => listed(frame) === 0);
		await app.press(PAGE_DOWN);
		const paged = listed(await app.waitFor(frame => (listed(frame) ?? 0) > 0))!;
		expect(paged).toBeGreaterThan(1);
		expect(paged).toBeLessThan(edges - 1);
		await app.press(PAGE_UP);
		await app.waitFor(frame => listed(frame) === 0);
	}, limit(30_000));
});
