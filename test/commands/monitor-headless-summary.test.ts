// `monitor --headless` ran and ended without a word: no figures at the end of a recording, of --duration or of
// Ctrl-C, so `monitor --headless … | head` had nothing to show. It now ends as `replay --headless` does: a summary
// line, the store, and the metrics tables. Run as a subprocess.
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli, startCli, waitUntilIdle} from '../support/cli.js';
import {limit} from '../support/limits.js';

const root = path.resolve(import.meta.dirname, '../..');
const fraud = path.join(root, 'recordings/fraud.jsonl');

describe('monitor --headless', () => {
	it('prints what it saw at the end of its input: the summary line, the store and the same tables as metrics', async () => {
		const [monitor, metrics] = await Promise.all([
			runCli(['monitor', '--headless', '--source', fraud, '--ephemeral']),
			runCli(['metrics', fraud]),
		]);
		expect(monitor.code, monitor.stderr).toBe(0);
		expect(monitor.stdout).toMatch(/^monitor finished: 1,595 events, 0 malformed, 1 alert firing, 3 alerts in all\nstore: 1,595 events kept /);
		expect(monitor.stdout.endsWith(`${metrics.stdout.trimEnd()}\n`)).toBe(true);
	}, limit(60_000));

	it('on Ctrl-C says it was stopped, with what it read so far', async () => {
		// Standard input left open: the run waits for more lines once it has taken in these.
		const running = startCli(['monitor', '--headless', '--source', '-', '--ephemeral']);
		running.child.stdin.write(`${Array.from({length: 40}, (_, n) => JSON.stringify({topic: 'orders', value: {orderId: `ORD-${n}`}, timestamp: 1_000 + n})).join('\n')}\n`);
		await waitUntilIdle(running.child);
		running.child.kill('SIGINT');
		const result = await running.exited;
		expect(result.code, result.stderr).toBe(0);
		expect(result.stdout).toMatch(/^monitor stopped by Ctrl-C, SIGTERM or SIGHUP before the end of its input: 40 events, 0 malformed, /);
		expect(result.stdout).toContain('\ntopic ');
	}, limit(60_000));

	it('with --alerts-out - prints the alerts alone: that stream is its answer, standard error stays for problems', async () => {
		const result = await runCli(['monitor', '--headless', '--source', fraud, '--ephemeral', '--alerts-out', '-']);
		expect(result.code, result.stderr).toBe(0);
		for (const line of result.stdout.trim().split('\n')) expect(JSON.parse(line)).toHaveProperty('rule');
		expect(result.stderr).toBe('');
	}, limit(60_000));
});
