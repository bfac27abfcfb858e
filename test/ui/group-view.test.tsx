// The `:group` view driven as a user drives it: a replayed event store, `:group FIELD` typed at the `:` prompt,
// figures read off the frame and checked against counts made here from the recording's own lines.
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {openSession} from '../../source/commands/support/session.js';
import type {ReplayControl} from '../../source/core/sources/paced-source.js';
import {displayWidth} from '../../source/ui/text/width.js';
import {expectFitsTerminal, renderApp, replaySession, sessionPerBlock} from './support/app-harness.js';
import {ENTER, ESC} from './support/keys.js';

const recording = path.resolve(import.meta.dirname, '../../recordings/claims-store.jsonl');

type Line = {event_id: string; event_type: string; data?: {client_id?: string; montant_estime?: number}};

/** The recording's events, each event id once (a copy on events:all counts once). */
function distinctEvents(): Line[] {
	const seen = new Set<string>();
	return fs.readFileSync(recording, 'utf8').trim().split('\n').map(line => JSON.parse(line) as Line).filter(line => !seen.has(line.event_id) && Boolean(seen.add(line.event_id)));
}

/** Events and the sum of montant_estime per value of `key`, counted here without the tool. */
function tally(key: (line: Line) => string | undefined): Map<string, {count: number; sum: number}> {
	const groups = new Map<string, {count: number; sum: number}>();
	for (const line of distinctEvents()) {
		const value = key(line);
		if (value === undefined) continue;
		const group = groups.get(value) ?? {count: 0, sum: 0};
		group.count++;
		group.sum += line.data?.montant_estime ?? 0;
		groups.set(value, group);
	}

	return groups;
}

/** The table row of `value` in a frame, split into its cells. */
function rowOf(frame: string, value: string): string[] | undefined {
	return frame.split('\n').find(line => line.slice(2).startsWith(`${value} `))?.slice(2).trim().split(/\s{2,}/);
}

describe(':group over a finished replay', () => {
	const held = sessionPerBlock(async () => replaySession(recording, {run: true}));

	it('counts and sums per client, largest groups first, fits 80×24, and Esc closes it', async () => {
		const app = held.app = await renderApp(held.session, {columns: 80, rows: 24});
		await app.press(':', 'group client_id --sum montant_estime', ENTER);
		const frame = await app.waitFor('Group by client_id · sum of montant_estime');
		const expected = tally(line => line.data?.client_id);
		const words = frame.replaceAll(/\s+/g, ' ');
		expect(words).toContain(`${distinctEvents().length} events · ${expected.size} values of client_id`);
		expect(words).toContain('1 copy counted once');
		for (const [client, {count, sum}] of expected) expect(rowOf(frame, client), client).toEqual([client, String(count), sum.toLocaleString('en-US'), expect.stringMatching(/^\d\d:\d\d:\d\d\.\d{3}$/), expect.stringMatching(/^\d\d:\d\d:\d\d\.\d{3}$/)]);
		for (const line of frame.split('\n')) expect(displayWidth(line), line).toBeLessThanOrEqual(80);
		expect(frame.split('\n').length).toBeLessThanOrEqual(23);
		await app.press(ESC);
		const back = await app.waitFor(text => !text.includes('Group by'));
		expect(back).toContain('[1 Overview]');
	});

	it('keeps its summary on one line at 80 columns: the table header comes right under it', async () => {
		const app = held.app = await renderApp(held.session, {columns: 80, rows: 24});
		for (const request of ['group client_id --sum montant_estime', 'group client_id --where type:ReclamationCreee --sum montant_estime']) {
			await app.press(':', request, ENTER);
			const frame = await app.waitFor(text => text.includes('Group by client_id') && text.includes('▶ client-001'));
			expectFitsTerminal(frame, 80, 24);
			const lines = frame.split('\n');
			const title = lines.findIndex(line => line.startsWith('Group by client_id'));
			// Title, one summary line, then the header: a summary wrapped onto a second line pushed "once" between them.
			expect(lines[title + 1], request).toMatch(/^\d+ events · 6 values of client_id · \d+ without it · \d+ /);
			expect(lines[title + 2], request).toMatch(/^ {2}client_id +events +sum of montant_estime/);
			await app.press(ESC);
			await app.waitFor(text => !text.includes('Group by'));
		}
	});

	it('puts the largest group first and scrolls with j', async () => {
		const app = held.app = await renderApp(held.session, {columns: 80, rows: 24});
		await app.press(':', 'group type', ENTER);
		const frame = await app.waitFor('Group by type');
		const expected = [...tally(line => line.event_type)].sort(([, a], [, b]) => b.count - a.count);
		const order = frame.split('\n').filter(line => /^(▶ | {2})Reclamation/.test(line)).map(line => line.slice(2).split(/\s+/)[0]);
		expect(order).toEqual(expected.map(([type]) => type));
		expect(frame.split('\n').find(line => line.startsWith('▶'))).toContain(expected[0]![0]);
		await app.press('j');
		await app.waitFor(text => text.split('\n').find(line => line.startsWith('▶'))?.includes(expected[1]![0]) ?? false);
	});

	it('explains itself when no event has the field', async () => {
		const app = held.app = await renderApp(held.session, {columns: 80, rows: 24});
		await app.press(':', 'group no_such_field', ENTER);
		const frame = await app.waitFor('none of the');
		expect(frame.replaceAll(/\s+/g, ' ')).toContain(`none of the ${distinctEvents().length} events has no_such_field`);
	});
});

describe(':group while a replay is still ingesting', () => {
	it('grows as events are stored, without being opened again', async () => {
		// Recorded pace: the first events come at once, the next minutes later, until the replay is sped up.
		const session = await openSession([recording], {ephemeral: true}, {speed: 1});
		const replay = (session.sources[0] as unknown as {replay: ReplayControl}).replay;
		const running = session.engine.run();
		const app = await renderApp(session, {columns: 80, rows: 24});
		try {
			await app.press(':', 'group type', ENTER);
			const first = await app.waitFor('Group by type');
			// "1 event" when only the first one is stored yet.
			const before = Number(/(\d+) events? · /.exec(first)?.[1]);
			expect(before).toBeLessThan(distinctEvents().length);
			replay.setSpeed('max');
			const after = await app.waitFor(`${distinctEvents().length} events · 5 values of type`);
			expect(after).toContain('Group by type');
			expect(rowOf(after, 'ReclamationCreee')?.[1]).toBe('30');
		} finally {
			// At recorded pace the replay would run for hours: a failed expectation must not leave it to.
			replay.setSpeed('max');
			app.unmount();
			await running;
			await session.close();
		}
	});
});

describe(':group on a field inside an array', () => {
	const held = sessionPerBlock(async () => replaySession(path.resolve(import.meta.dirname, '../../recordings/checkout-saga.redis.jsonl'), {run: true}));

	it('says how many events hold it inside an array, in no group, instead of saying none has it', async () => {
		const app = held.app = await renderApp(held.session, {columns: 80, rows: 24});
		await app.press(':', 'group items.sku', ENTER);
		const frame = (await app.waitFor('Group by items.sku')).replaceAll(/\s+/g, ' ');
		// The 200 checkouts carry their items in data.items.
		expect(frame).toMatch(/✗ 200 of the [\d,]+ events hold items\.sku inside an array/);
		expect(frame).not.toContain('none of the');
	});
});
