// A recording's line with no time at all (no recordedAt, no event time) arrived with the line before it: one such
// line in an old recording used to be dated today, which cut the recording by the store's age limit and moved
// windows, sagas and alerts. Run as subprocesses on the bundled checkout recording, with and without such a line.
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli} from '../support/cli.js';
import {useTempDir} from '../support/temp-dir.js';

const temp = useTempDir('pubsub-timeless-');
const checkout = path.resolve(import.meta.dirname, '../../recordings/checkout.jsonl');

/** The checkout recording with a heartbeat line that carries no time inserted after line `after` (0: first). */
function withHeartbeat(after: number): string {
	const lines = fs.readFileSync(checkout, 'utf8').split('\n').filter(Boolean);
	lines.splice(after, 0, JSON.stringify({topic: 'heartbeat', value: {service: 'checkout', alive: true}}));
	const file = path.join(temp.path, `heartbeat-${after}.jsonl`);
	fs.writeFileSync(file, `${lines.join('\n')}\n`);
	return file;
}

/** stdout of a command that must succeed. */
async function output(args: string[]): Promise<string> {
	const result = await runCli(args, {cwd: temp.path});
	expect(result.code).toBe(0);
	return result.stdout;
}

describe('a line with no time in a recording', () => {
	it('changes neither sagas nor alerts, and the store keeps every event', async () => {
		const sagas = JSON.parse(await output(['saga', checkout, '--json']));
		const alerts = await output(['alerts', checkout, '--json']);
		const events = fs.readFileSync(checkout, 'utf8').split('\n').filter(line => line.trim() !== '' && !line.startsWith('{"$recording"')).length;
		for (const after of [1, 50]) {
			const file = withHeartbeat(after);
			expect(JSON.parse(await output(['saga', file, '--json']))).toEqual(sagas);
			expect(await output(['alerts', file, '--json'])).toBe(alerts);
			const replay = await runCli(['replay', file, '--speed', 'max', '--headless'], {cwd: temp.path});
			expect(replay.code).toBe(0);
			expect(replay.stdout).toContain(`store: ${events + 1} events kept`);
		}
	});

	it('arrives with the line before it (or, first, with the first line that has a time)', async () => {
		const file = path.join(temp.path, 'four.jsonl');
		const line = (topic: string, timestamp?: string) => JSON.stringify({topic, value: timestamp ? {timestamp} : {note: 'no time'}});
		fs.writeFileSync(file, `${[line('lead'), line('a', '2026-01-01T00:00:07Z'), line('c'), line('d', '2026-01-01T00:00:09Z')].join('\n')}\n`);
		const summary = JSON.parse(await output(['metrics', file, '--window', '1m', '--json']));
		expect(summary.events).toBe(4);
		const recorded = (await output(['record', file, '-o', '-'])).split('\n').filter(Boolean).slice(1).map(text => JSON.parse(text) as {topic: string; recordedAt?: string});
		expect(recorded.map(event => [event.topic, event.recordedAt])).toEqual([
			['lead', '2026-01-01T00:00:07.000Z'],
			['a', undefined],
			['c', '2026-01-01T00:00:07.000Z'],
			['d', undefined],
		]);
	});
});
