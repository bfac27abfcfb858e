// Ctrl-C while `query --group-by` works on what it read (a large store): it gives up the group-by at once, says so,
// prints no answer, exits 1 and removes its temporary store, as a command stopped before its answer does.
import fs from 'node:fs';
import path from 'node:path';
import {setTimeout as delay} from 'node:timers/promises';
import {describe, expect, it} from 'vitest';
import {startCli} from '../support/cli.js';
import {useTempDir} from '../support/temp-dir.js';

const temp = useTempDir('pubsub-query-stop-');

/** Events in the recording: read in a few seconds, then a group-by that reads each whole (--where on a value field) for about two more. */
const events = 80_000;

/** A recording of `events` orders and one bad line last, whose report on stderr says the read is over and the group-by begins. */
function recording(): string {
	const base = Date.parse('2026-12-01T00:00:00.000Z');
	const lines = Array.from({length: events}, (_, n) => JSON.stringify({topic: n % 2 === 0 ? 'orders' : 'payments', value: {eventId: `E-${n}`, customerId: `C-${n % 5000}`, amount: n % 100, timestamp: new Date(base + (n * 10)).toISOString()}}));
	const file = path.join(temp.path, 'orders.jsonl');
	fs.writeFileSync(file, `${lines.join('\n')}\nnot json {\n`);
	return file;
}

/** Resolves once standard error holds `text`. */
async function stderrHolds(running: ReturnType<typeof startCli>, text: string): Promise<void> {
	while (!running.printed().stderr.includes(text)) {
		if (running.child.exitCode !== null) throw new Error(`exited before saying "${text}": ${running.printed().stderr}`);
		await delay(20);
	}
}

describe('Ctrl-C during a group-by', () => {
	it.each([1, 2])('--threads %i: stops at once, says so, prints no answer, exit 1, nothing left in TMPDIR', async threads => {
		const file = recording();
		const tmp = fs.mkdtempSync(path.join(temp.path, 'tmp-'));
		const running = startCli(['query', file, '--group-by', 'customerId', '--where', 'amount>0', '--threads', String(threads)], {cwd: temp.path, env: {TMPDIR: tmp}});
		running.child.stdin.end();
		await stderrHolds(running, 'malformed line skipped');
		await delay(300);
		const sent = Date.now();
		running.child.kill('SIGINT');
		const result = await running.exited;
		const took = Date.now() - sent;
		expect(result.stderr).toContain(`pubsub-tools: stopped by Ctrl-C, SIGTERM or SIGHUP while grouping the ${events.toLocaleString('en-US')} events read: no answer\n`);
		expect(result.stderr).not.toContain('already stopping');
		expect(result.stdout).toBe('');
		expect(result.code).toBe(1);
		// A worker thread still loading when asked to stop ends once it has opened the store (~0.1–0.3 s, more on a loaded machine).
		expect(took).toBeLessThan(2500);
		expect(fs.readdirSync(tmp).filter(name => name.startsWith('pubsub-tools-store-'))).toEqual([]);
	}, 60_000);
});
