// --from / --to cut every line shape: bare payload lines (no recordedAt, no envelope) by their payload's own time.
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli} from '../support/cli.js';
import {useTempDir} from '../support/temp-dir.js';

const recording = path.resolve(import.meta.dirname, '../../recordings/claims-store.jsonl');
const temp = useTempDir('pubsub-time-cut-');
type Line = {event_id: string; event_type: string; aggregate_id: string; timestamp: string};
const lines = fs.readFileSync(recording, 'utf8').trim().split('\n').map(text => JSON.parse(text) as Line);
const cut = '2026-11-23T11:00:00Z';
const before = (line: Line) => Date.parse(line.timestamp) < Date.parse(cut);

/** The events a headless replay says it read. */
async function replayed(args: string[]): Promise<number> {
	const result = await runCli(['replay', recording, '--speed', 'max', '--headless', ...args], {cwd: temp.path});
	expect(result.code, result.stderr).toBe(0);
	return Number(/replay finished: (\d+) events/.exec(result.stdout)![1]);
}

describe('time cuts on bare payload lines', () => {
	it('replay --to and --from keep the lines whose payload time is before / from the cut', async () => {
		const early = lines.filter(line => before(line)).length;
		expect(early).toBeGreaterThan(10);
		expect(early).toBeLessThan(lines.length - 10);
		expect(await replayed(['--to', cut])).toBe(early);
		expect(await replayed(['--from', cut])).toBe(lines.length - early);
	});

	it('flow analyze --to shows the transaction as it stood at the cut', async () => {
		const claim = 'claim_67893';
		const result = await runCli(['flow', 'analyze', recording, '--id', claim, '--to', cut, '--json'], {cwd: temp.path});
		expect(result.code, result.stderr).toBe(0);
		const expected = lines.filter(line => line.aggregate_id === claim && before(line)).sort((a, b) => Date.parse(a.timestamp) - Date.parse(b.timestamp));
		expect(expected.length).toBeGreaterThan(1);
		expect(expected.length).toBeLessThan(lines.filter(line => line.aggregate_id === claim).length);
		expect(JSON.parse(result.stdout).events.map((event: {type: string}) => event.type)).toEqual(expected.map(line => line.event_type));
	});

	it('metrics and query --from T (a file or -) read only the events from T on, as replay --from', async () => {
		const late = lines.length - lines.filter(line => before(line)).length;
		const file = await runCli(['metrics', recording, '--from', cut, '--json'], {cwd: temp.path});
		expect(file.code, file.stderr).toBe(0);
		expect(JSON.parse(file.stdout).events).toBe(late);
		const piped = await runCli(['query', '-', '--group-by', 'topic', '--from', cut, '--json'], {cwd: temp.path, stdin: fs.readFileSync(recording)});
		expect(piped.code, piped.stderr).toBe(0);
		expect(JSON.parse(piped.stdout).matched).toBe(late);
	});

	it('replay refuses a --from that is not before its --to', async () => {
		const result = await runCli(['replay', recording, '--speed', 'max', '--headless', '--from', cut, '--to', '2026-11-23T10:00:00Z'], {cwd: temp.path});
		expect(result.code).toBe(2);
		expect(result.stderr).toBe(`pubsub-tools: --from ${cut} is not before --to 2026-11-23T10:00:00Z: no event is in between\n`);
	});

	it('flow analyze --to refuses a live source', async () => {
		const result = await runCli(['flow', 'analyze', '--source', 'redis://127.0.0.1:1', '--id', 'x', '--to', cut], {cwd: temp.path});
		expect(result.code).toBe(2);
		expect(result.stderr).toContain('--to cuts a recording');
	});
});
