// The TUI and `metrics --window` over the same recording and window show the same figures (headless promise).
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {formatCount, formatMs} from '../../source/core/units/format.js';
import {runCli} from '../support/cli.js';
import {useTempDir} from '../support/temp-dir.js';
import {renderApp, replaySession, sessionPerBlock, type RenderedApp} from './support/app-harness.js';

const recording = path.resolve(import.meta.dirname, '../../recordings/fraud.jsonl');
const topic = 'payment.transactions';
const ENTER = '\r';

type Figures = {count: number; errors: number; delivery: {p50: number; p95: number; p99: number}};

/** The Overview's delivery line and the Topics pane's row, as the TUI prints them from `figures`. */
function printed({count, errors, delivery}: Figures) {
	return {
		delivery: `Delivery  p50 ${formatMs(delivery.p50)} · p95 ${formatMs(delivery.p95)} · p99 ${formatMs(delivery.p99)} · `,
		errors: `(${formatCount(errors)})`,
		topic: [formatCount(count), formatMs(delivery.p50), formatMs(delivery.p95), formatMs(delivery.p99), formatCount(errors)],
	};
}

/** What `app` shows over its current window: the Overview's delivery line and errors, the topic's row in pane 2. */
async function shown(app: RenderedApp) {
	await app.press('1');
	const overview = await app.waitFor('[1 Overview]');
	const deliveryLine = overview.split('\n').find(line => line.startsWith('Delivery'))!;
	await app.press('2');
	const topics = await app.waitFor('[2 Topics]');
	const row = topics.split('\n').find(line => line.includes(topic))!;
	await app.press('1');
	return {
		delivery: deliveryLine.slice(0, deliveryLine.indexOf('errors')),
		errors: /\(([\d,]+)\)/.exec(deliveryLine)?.[0],
		// topic, events, ev/s, peak/s, p50, p95, p99, errors: the windowed count, percentiles and errors.
		topic: [1, 4, 5, 6, 7].map(index => row.replace(/^[▶ ]+/, '').split(/\s{2,}/)[index]?.replace(/^✗ /, '')),
	};
}

describe('TUI window and metrics --window', () => {
	const temp = useTempDir('pubsub-window-');
	const held = sessionPerBlock(async () => replaySession(recording, {run: true}));

	/** The headless answer over the last hour, as the TUI would print it. */
	async function headless() {
		const result = await runCli(['metrics', recording, '--window', '1h', '--json'], {cwd: temp.path});
		expect(result.code).toBe(0);
		const summary = JSON.parse(result.stdout) as Figures & {events: number; topics: Record<string, Figures>};
		const perTopic = summary.topics[topic]!;
		expect(perTopic.count).toBe(summary.events);
		return printed({count: summary.events, errors: perTopic.errors, delivery: summary.delivery});
	}

	it('agree after the window key cycles to 1h at the end of the replay', async () => {
		const app = held.app = await renderApp(held.session, {columns: 120, rows: 40});
		await app.waitFor('replay finished');
		await app.press('w', 'w', 'w');
		await app.waitFor('window 1h');
		expect(await shown(app)).toEqual(await headless());
	});

	it('agree when the window is set to 1h while the view is paused', async () => {
		const app = held.app = await renderApp(held.session, {columns: 120, rows: 40});
		await app.waitFor('replay finished');
		await app.press(' ', ':', 'window 1h', ENTER);
		// The status line's window, once the command line is closed (it shows `:window 1h` while typed).
		await app.waitFor(frame => frame.includes('window 1h') && !frame.includes(':window 1h'));
		expect(await shown(app)).toEqual(await headless());
	});
});
