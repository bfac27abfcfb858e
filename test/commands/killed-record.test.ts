// A record killed outright (SIGKILL, the out-of-memory killer, a crash) leaves a .jsonl.gz that still reads back
// what it had received a second or more before: the compressor's output is flushed to the file as it goes.
import path from 'node:path';
import {setTimeout as delay} from 'node:timers/promises';
import {describe, expect, it} from 'vitest';
import {runCli, startCli, waitUntilIdle} from '../support/cli.js';
import {gzipEventLinesSoFar} from '../support/recording-lines.js';
import {useTempDir} from '../support/temp-dir.js';

const temp = useTempDir('pubsub-killed-record-');

/** 40 orders as recording lines. */
const orders = Array.from({length: 40}, (_, n) => JSON.stringify({topic: 'orders', offset: String(n), value: {orderId: `ORD-${n}`}, timestamp: 1_000 + n}));

describe('record -o FILE.jsonl.gz killed with SIGKILL', () => {
	it('leaves a file whose events read back, the cut said as a truncated gzip', async () => {
		const out = path.join(temp.path, 'killed.jsonl.gz');
		// Killed, it cannot remove its temporary store: let it make that store where the test's files are removed.
		const running = startCli(['record', '-', '-o', out], {cwd: temp.path, env: {TMPDIR: temp.path}});
		running.child.stdin.write(`${orders.join('\n')}\n`);
		await waitUntilIdle(running.child);
		// The 40 lines reach the file within about a second of being written (not at all before the fix).
		const deadline = Date.now() + 10_000;
		while (gzipEventLinesSoFar(out).length < 40 && Date.now() < deadline) await delay(100);
		running.child.kill('SIGKILL');
		await running.exited;
		const result = await runCli(['metrics', out, '--json'], {cwd: temp.path});
		expect(JSON.parse(result.stdout)).toMatchObject({events: 40, topics: {orders: {count: 40}}});
		expect(result.stderr).toContain('gzip data corrupt or truncated: unexpected end of file');
		expect(result.code).toBe(1);
	});
});
