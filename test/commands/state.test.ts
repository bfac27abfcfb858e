// `pubsub-tools state` on the claims event-store recording: every answer checked against a fold of the raw lines
// written here, independently of the product's machines (the lifecycle is a straight line of five steps).
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli} from '../support/cli.js';
import {useTempDir} from '../support/temp-dir.js';

const recording = path.resolve(import.meta.dirname, '../../recordings/claims-store.jsonl');
const temp = useTempDir('pubsub-state-');

type Line = {event_id: string; event_type: string; aggregate_id: string; data: Record<string, unknown>; timestamp: string};
const lines = fs.readFileSync(recording, 'utf8').trim().split('\n').map(text => JSON.parse(text) as Line);
const steps = ['ReclamationCreee', 'ReclamationAffectee', 'ReclamationEnCours', 'ReclamationResolue', 'ReclamationCloturee'];
const names = ['Creee', 'Affectee', 'EnCours', 'Resolue', 'Cloturee'];

type Expected = {state: string | null; version: number; lastEvent?: string; updatedAt?: string; flagged: string[]; fields: Record<string, unknown>};

/** A claim at `at` (ms): its lines up to then in event time, each once; a step is taken only right after the one before. */
function expectedAt(claim: string, at = Number.POSITIVE_INFINITY): Expected {
	const seen = new Set<string>();
	const mine = lines
		.filter(line => line.aggregate_id === claim && Date.parse(line.timestamp) <= at)
		.sort((a, b) => Date.parse(a.timestamp) - Date.parse(b.timestamp))
		.filter(line => !seen.has(line.event_id) && seen.add(line.event_id));
	const result: Expected = {state: null, version: 0, flagged: [], fields: {}};
	let step = -1;
	for (const line of mine) {
		const next = steps.indexOf(line.event_type);
		if (next !== step + 1) {
			result.flagged.push(line.event_type);
			continue;
		}

		step = next;
		result.state = names[step]!;
		result.version++;
		result.lastEvent = line.event_type;
		result.updatedAt = new Date(Date.parse(line.timestamp)).toISOString();
		Object.assign(result.fields, line.data);
	}

	return result;
}

const claims = [...new Set(lines.map(line => line.aggregate_id))];
const times = ['2026-11-23T09:30:00Z', '2026-11-23T10:00:00Z', '2026-11-23T11:00:00Z', '2026-11-23T12:30:00Z', '2026-11-23T23:00:00Z'];

/** Run the CLI and parse its JSON, failing with what it printed when it did not exit 0. */
async function stateJson(args: string[]) {
	const result = await runCli(['state', recording, ...args, '--json'], {cwd: temp.path});
	expect(result.code, result.stderr).toBe(0);
	return JSON.parse(result.stdout);
}

describe('state', () => {
	it('gives each claim its state, version, last event and time at several moments', async () => {
		for (const at of times) {
			const summary = await stateJson(['--at', at]);
			expect(summary.at).toBe(new Date(at).toISOString());
			const expected = Object.fromEntries(claims
				.map(claim => [claim, expectedAt(claim, Date.parse(at))] as const)
				.filter(([, each]) => each.version > 0 || each.flagged.length > 0)
				.map(([claim, each]) => [claim, {
					machine: 'claims', state: each.state, final: each.state === 'Cloturee', version: each.version,
					lastEvent: each.lastEvent ?? null, updatedAt: each.updatedAt ?? null, violations: each.flagged.length,
				}]));
			expect(summary.aggregates).toEqual(expected);
			const byState: Record<string, number> = {};
			for (const each of Object.values(expected)) byState[each.state ?? '(none)'] = (byState[each.state ?? '(none)'] ?? 0) + 1;
			expect(summary.byState).toEqual(byState);
		}
	});

	it('holds claims in every state at the end of the recording', async () => {
		const summary = await stateJson([]);
		expect(Object.keys(summary.byState).sort()).toEqual([...names].sort());
		expect(summary.at).toBe(new Date(Math.max(...lines.map(line => Date.parse(line.timestamp)))).toISOString());
	});

	it('flags a step the machine does not allow and does not apply it', async () => {
		// claim_67891 jumps from created to resolved, then is assigned as it should be.
		for (const at of ['2026-11-23T10:00:00Z', '2026-11-23T12:00:00Z']) {
			const one = await stateJson(['--id', 'claim_67891', '--at', at]);
			const expected = expectedAt('claim_67891', Date.parse(at));
			expect(expected.flagged).toEqual(['ReclamationResolue']);
			expect({state: one.state, version: one.version, lastEvent: one.lastEvent, updatedAt: one.updatedAt, fields: one.fields})
				.toEqual({state: expected.state, version: expected.version, lastEvent: expected.lastEvent, updatedAt: expected.updatedAt, fields: expected.fields});
			const flagged = one.history.filter((entry: {applied: boolean}) => !entry.applied);
			expect(flagged).toHaveLength(1);
			expect(flagged[0].type).toBe('ReclamationResolue');
			expect(flagged[0].violation).toContain('Creee → Resolue is not allowed');
			expect(flagged[0].state).toBe('Creee');
		}
	});

	it('flow analyze marks the step the machine does not allow, and points from a data field to state --group-by', async () => {
		const text = await runCli(['flow', 'analyze', recording, '--id', 'claim_67891'], {cwd: temp.path});
		expect(text.stdout).toMatch(/ReclamationResolue .*✗ BREAKS ITS STATE MACHINE \(ReclamationResolue: Creee → Resolue/);
		expect(text.stdout.match(/BREAKS/g)).toHaveLength(1);
		const byClient = await runCli(['flow', 'analyze', recording, '--id', 'client-001'], {cwd: temp.path});
		expect(byClient.code).toBe(1);
		expect(byClient.stderr).toContain('state --group-by FIELD --id ID');
	});

	it('flags an event after the final state', async () => {
		const one = await stateJson(['--id', 'claim_67894']);
		expect(one.state).toBe('Cloturee');
		expect(one.final).toBe(true);
		expect(one.version).toBe(expectedAt('claim_67894').version);
		expect(one.history.at(-1)).toMatchObject({type: 'ReclamationEnCours', applied: false, state: 'Cloturee'});
		expect(one.history.at(-1).violation).toContain('after the final state Cloturee');
	});

	it('folds an event exported twice once, and counts the copy', async () => {
		const exportedTwice = lines.find((line, index) => lines.findIndex(other => other.event_id === line.event_id) !== index)!;
		const one = await stateJson(['--id', exportedTwice.aggregate_id]);
		expect(one.copies).toBe(1);
		expect(one.history.filter((entry: {eventId: string}) => entry.eventId === exportedTwice.event_id)).toHaveLength(1);
		expect(one.version).toBe(expectedAt(exportedTwice.aggregate_id).version);
	});

	it('lists the claims short of closing whose last change is older than --stuck at --at', async () => {
		const at = '2026-11-23T13:00:00Z';
		const stuck = await stateJson(['--stuck', '90m', '--at', at]);
		const expected = claims.filter(claim => {
			const each = expectedAt(claim, Date.parse(at));
			return each.updatedAt !== undefined && each.state !== 'Cloturee' && Date.parse(at) - Date.parse(each.updatedAt) > 90 * 60_000;
		});
		expect(expected.length).toBeGreaterThan(3);
		expect(Object.keys(stuck.stuck).sort()).toEqual(expected.sort());
		expect(stuck.olderThanMs).toBe(5_400_000);
		for (const claim of expected) expect(stuck.stuck[claim].sinceMs).toBe(Date.parse(at) - Date.parse(expectedAt(claim, Date.parse(at)).updatedAt!));
	});

	it('counts a booking held for hours as stuck though reminders (types its machine does not know) kept coming', async () => {
		const config = 'state:\n  machines:\n    hotel:\n      events: {BookingRequested: Requested, RoomHeld: Held, BookingCancelled: Cancelled}\n'
			+ '      initial: [Requested]\n      transitions: {Requested: [Held, Cancelled], Held: [Cancelled]}\n      final: [Cancelled]\n';
		const bookings = [
			['R-S', 'BookingRequested', '08:00'], ['R-S', 'RoomHeld', '08:01'], ['R-S', 'GuestReminded', '11:00'], ['R-S', 'GuestReminded', '11:59'],
			['R-T', 'BookingRequested', '08:00'], ['R-T', 'BookingCancelled', '08:01'], ['R-T', 'GuestReminded', '12:00'],
			['R-U', 'BookingRequested', '11:00'], ['R-U', 'RoomHeld', '11:30'],
		].map(([aggregate_id, event_type, time], index) => JSON.stringify({event_id: `b${index}`, event_type, aggregate_id, timestamp: `2026-11-20T${time}:00Z`}));
		fs.writeFileSync(path.join(temp.path, 'hotel.yaml'), config);
		fs.writeFileSync(path.join(temp.path, 'bookings.jsonl'), `${bookings.join('\n')}\n`);
		const result = await runCli(['state', 'bookings.jsonl', '--config', 'hotel.yaml', '--stuck', '2h', '--json'], {cwd: temp.path});
		expect(result.code, result.stderr).toBe(0);
		const {at, stuck} = JSON.parse(result.stdout);
		expect(at).toBe('2026-11-20T12:00:00.000Z');
		expect(Object.keys(stuck)).toEqual(['R-S']);
		expect(stuck['R-S']).toMatchObject({state: 'Held', version: 4, lastEvent: 'GuestReminded', updatedAt: '2026-11-20T11:59:00.000Z', sinceMs: (3 * 3_600_000) + (59 * 60_000)});
	});

	it('--fail-on exits 3 when an aggregate shown breaks its machine, or when one is stuck', async () => {
		const code = async (args: string[]) => (await runCli(['state', recording, ...args], {cwd: temp.path})).code;
		expect(await code(['--fail-on', 'violations'])).toBe(3);
		expect(await code(['--id', 'claim_67890', '--fail-on', 'violations'])).toBe(0);
		expect(await code(['--id', 'claim_67894', '--fail-on', 'violations'])).toBe(3);
		// At 09:05 only claim_67890 exists, created at 09:00:29: unchanged for more than 2 minutes, not for 10.
		expect(await code(['--stuck', '2m', '--at', '2026-11-23T09:05:00Z', '--fail-on', 'stuck'])).toBe(3);
		expect(await code(['--stuck', '10m', '--at', '2026-11-23T09:05:00Z', '--fail-on', 'stuck'])).toBe(0);
		expect(await code(['--fail-on', 'stuck'])).toBe(2);
	});

	it('groups claims by a field of their data, and shows one group', async () => {
		const clientOf = new Map(lines.filter(line => line.data.client_id).map(line => [line.aggregate_id, line.data.client_id as string]));
		const grouped = await stateJson(['--group-by', 'client_id']);
		expect(Object.keys(grouped.groups)).toEqual([...new Set(clientOf.values())].sort());
		for (const [client, group] of Object.entries(grouped.groups as Record<string, {aggregates: string[]}>)) {
			expect(group.aggregates).toEqual(claims.filter(claim => clientOf.get(claim) === client).sort());
		}

		const one = await stateJson(['--group-by', 'client_id', '--id', 'client-001']);
		expect(Object.keys(one.aggregates)).toEqual(claims.filter(claim => clientOf.get(claim) === 'client-001').sort());
		for (const [claim, each] of Object.entries(one.aggregates as Record<string, {state: string}>)) expect(each.state).toBe(expectedAt(claim).state);
	});

	it('prints a table and a history, and says what it cannot find', async () => {
		const table = await runCli(['state', recording, '--id', 'claim_67891'], {cwd: temp.path});
		expect(table.stdout).toContain('state Affectee · version 2');
		expect(table.stdout).toMatch(/ReclamationResolue\s+Creee\s+✗ ReclamationResolue: Creee → Resolue is not allowed/);
		const missing = await runCli(['state', recording, '--id', 'corr-none'], {cwd: temp.path});
		expect(missing.code).toBe(1);
		expect(missing.stderr).toContain('no stored event belongs to the aggregate "corr-none"');
		const byCorrelation = await runCli(['state', recording, '--id', lines[0]!.event_id], {cwd: temp.path});
		expect(byCorrelation.code).toBe(1);
		const bad = await runCli(['state', recording, '--at', 'yesterday'], {cwd: temp.path});
		expect(bad.code).toBe(2);
	});

	it('escapes control characters of message text in its tables', async () => {
		const file = path.join(temp.path, 'hostile.jsonl');
		fs.writeFileSync(file, `${JSON.stringify({event_id: 'e1', event_type: 'ReclamationCreee', aggregate_id: 'claim_\u001B]0;owned\u0007', data: {note: '\u001B[2J'}, timestamp: '2026-11-23T09:00:00Z'})}\n`);
		const one = await runCli(['state', file, '--id', 'claim_\u001B]0;owned\u0007'], {cwd: temp.path});
		expect(one.code).toBe(0);
		expect(one.stdout).not.toContain('\u001B');
		expect(one.stdout).toContain('\\e]0;owned');
		const all = await runCli(['state', file], {cwd: temp.path});
		expect(all.stdout).not.toContain('\u001B');
	});

	it('lists without --at every aggregate --id shows, events without an event time folded last', async () => {
		const file = path.join(temp.path, 'untimed.jsonl');
		const claim = (id: string, type: string, aggregate: string, timestamp?: string) => JSON.stringify({event_id: id, event_type: type, aggregate_id: aggregate, data: {}, ...(timestamp ? {timestamp} : {})});
		fs.writeFileSync(file, `${[
			claim('t1', 'ReclamationCreee', 'claim_timed', '2026-11-23T09:00:00Z'),
			claim('t2', 'ReclamationAffectee', 'claim_timed'),
			claim('u1', 'ReclamationCreee', 'claim_untimed'),
		].join('\n')}\n`);
		const all = await runCli(['state', file, '--json'], {cwd: temp.path});
		expect(all.code, all.stderr).toBe(0);
		const summary = JSON.parse(all.stdout);
		// `at` stays the newest event time, the moment --stuck measures from.
		expect(summary.at).toBe('2026-11-23T09:00:00.000Z');
		expect(Object.keys(summary.aggregates).sort()).toEqual(['claim_timed', 'claim_untimed']);
		for (const id of ['claim_timed', 'claim_untimed']) {
			const one = await runCli(['state', file, '--id', id, '--json'], {cwd: temp.path});
			const folded = JSON.parse(one.stdout);
			expect(summary.aggregates[id]).toMatchObject({state: folded.state, version: folded.version, lastEvent: folded.lastEvent});
		}

		expect(summary.aggregates.claim_timed).toMatchObject({state: 'Affectee', version: 2});
		// The last event has no time of its own: none is said, not the time of the event before it.
		const timed = await runCli(['state', file, '--id', 'claim_timed', '--json'], {cwd: temp.path});
		expect(JSON.parse(timed.stdout)).toMatchObject({lastEvent: 'ReclamationAffectee', updatedAt: null});
		expect(summary.aggregates.claim_timed).toMatchObject({lastEvent: 'ReclamationAffectee', updatedAt: null});
		expect((await runCli(['state', file, '--id', 'claim_timed'], {cwd: temp.path})).stdout).toContain('last ReclamationAffectee (no event time)');
		// With --at, the moment is what it says: an event without an event time is in no fold up to it.
		const atMoment = JSON.parse((await runCli(['state', file, '--at', '2026-11-23T10:00:00Z', '--json'], {cwd: temp.path})).stdout);
		expect(Object.keys(atMoment.aggregates)).toEqual(['claim_timed']);
		expect(atMoment.aggregates.claim_timed).toMatchObject({state: 'Creee', version: 1});
		const text = await runCli(['state', file], {cwd: temp.path});
		expect(text.stdout).toMatch(/^2 aggregates at the end of the input/);
	});

	it('answers from a kept store without reading the input again', async () => {
		const dataDir = path.join(temp.path, 'kept');
		const replay = await runCli(['replay', recording, '--speed', 'max', '--headless', '--data-dir', dataDir], {cwd: temp.path});
		expect(replay.code, replay.stderr).toBe(0);
		const result = await runCli(['state', '--data-dir', dataDir, '--id', 'claim_67893', '--json'], {cwd: temp.path});
		expect(result.code, result.stderr).toBe(0);
		expect(JSON.parse(result.stdout).state).toBe(expectedAt('claim_67893').state);
	});
});
