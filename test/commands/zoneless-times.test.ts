// A time given without a zone (`--at 2026-11-20T09:21:00`, as a payload writes its own) is UTC, as event times are
// read, whatever the machine's time zone: on a machine in New York it once meant 14:21Z, and `state` showed the
// booking five hours later than asked. Text that is not an ISO time (`hotel 5`, a date in 2001 to Date.parse) is refused.
import fs from 'node:fs';
import path from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {runCli} from '../support/cli.js';
import {useTempDir} from '../support/temp-dir.js';

const temp = useTempDir('pubsub-zoneless-');
const config = [
	'state:',
	'  machines:',
	'    hotel:',
	'      events: {BookingRequested: Requested, RoomHeld: Held, PaymentCaptured: Paid}',
	'      initial: [Requested]',
	'      transitions: {Requested: [Held], Held: [Paid]}',
	'      final: [Paid]',
].join('\n');
/** One booking, its payload times without a zone, two minutes apart. */
const lines = [['BookingRequested', '09:20:00'], ['RoomHeld', '09:22:00'], ['PaymentCaptured', '09:24:00']]
	.map(([eventType, time], index) => JSON.stringify({event_id: `e${index}`, eventType, aggregate_id: 'R-1', occurredAt: `2026-11-20T${time}`}));

describe('times without a zone in flags', () => {
	beforeAll(() => {
		fs.writeFileSync(path.join(temp.path, 'booking.jsonl'), `${lines.join('\n')}\n`);
		fs.writeFileSync(path.join(temp.path, 'hotel.yaml'), `${config}\n`);
	});
	const run = async (args: string[], timeZone: string) => runCli(args, {cwd: temp.path, env: {TZ: timeZone}});

	it('state --at reads them as UTC on a machine in any zone', async () => {
		for (const timeZone of ['America/New_York', 'Asia/Kolkata', 'UTC']) {
			const result = await run(['state', 'booking.jsonl', '--config', 'hotel.yaml', '--id', 'R-1', '--at', '2026-11-20T09:23:00', '--json'], timeZone);
			expect(result.code, result.stderr).toBe(0);
			const state = JSON.parse(result.stdout);
			expect({zone: timeZone, at: state.at, state: state.state, version: state.version}).toEqual({zone: timeZone, at: '2026-11-20T09:23:00.000Z', state: 'Held', version: 2});
		}
	});

	it('flow analyze --to and --from cut the recording at the UTC moment', async () => {
		const to = await run(['flow', 'analyze', 'booking.jsonl', '--id', 'R-1', '--to', '2026-11-20T09:21:00', '--json'], 'America/New_York');
		expect(to.code, to.stderr).toBe(0);
		expect(JSON.parse(to.stdout).events.map((event: {type: string}) => event.type)).toEqual(['BookingRequested']);
		const from = await run(['flow', 'analyze', 'booking.jsonl', '--id', 'R-1', '--from', '2026-11-20T09:21:00', '--json'], 'Asia/Kolkata');
		expect(from.code, from.stderr).toBe(0);
		expect(JSON.parse(from.stdout).events.map((event: {type: string}) => event.type)).toEqual(['RoomHeld', 'PaymentCaptured']);
	});

	it('refuses text that is not an ISO time', async () => {
		const result = await run(['state', 'booking.jsonl', '--id', 'R-1', '--at', 'hotel 5'], 'UTC');
		expect(result.code).toBe(2);
		expect(result.stderr).toContain('--at: expected an ISO-8601 time');
	});
});
