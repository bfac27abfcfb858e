// The JSON answers against docs/headless-json.md, field by field, on recordings written by hand from
// docs/recording-format.md: every field the contract lists is there, also when the input leaves it out.
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli} from '../support/cli.js';
import {useTempDir} from '../support/temp-dir.js';

const temp = useTempDir('pubsub-json-contract-');

/** Write `lines` (objects) as a recording in the temporary directory. */
function recording(name: string, lines: unknown[]): string {
	const file = path.join(temp.path, name);
	fs.writeFileSync(file, lines.map(line => `${JSON.stringify(line)}\n`).join(''));
	return file;
}

describe('audit query --format json', () => {
	it('has topic, timestamp, firstEventAt and lastEventAt as null for a bare payload without a time', async () => {
		const file = recording('timeless.jsonl', [
			{event_id: 'e1', event_type: 'ReclamationCreee', aggregate_id: 'claim_1', correlation_id: 'k1'},
		]);
		const result = await runCli(['audit', 'query', file, '--id', 'claim_1', '--format', 'json'], {cwd: temp.path});
		expect(result.code).toBe(0);
		const record = JSON.parse(result.stdout) as Record<string, unknown> & {chain: Array<Record<string, unknown>>};
		expect(record.firstEventAt).toBeNull();
		expect(record.lastEventAt).toBeNull();
		expect(record).not.toHaveProperty('totalProcessingMs');
		expect(record.chain).toHaveLength(1);
		expect(record.chain[0]).toMatchObject({topic: null, timestamp: null, type: 'ReclamationCreee'});
	});
});

describe('--from and --to on a recording', () => {
	it('take an ISO time or epoch ms alike, as replay does: an event exactly at --from is in, one at --to is out', async () => {
		const at = (second: number) => `2026-11-21T10:00:${String(second).padStart(2, '0')}.000Z`;
		const file = recording('edges.jsonl', [0, 5, 10].flatMap(second => [
			{topic: 't', value: {type: 'A', orderId: `X${second}`}, timestamp: at(second), recordedAt: at(second)},
			{topic: 'u', value: {type: 'B', orderId: `Y${second}`}, timestamp: at(second)},
			{type: 'C', orderId: `Z${second}`, timestamp: at(second)},
		]));
		const orders = async (window: string[]) => {
			const result = await runCli(['query', file, '--group-by', 'orderId', '--json', ...window], {cwd: temp.path});
			expect(result.code, result.stderr).toBe(0);
			return Object.keys((JSON.parse(result.stdout) as {groups: Record<string, unknown>}).groups).sort();
		};

		const iso = await orders(['--from', at(5), '--to', at(10)]);
		expect(iso).toEqual(['X5', 'Y5', 'Z5']);
		expect(await orders(['--from', String(Date.parse(at(5))), '--to', String(Date.parse(at(10)))])).toEqual(iso);
	});

	it('are bad usage in every command when --from is not before --to, as in replay: no figures that look like a quiet input', async () => {
		const file = recording('range.jsonl', [{topic: 't', value: {type: 'A', orderId: 'X1'}, timestamp: '2026-11-21T10:00:05.000Z'}]);
		for (const args of [['metrics', file, '--json'], ['query', file, '--group-by', 'type', '--json'], ['replay', file, '--headless', '--speed', 'max']]) {
			const result = await runCli([...args, '--from', '2026-11-21T10:00:05Z', '--to', '2026-11-21T10:00:05Z'], {cwd: temp.path});
			expect(result.code, args[0]).toBe(2);
			expect(result.stdout).toBe('');
			expect(result.stderr).toBe('pubsub-tools: --from 2026-11-21T10:00:05Z is not before --to 2026-11-21T10:00:05Z: no event is in between\n');
		}
	});
});
