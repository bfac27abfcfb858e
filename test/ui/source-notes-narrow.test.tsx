// At 80×24 an on-call engineer reads what is said under a source whole: its notices (a partition waiting for an open
// transaction, `--to now` unknown) wrap under their text as its gaps do (they were cut at one row), and after an
// outage the lines that say it (`reading stopped`, `reading again`) show even where older gaps were found before
// (the oldest showed first, the outage's lines under `… and N more`).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import type {Session} from '../../source/commands/support/session.js';
import {defaultConfig} from '../../source/core/config.js';
import {createEngine} from '../../source/core/engine.js';
import type {Source, SourceHealth} from '../../source/core/sources/source.js';
import {outageWords} from '../../source/core/sources/recording/outage-line.js';
import {openStore} from '../../source/core/store/store.js';
import {overviewNotes} from '../support/tmux.js';
import {expectFitsTerminal, renderApp} from './support/app-harness.js';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pubsub-ui-source-notes-'));
afterAll(() => {
	fs.rmSync(work, {recursive: true, force: true});
});

/** When the source's one event arrived: the Overview's now. */
const arrived = Date.UTC(2026, 0, 15, 10);

const notices = [
	'orders/0: what was written from offset 40 on waits for a transaction still open (read_committed reads nothing past it until it commits or aborts)',
	'--to now: partition orders/1 had no leader when the run started, so where it ended is unknown: read on until --duration ends the run',
];

/** Found before the outage, within the window. */
const olderGaps = [
	'40 events of orders/0 (offsets 10 to 49) were deleted by the broker\'s retention before they were read',
	'offsets of orders/1 went back from 120 to 0 (topic recreated or truncated?)',
];

const stopped = {from: arrived - 30_000, reason: 'connect ECONNREFUSED 127.0.0.1:9092'};
const outage = [
	{text: outageWords(stopped), at: stopped.from},
	{text: outageWords({...stopped, to: arrived - 5000, resumed: 'topic orders was deleted and made again, read from its new start'}), at: arrived - 5000},
];

/** A source that delivers one event and ends, with `health` besides. */
function sourceSaying(health: Partial<SourceHealth>): Source {
	return {
		id: 'kafka-notes',
		async * batches() {
			yield {events: [{source: 'kafka', topic: 'orders', value: {orderId: 'O1'}, receivedAt: arrived}]};
		},
		health: () => ({name: 'kafka://broker:9092', state: 'connected', malformed: 0, malformedSamples: [], ...health}),
		close: async () => undefined,
	};
}

/** The Overview at 80×24 over a session of `source`: its frame, fitting the terminal. */
async function overviewAt80(source: Source): Promise<string> {
	const store = openStore({ephemeral: true, path: work, retention: defaultConfig.store.retention, maxTransactionEvents: 10_000});
	const sources = [source];
	const engine = createEngine({config: defaultConfig, store, sources});
	await engine.run();
	const session: Session = {config: defaultConfig, store, sources, engine, close: async () => undefined};
	const app = await renderApp(session, {columns: 80, rows: 24});
	try {
		const frame = await app.waitFor('[1 Overview]');
		expectFitsTerminal(frame, 80, 24);
		return frame;
	} finally {
		app.unmount();
		await store.close();
	}
}

describe('the Overview at 80×24', () => {
	it('wraps a source\'s notices under their text, read whole', async () => {
		const frame = await overviewAt80(sourceSaying({notices}));
		expect(overviewNotes(frame)).toEqual(notices);
		expect(frame).toContain('Alerts  ');
	});

	it('shows the newest of a source\'s gaps and outages, the outage\'s lines after older gaps', async () => {
		const frame = await overviewAt80(sourceSaying({gaps: olderGaps, recentGaps: [...olderGaps.map(text => ({text, at: arrived - 50_000})), ...outage]}));
		expect(overviewNotes(frame)).toEqual([...outage.map(gap => gap.text), '… and 2 earlier']);
		expect(frame).toContain('Alerts  ');
	});

	it('orders them by when they were found: a gap found after the outage is newer than its lines', async () => {
		// The engine adds a source's outages after the source's own gaps: the gap found on reading again comes before them.
		const after = {text: '12 events of orders/2 (offsets 0 to 11) were deleted by the broker\'s retention before they were read', at: arrived - 4000};
		const frame = await overviewAt80(sourceSaying({gaps: [after.text], recentGaps: [after, ...outage]}));
		expect(overviewNotes(frame)).toEqual([outage[1]!.text, after.text, '… and 1 earlier']);
	});
});

describe('the Overview at 80×24 with notices and an outage', () => {
	it('says both whole, the Alerts line kept', async () => {
		const frame = await overviewAt80(sourceSaying({notices, gaps: olderGaps, recentGaps: [...olderGaps.map(text => ({text, at: arrived - 50_000})), ...outage]}));
		expect(overviewNotes(frame)).toEqual([...notices, ...outage.map(gap => gap.text), '… and 2 earlier']);
		expect(frame).toContain('Alerts  ');
	});
});

describe('the Overview at 80×24 with more notices than wrapped rows fit', () => {
	it('gives them a row each, cut at its end, and keeps the Alerts line on screen', async () => {
		// A transaction open on 8 partitions: 8 notices of two rows each would push the Alerts line off the pane.
		const many = Array.from({length: 8}, (_, partition) => notices[0]!.replace('orders/0', `orders/${partition}`));
		const frame = await overviewAt80(sourceSaying({notices: many}));
		const shown = overviewNotes(frame);
		expect(shown).toHaveLength(8);
		for (const [partition, note] of shown.entries()) expect(note).toMatch(new RegExp(`^orders/${partition}: what was written .*…$`));
		expect(frame).toContain('Alerts  ✓ none firing');
	});
});
