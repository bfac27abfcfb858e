// record, replay --headless (from a file and from a pipe) and the round trip between them, as subprocesses.
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli, startCli} from '../support/cli.js';
import {known, useKnownRecording} from '../support/known-recording.js';

const recording = useKnownRecording('pubsub-record-');

/**
 * Run the CLI on 40 orders given on a standard input that stays open (it would wait for more lines), and stop it
 * with `signal` once its output shows `seen`.
 */
async function stoppedMidInput(args: string[], seen: string, signal: NodeJS.Signals) {
	const running = startCli(args, {cwd: recording.dir});
	const lines = Array.from({length: 40}, (_, n) => JSON.stringify({topic: 'orders', offset: String(n), value: {orderId: `ORD-${n}`}, timestamp: 1_000 + n}));
	running.child.stdin.write(`${lines.join('\n')}\n`);
	await running.waitForOutput(seen);
	running.child.kill(signal);
	return running.exited;
}

/** The non-blank lines of a recording.file, parsed. */
function jsonLines(target: string): Array<Record<string, unknown>> {
	return fs.readFileSync(target, 'utf8').split('\n').filter(Boolean).map(line => JSON.parse(line) as Record<string, unknown>);
}

describe('record', () => {
	it('writes a header and only the events matching the filter', async () => {
		const out = path.join(recording.dir, 'ord5.jsonl');
		const result = await runCli(['record', recording.file, '--filter', 'id:ORD-5', '-o', out], {cwd: recording.dir});
		expect(result.code).toBe(0);
		const [header, ...events] = jsonLines(out);
		expect(header).toMatchObject({$recording: {version: 1, filter: 'id:ORD-5'}});
		expect(events.map(event => [event.topic, (event.value as {eventType: string}).eventType])).toEqual([
			['orders.created', 'OrderCreated'],
			['payment.transactions', 'PaymentAuthorized'],
		]);
	});

	it('says in its summary when Ctrl-C stops it before its input ends, as headless-json.md promises', async () => {
		const result = await stoppedMidInput(['record', '-', '-o', '-'], 'ORD-39', 'SIGTERM');
		expect(result.code).toBe(0);
		expect(result.stderr).toBe('recorded 40 events to standard output; stopped by Ctrl-C, SIGTERM or SIGHUP before the end of its input\n');
	});

	it('round-trips: metrics of a recording of everything equal the original (bad lines aside)', async () => {
		const out = path.join(recording.dir, 'all.jsonl.gz');
		expect((await runCli(['record', recording.file, '-o', out], {cwd: recording.dir})).code).toBe(0);
		const original = JSON.parse((await runCli(['metrics', recording.file, '--json'], {cwd: recording.dir})).stdout);
		const copy = JSON.parse((await runCli(['metrics', out, '--json'], {cwd: recording.dir})).stdout);
		expect(copy).toEqual({...original, malformed: 0});
	});

	it('refuses to write over its input, by any name, and leaves the input whole', async () => {
		const input = path.join(recording.dir, 'same.jsonl');
		fs.copyFileSync(recording.file, input);
		const before = fs.readFileSync(input);
		const link = path.join(recording.dir, 'same-link.jsonl');
		fs.symlinkSync(input, link);
		for (const [from, to] of [[input, input], ['same.jsonl', './same.jsonl'], [link, input], [input, link]] as const) {
			const result = await runCli(['record', from, '-o', to], {cwd: recording.dir});
			expect(result.code).toBe(2);
			expect(result.stderr).toContain(`record: -o ${to} is the input ${from}; write the recording to another file`);
			expect(fs.readFileSync(input).equals(before)).toBe(true);
		}

		const piped = await runCli(['record', '-', '-o', input], {cwd: recording.dir, stdin: ''});
		expect(piped.code).toBe(0);
	});

	it('stops after --count events and rejects a bad filter with its column', async () => {
		const out = path.join(recording.dir, 'three.jsonl');
		expect((await runCli(['record', recording.file, '--count', '3', '-o', out], {cwd: recording.dir})).code).toBe(0);
		expect(jsonLines(out)).toHaveLength(4);
		const bad = await runCli(['record', recording.file, '--filter', 'amount>abc', '-o', out], {cwd: recording.dir});
		expect(bad.code).toBe(2);
		expect(bad.stderr).toMatch(/--filter: .*column/);
	});
});

describe('replay --headless', () => {
	it('reads a recording piped on standard input and prints a final summary', async () => {
		const result = await runCli(['replay', '-', '--speed', 'max', '--headless', '--ephemeral'], {cwd: recording.dir, stdin: fs.readFileSync(recording.file)});
		expect(result.code).toBe(0);
		expect(result.stdout).toContain(`replay finished: ${known.events} events, ${known.malformed} malformed`);
		expect(result.stdout).toContain('line 3: not JSON');
		expect(result.stdout).toMatch(/orders\.created\s+100\b/);
	});

	it('says so when Ctrl-C stops it before its input ends, with every event read until then counted', async () => {
		const result = await stoppedMidInput(['replay', '-', '--speed', 'max', '--headless', '--ephemeral'], '· 40 events', 'SIGINT');
		expect(result.code).toBe(0);
		expect(result.stdout).toContain('replay stopped by Ctrl-C, SIGTERM or SIGHUP before the end of its input: 40 events, 0 malformed');
		expect(result.stdout).toMatch(/^orders\s+40\b/m);
	});

	it('keeps only the events between --from and --to', async () => {
		const result = await runCli(['replay', recording.file, '--speed', 'max', '--headless', '--ephemeral', '--from', '2026-11-21T10:00:10Z', '--to', '2026-11-21T10:00:20Z'], {cwd: recording.dir});
		expect(result.code).toBe(0);
		// Orders 10..19 arrive inside the range, with their payments and fraud checks: 30 events.
		expect(result.stdout).toContain('replay finished: 30 events');
	});

	it('refuses to open the TUI when standard output is not a terminal', async () => {
		const result = await runCli(['replay', recording.file, '--ephemeral'], {cwd: recording.dir});
		expect(result.code).toBe(2);
		expect(result.stderr).toContain('--headless');
	});
});
