// At 80×24 (the on-call size) and 60×16 (the smallest), sources with long URLs (the README's Kafka URL with its five
// topic patterns): the Overview and the status bar keep each source's state (✓ connected, ↻ reconnecting, ✗ error)
// and the URL is what is cut, from its end; no line is wider than the terminal. With one source and with three.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import type {Session} from '../../source/commands/support/session.js';
import {defaultConfig} from '../../source/core/config.js';
import {createEngine} from '../../source/core/engine.js';
import type {Source, SourceHealth} from '../../source/core/sources/source.js';
import {openStore} from '../../source/core/store/store.js';
import {errorEssence} from '../../source/core/error-essence.js';
import {formatSourceState, sourceAddress} from '../../source/ui/format.js';
import {displayWidth} from '../../source/ui/text/width.js';
import {renderApp} from './support/app-harness.js';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pubsub-source-state-'));
afterAll(() => {
	fs.rmSync(work, {recursive: true, force: true});
});

const topics = 'topics=orders.*,payment.*,inventory.*,customer.*,shipping.*';
/** Three live sources as their health says: connected, reconnecting after a refused connection, failed. */
const healths: SourceHealth[] = [
	{name: `kafka://127.0.0.1:19092?${topics}`, state: 'connected', malformed: 0, malformedSamples: []},
	{name: `kafka://127.0.0.1:9?${topics}`, state: 'reconnecting', error: 'connect ECONNREFUSED 127.0.0.1:9', malformed: 0, malformedSamples: []},
	{name: 'redis://***@127.0.0.1:6379?streams=orders:*,payments:*,inventory:*,customers:*', state: 'error', error: 'authentication failed: WRONGPASS', malformed: 0, malformedSamples: []},
];

/** A source that reads nothing and reports `health`. */
function standing(health: SourceHealth): Source {
	return {
		id: health.name,
		async * batches() {
			// Nothing to read: the test looks at its health only.
		},
		health: () => health,
		close: async () => undefined,
	};
}

/** A session (engine over an ephemeral store) over sources reporting `list`. */
function sessionOver(list: SourceHealth[]): Session {
	const store = openStore({ephemeral: true, path: work, retention: defaultConfig.store.retention, maxTransactionEvents: 10_000});
	const sources = list.map(health => standing(health));
	const engine = createEngine({config: defaultConfig, store, sources});
	return {config: defaultConfig, store, sources, engine, close: async () => store.close()};
}

describe('a source\'s state at narrow sizes', () => {
	it.each([[80, 24, 1], [60, 16, 1], [80, 24, 3], [60, 16, 3]])('at %d×%d with %d source(s) the Overview and the status bar keep each state; the URL is cut', async (columns, rows, count) => {
		const list = count === 1 ? [healths[1]!] : healths;
		const session = sessionOver(list);
		const app = await renderApp(session, {columns, rows});
		try {
			const frame = await app.waitFor('Sources');
			const lines = frame.split('\n');
			for (const line of lines) expect(displayWidth(line), frame).toBeLessThanOrEqual(columns);
			const sourcesAt = lines.indexOf('Sources');
			for (const [index, health] of list.entries()) {
				const line = lines[sourcesAt + 1 + index]!;
				// The URL's start (its scheme and host) and the state, and the error's start when there is one (its cause).
				expect(line, frame).toMatch(new RegExp(`^ {2}${health.name.slice(0, 12).replaceAll(/[.*?]/g, '\\$&')}\\S*… {2}${formatSourceState(health.state)} {2}0 events`));
				if (health.error) expect(line, frame).toContain(`events  ${errorEssence(health.error, sourceAddress(health.name)).text.slice(0, 3)}`);
			}

			// The status bar: every source not connected, with its state.
			for (const health of list.filter(source => source.state !== 'connected')) {
				expect(lines[0], frame).toContain(` ${formatSourceState(health.state)}`);
			}
		} finally {
			app.unmount();
			await session.close();
		}
	});
});

describe('a source URL sharing its line with an error', () => {
	const brokers = 'kafka://kafka-1.prod:9092,kafka-2.prod:9092,kafka-3.prod:9092';
	const failing: SourceHealth = {name: `${brokers}?${topics}`, state: 'reconnecting', error: 'connect ECONNREFUSED 10.20.30.41:9092 (kafka-1.prod)', malformed: 0, malformedSamples: []};

	it.each([[80, 24], [60, 16]])('at %d×%d keeps the first broker\'s host:port, the state and the error\'s start', async (columns, rows) => {
		const session = sessionOver([failing]);
		const app = await renderApp(session, {columns, rows});
		try {
			const frame = await app.waitFor('Sources');
			const lines = frame.split('\n');
			for (const line of lines) expect(displayWidth(line), frame).toBeLessThanOrEqual(columns);
			const line = lines[lines.indexOf('Sources') + 1]!;
			expect(line, frame).toMatch(/^ {2}kafka:\/\/kafka-1\.prod:9092\S*… {2}⚠ reconnecting {2}0 events {2}ECO/);
			// The status bar: the same host:port, then the state.
			expect(lines[0], frame).toMatch(/kafka:\/\/kafka-1\.prod:9092\S* ⚠ reconnecting/);
		} finally {
			app.unmount();
			await session.close();
		}
	});
});
