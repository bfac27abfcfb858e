// Render the real App over a real engine (ephemeral LMDB store, fixture recording) and drive it with keys.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {render} from 'ink-testing-library';
import {afterAll, afterEach, beforeAll, expect, vi} from 'vitest';
import {openSession, type Session} from '../../../source/commands/support/session.js';
import type {ReplayControl} from '../../../source/core/sources/paced-source.js';
import {App} from '../../../source/ui/app.js';
import type {TerminalInfo} from '../../../source/ui/clipboard.js';
import {builtInPanes} from '../../../source/ui/panes/built-in.js';
import {setUpPlugins, type PluginSet} from '../../../source/commands/support/plugin-setup.js';
import {Recorder} from '../../../source/ui/recorder.js';
import {readyPanes} from '../../../source/ui/panes/registry.js';
import {displayWidth} from '../../../source/ui/text/width.js';
import {limit} from '../../support/limits.js';

/** The fixture recording: three orders, a declined payment, a big payment, escape sequences in a value and a topic. */
export const fixture = path.resolve(import.meta.dirname, '../../fixtures/ui/shop.jsonl');

/** A session over a recording replayed at max speed (so it has replay controls), up to `to` when given; `run` ingests it all. */
export async function replaySession(recording: string, options: {run: boolean; to?: number}): Promise<Session & {replay: ReplayControl}> {
	const session = await openSession([recording], {ephemeral: true}, {speed: 'max', range: options.to === undefined ? undefined : {to: options.to}});
	const source = session.sources[0] as unknown as {replay: ReplayControl};
	if (options.run) await session.engine.run();
	return Object.assign(session, {replay: source.replay});
}

/**
 * A session over a recording replayed at 5× the recorded pace (ecommerce.jsonl.gz's 12 minutes in 2.5), resolved
 * once it stored 2,000 events: events (and errors) keep arriving while a test reads frames.
 */
export async function liveReplaySession(recording: string): Promise<Session & {replay: ReplayControl}> {
	const session = await replaySession(recording, {run: false});
	session.replay.setSpeed(5);
	void session.engine.run();
	await vi.waitFor(() => {
		expect(session.store.stats().events).toBeGreaterThan(2000);
	}, {timeout: limit(30_000), interval: 100});
	return session;
}

/** A session over the fixture replayed at max speed (so it has replay controls); `run` ingests it all. */
export async function fixtureSession(options: {run: boolean}): Promise<Session & {replay: ReplayControl}> {
	return replaySession(fixture, options);
}

/** The frame fits a `columns` × `rows` terminal and keeps the status line at its bottom. */
export function expectFitsTerminal(frame: string, columns: number, rows: number): void {
	const lines = frame.split('\n');
	expect(lines.length).toBeLessThanOrEqual(rows);
	expect(Math.max(...lines.map(line => line.length))).toBeLessThanOrEqual(columns);
	expect(lines.at(-1)).toContain('? help');
}

/** Every line of the frame fits `columns` cells; the frame's lines. */
export function fittedLines(frame: string, columns: number): string[] {
	const lines = frame.split('\n');
	for (const line of lines) expect(displayWidth(line), line).toBeLessThanOrEqual(columns);
	return lines;
}

/** A session opened before a describe block's tests and closed after them, and the App each test rendered (unmounted after it). */
export function sessionPerBlock(open: () => Promise<Session & {replay: ReplayControl}>) {
	const held: {session?: Session & {replay: ReplayControl}; app?: RenderedApp} = {};
	beforeAll(async () => {
		held.session = await open();
	});
	afterAll(async () => {
		await held.session?.close();
	});
	afterEach(() => {
		held.app?.unmount();
		held.app = undefined;
	});
	return held as {readonly session: Session & {replay: ReplayControl}; app?: RenderedApp};
}

/** Directories where the `r` key records in each test; removed after it. */
const recordingDirectories: string[] = [];
afterEach(() => {
	for (const directory of recordingDirectories.splice(0)) fs.rmSync(directory, {recursive: true, force: true});
});

/** A rendered App with helpers to type keys and wait for frames. */
export type RenderedApp = Awaited<ReturnType<typeof renderApp>>;

/**
 * Render the App at `columns` × `rows` over `session`, with the panes and transaction lines of `plugins` (the set the
 * session's stages came from, so they share their state; the built-in panes alone by default); resolves once it
 * has drawn its first frame.
 */
export async function renderApp(session: Session & {replay?: ReplayControl}, options: {columns?: number; rows?: number; color?: boolean; terminal?: TerminalInfo; pluginProblems?: string[]; plugins?: PluginSet} = {}) {
	const set = options.plugins ?? setUpPlugins([builtInPanes], []);
	const {panes} = await readyPanes(set.panes);
	const raw: string[] = [];
	const recordings = fs.mkdtempSync(path.join(os.tmpdir(), 'pubsub-ui-rec-'));
	recordingDirectories.push(recordings);
	const recorder = new Recorder(session.engine, {directory: recordings, header: {source: 'test'}, now: () => new Date(Date.UTC(2026, 0, 15, 10, 0, 0))});
	let quits = 0;
	// ink-testing-library's terminal is 100 columns with no rows: size it first (with nothing drawn), then mount the App.
	const rendered = render(<></>);
	const stdout = rendered.stdout as unknown as {columns: number; rows?: number};
	Object.defineProperty(stdout, 'columns', {value: options.columns ?? 80, configurable: true});
	Object.defineProperty(stdout, 'rows', {value: options.rows ?? 24, configurable: true});
	rendered.rerender(
		<App
			engine={session.engine}
			mode="replay"
			replay={session.replay}
			color={options.color ?? false}
			panes={panes}
			transactionInfo={set.transactionInfo}
			pluginProblems={options.pluginProblems}
			recorder={recorder}
			onQuit={() => {
				quits++;
			}}
			writeRaw={data => raw.push(data)}
			// ink-testing-library's stdout is no terminal; the TUI only ever runs on one, so say it is one unless asked.
			terminal={options.terminal ?? {isTTY: true, env: {TERM: 'xterm-256color'}}}
		/>,
	);

	const frame = () => rendered.lastFrame() ?? '';
	/** Wait until the frame satisfies `check` (a substring or a predicate); fails with the last frame. */
	const waitFor = async (check: string | ((frame: string) => boolean), timeoutMs = limit(15_000)) => {
		const test = typeof check === 'string' ? (text: string) => text.includes(check) : check;
		return vi.waitFor(() => {
			const shown = frame();
			if (!test(shown)) throw new Error(`timed out waiting for ${typeof check === 'string' ? JSON.stringify(check) : 'a frame'}; last frame:\n${shown}`);
			return shown;
		}, {timeout: timeoutMs, interval: 10});
	};

	/** Type keys one at a time, letting Ink handle each. */
	const press = async (...keys: string[]) => {
		for (const key of keys) {
			rendered.stdin.write(key);
			await new Promise(resolve => setTimeout(resolve, 15));
		}
	};

	await waitFor(text => text.includes('[1 Overview]'));
	return {...rendered, frame, waitFor, press, raw, recordings, recorder, quits: () => quits};
}
