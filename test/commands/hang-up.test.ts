// A terminal closed or an SSH session dropped (SIGHUP) stops a headless run as Ctrl-C does: nothing read is lost.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import {describe, expect, it} from 'vitest';
import {startCli, waitUntilIdle, type CliResult} from '../support/cli.js';
import {useTempDir} from '../support/temp-dir.js';

const temp = useTempDir('pubsub-hang-up-');

/** 40 orders as recording lines. */
const orders = Array.from({length: 40}, (_, n) => JSON.stringify({topic: 'orders', offset: String(n), value: {orderId: `ORD-${n}`}, timestamp: 1_000 + n}));

/**
 * Run the CLI on the 40 orders given on a standard input that stays open (it would wait for more lines), and hang
 * up on it once it has taken them in. `leftInTmp`: the temporary stores the run left in its own TMPDIR.
 */
async function hungUpMidInput(args: string[]): Promise<CliResult & {leftInTmp: string[]}> {
	const tmp = fs.mkdtempSync(path.join(temp.path, 'tmp-'));
	const running = startCli(args, {cwd: temp.path, env: {TMPDIR: tmp}});
	running.child.stdin.write(`${orders.join('\n')}\n`);
	await waitUntilIdle(running.child);
	running.child.kill('SIGHUP');
	const result = await running.exited;
	return {...result, leftInTmp: fs.readdirSync(tmp).filter(name => name.startsWith('pubsub-tools-store-'))};
}

describe('SIGHUP in a headless run', () => {
	it('record -o FILE.jsonl.gz: a complete gzip holding every event read, the temporary store removed', async () => {
		const out = path.join(temp.path, 'hung-up.jsonl.gz');
		const result = await hungUpMidInput(['record', '-', '-o', out]);
		expect(result.code).toBe(0);
		expect(result.stderr).toBe(`recorded 40 events to ${out}; stopped by Ctrl-C, SIGTERM or SIGHUP before the end of its input\n`);
		// gunzipSync throws on a gzip stream that does not end.
		const lines = zlib.gunzipSync(fs.readFileSync(out)).toString('utf8').split('\n').filter(Boolean);
		expect(lines.slice(1).map(line => (JSON.parse(line) as {value: {orderId: string}}).value.orderId)).toEqual(orders.map((_, n) => `ORD-${n}`));
		expect(result.leftInTmp).toEqual([]);
	});

	it('metrics - --data-dir: the answer for what was read, and the store closed with its lock released', async () => {
		const dataDir = path.join(temp.path, 'hung-up-store');
		const result = await hungUpMidInput(['metrics', '-', '--json', '--data-dir', dataDir]);
		expect(result.code).toBe(0);
		expect(JSON.parse(result.stdout)).toMatchObject({events: 40, topics: {orders: {count: 40}}});
		expect(result.stderr).toContain('pubsub-tools: stopped by Ctrl-C, SIGTERM or SIGHUP before the end of its input: the answer covers the 40 events read\n');
		expect(fs.existsSync(path.join(dataDir, 'pubsub-tools.lock'))).toBe(false);
	});
});
