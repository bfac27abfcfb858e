// Ctrl-C pressed again (or SIGTERM / SIGHUP after it) while a headless run stops: it goes on stopping cleanly, so the
// recording is still complete and the temporary store removed.
import fs from 'node:fs';
import path from 'node:path';
import {setTimeout as delay} from 'node:timers/promises';
import zlib from 'node:zlib';
import {describe, expect, it} from 'vitest';
import {startCli, waitUntilIdle} from '../support/cli.js';
import {useTempDir} from '../support/temp-dir.js';

const temp = useTempDir('pubsub-repeated-signals-');

/** 40 orders as recording lines. */
const orders = Array.from({length: 40}, (_, n) => JSON.stringify({topic: 'orders', offset: String(n), value: {orderId: `ORD-${n}`}, timestamp: 1_000 + n}));

describe('signals sent again while a headless run stops', () => {
	it('record -o FILE.jsonl.gz: Ctrl-C, Ctrl-C and SIGHUP 20 ms apart leave a complete gzip of every event read and say so', async () => {
		const tmp = fs.mkdtempSync(path.join(temp.path, 'tmp-'));
		const out = path.join(temp.path, 'twice.jsonl.gz');
		const running = startCli(['record', '-', '-o', out], {cwd: temp.path, env: {TMPDIR: tmp}});
		running.child.stdin.write(`${orders.join('\n')}\n`);
		await waitUntilIdle(running.child);
		for (const signal of ['SIGINT', 'SIGINT', 'SIGHUP'] as const) {
			running.child.kill(signal);
			await delay(20);
		}

		const result = await running.exited;
		// The summary is said once the file is closed and the store removed. (A signal landing after that, as the
		// process exits and Node drops its listeners, may still end it with that signal: the work is done by then.)
		expect(result.stderr).toContain(`recorded 40 events to ${out}; stopped by Ctrl-C, SIGTERM or SIGHUP before the end of its input\n`);
		// gunzipSync throws on a gzip stream that does not end.
		const lines = zlib.gunzipSync(fs.readFileSync(out)).toString('utf8').split('\n').filter(Boolean);
		expect(lines.slice(1).map(line => (JSON.parse(line) as {value: {orderId: string}}).value.orderId)).toEqual(orders.map((_, n) => `ORD-${n}`));
		expect(fs.readdirSync(tmp).filter(name => name.startsWith('pubsub-tools-store-'))).toEqual([]);
	});
});
