// `state` on one aggregate of 100,000 events (more than a transaction keeps), stored out of event-time order with a
// copy and a move its machine refuses: `--id` at several moments against a fold of the lines written here.
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli} from '../support/cli.js';
import {limit} from '../support/limits.js';
import {useTempDir} from '../support/temp-dir.js';

const temp = useTempDir('pubsub-state-long-');

// Open ⇄ Paused until Closed; a Reminder is a type the machine does not know (applied, no move).
const config = `state:
  machines:
    toggle:
      events: {Opened: Open, Paused: Paused, Resumed: Open, Closed: Closed}
      initial: [Open]
      transitions: {Open: [Paused, Closed], Paused: [Open, Closed]}
      final: [Closed]
`;
const moves: Record<string, string> = {Opened: 'Open', Paused: 'Paused', Resumed: 'Open', Closed: 'Closed'};
const allowed: Record<string, string[]> = {Open: ['Paused', 'Closed'], Paused: ['Open', 'Closed']};

type Line = {event_id: string; event_type: string; aggregate_id: string; data: {n: number}; timestamp: string};
const base = Date.parse('2026-11-23T00:00:00.000Z');
const count = 100_000;

/** The aggregate's events one second apart: every 50th a Reminder, one Resumed while Open (refused), one copy. */
function events(): Line[] {
	const lines: Line[] = [];
	let paused = false;
	for (let n = 0; n < count; n++) {
		let type = 'Reminder';
		if (n === 0) type = 'Opened';
		else if (n === 1000) type = paused ? 'Paused' : 'Resumed';
		else if (n % 50 !== 0) {
			type = paused ? 'Resumed' : 'Paused';
			paused = !paused;
		}

		lines.push({event_id: `e-${n}`, event_type: type, aggregate_id: 'long-1', data: {n}, timestamp: new Date(base + (n * 1000)).toISOString()});
	}

	// Stored in a shuffled order (a fixed one), so no kept prefix of the input is its first events in time.
	let seed = 7;
	for (let i = lines.length - 1; i > 0; i--) {
		seed = (seed * 16_807) % 2_147_483_647;
		const j = seed % (i + 1);
		[lines[i], lines[j]] = [lines[j]!, lines[i]!];
	}

	lines.push({...lines.find(line => line.event_id === 'e-500')!});
	return lines;
}

/** The fold written here: event-time order, each id once, a known type applied only on an allowed move. */
function foldAt(lines: readonly Line[], at: number) {
	const seen = new Set<string>();
	const mine = lines.filter(line => Date.parse(line.timestamp) <= at).sort((a, b) => Date.parse(a.timestamp) - Date.parse(b.timestamp));
	let state: string | null = null;
	let version = 0;
	let violations = 0;
	let copies = 0;
	let last: Line | undefined;
	for (const line of mine) {
		if (seen.has(line.event_id)) {
			copies++;
			continue;
		}

		seen.add(line.event_id);
		const next = moves[line.event_type];
		if (next !== undefined && (state === null ? next !== 'Open' : !(allowed[state] ?? []).includes(next))) {
			violations++;
			continue;
		}

		if (next !== undefined) state = next;
		version++;
		last = line;
	}

	return {state, version, violations, copies, lastEvent: last?.event_type, updatedAt: last?.timestamp, n: last?.data.n};
}

describe('state of an aggregate with 100,000 events', () => {
	it('folds every event, not the first a transaction keeps, at moments before, inside and after them', async () => {
		const lines = events();
		const file = path.join(temp.path, 'long.jsonl');
		fs.writeFileSync(file, `${lines.map(line => JSON.stringify(line)).join('\n')}\n`);
		fs.writeFileSync(path.join(temp.path, 'toggle.yaml'), config);
		// Stored once (a kept store, as a monitor's), then read at each moment.
		const stored = await runCli(['replay', file, '--speed', 'max', '--headless', '--data-dir', 'store', '--config', 'toggle.yaml'], {cwd: temp.path});
		expect(stored.code, stored.stderr).toBe(0);
		const moments = [base - 1000, base + (60_000 * 1000) + 500, base + (count * 1000)];
		for (const at of moments) {
			const result = await runCli(['state', '--data-dir', 'store', '--config', 'toggle.yaml', '--id', 'long-1', '--at', String(at), '--json'], {cwd: temp.path});
			expect(result.code, result.stderr).toBe(0);
			const got = JSON.parse(result.stdout) as {state: string | null; version: number; violations: number; copies: number; lastEvent?: string; updatedAt?: string; fields: {n?: number}; history: unknown[]};
			const want = foldAt(lines, at);
			expect({state: got.state, version: got.version, violations: got.violations, copies: got.copies, lastEvent: got.lastEvent ?? undefined, updatedAt: got.updatedAt ?? undefined, n: got.fields.n})
				.toEqual(want);
			expect(got.history).toHaveLength(want.version + want.violations);
		}

		expect(foldAt(lines, moments[2]!)).toMatchObject({version: count - 1, violations: 1, copies: 1});
	}, limit(240_000));
});
