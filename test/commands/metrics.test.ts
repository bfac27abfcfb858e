// `pubsub-tools metrics` run as a subprocess on recordings whose answers are known.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import {describe, expect, it} from 'vitest';
import {runCli, startCli, waitUntilIdle} from '../support/cli.js';
import {known, knownRecordingLines, useKnownRecording} from '../support/known-recording.js';

const recording = useKnownRecording('pubsub-metrics-');

/** Within 1 % or 1 ms, whichever is larger (event-model.md). */
function expectClose(actual: number, exact: number) {
	expect(Math.abs(actual - exact)).toBeLessThanOrEqual(Math.max(1, exact * 0.01));
}

describe('metrics --json', () => {
	it('gives exact counts, nearest-rank percentiles and hop edges', async () => {
		const result = await runCli(['metrics', recording.file, '--json'], {cwd: recording.dir});
		expect(result.stderr.trim()).toBe(`${recording.file}: 2 malformed lines skipped (line 3: not JSON; line 10: not a JSON object (array))`);
		expect(result.code).toBe(0);
		const summary = JSON.parse(result.stdout);
		expect(summary.events).toBe(known.events);
		expect(summary.malformed).toBe(known.malformed);
		expect(summary.duplicates).toBe(known.duplicates);
		expect(summary.skewed).toBe(0);
		for (const [name, topic] of Object.entries(known.topics)) {
			expect(summary.topics[name].count).toBe(topic.count);
			for (const q of ['p50', 'p95', 'p99'] as const) expectClose(summary.topics[name].delivery[q], topic.delivery[q]);
		}

		for (const q of ['p50', 'p95', 'p99'] as const) expectClose(summary.delivery[q], known.delivery[q]);
		expect(Object.keys(summary.edges).sort()).toEqual(Object.keys(known.edges).sort());
		for (const [name, edge] of Object.entries(known.edges)) {
			expect(summary.edges[name].count).toBe(edge.count);
			expectClose(summary.edges[name].p99, edge.p99);
		}
	});

	it('makes no hop of a copy read on a second topic at the same partition and offset as its original', async () => {
		// Kafka offsets start at 0 on every topic: a fan-out topic's first message sits where its original does.
		const line = (topic: string, offset: string, id: string, type: string, ms: number) => JSON.stringify({
			topic, partition: 0, offset, value: {eventId: id, eventType: type, orderId: 'K1', timestamp: new Date(ms).toISOString()}, recordedAt: new Date(ms + 10).toISOString(),
		});
		const t0 = Date.UTC(2026, 0, 1);
		const file = path.join(recording.dir, 'copies-same-offset.jsonl');
		fs.writeFileSync(file, `${[
			line('orders', '0', 'e1', 'OrderCreated', t0),
			line('payments', '0', 'e2', 'PaymentAuthorized', t0 + 500),
			line('all-events', '0', 'e1', 'OrderCreated', t0),
			line('all-events', '1', 'e2', 'PaymentAuthorized', t0 + 500),
		].join('\n')}\n`);
		const summary = JSON.parse((await runCli(['metrics', file, '--json'], {cwd: recording.dir})).stdout);
		expect(summary.events).toBe(4);
		expect(summary.duplicates).toBe(0);
		expect(Object.keys(summary.edges)).toEqual(['orders->payments']);
		expect(summary.edges['orders->payments']).toMatchObject({count: 1, p50: 500});
	});

	it('counts and says what it skipped as read twice: a second message at a position already stored', async () => {
		// Two recordings of different clusters concatenated: the same topic, partition and offset, another event.
		const line = (id: string, order: string) => JSON.stringify({topic: 'orders', partition: 0, offset: '7', value: {eventId: id, eventType: 'OrderCreated', orderId: order, timestamp: '2026-01-01T00:00:00Z'}});
		const file = path.join(recording.dir, 'read-twice.jsonl');
		fs.writeFileSync(file, `${line('x1', 'R1')}\n${line('x2', 'R2')}\n`);
		const said = '1 event read twice skipped: each at a topic, partition and offset (or entry id) already stored\n';
		const json = await runCli(['metrics', file, '--json'], {cwd: recording.dir});
		expect(JSON.parse(json.stdout)).toMatchObject({events: 1, readTwice: 1});
		expect(json.stderr).toBe(said);
		expect((await runCli(['metrics', file], {cwd: recording.dir})).stdout).toMatch(/^events 1 {3}malformed 0 {3}duplicates 0 {3}skewed 0 {3}read twice 1$/m);
		const recorded = await runCli(['record', file, '-o', path.join(recording.dir, 'read-twice-out.jsonl')], {cwd: recording.dir});
		expect(recorded.stderr).toBe(`recorded 1 event to ${path.join(recording.dir, 'read-twice-out.jsonl')}\n${said}`);
		expect((await runCli(['alerts', file], {cwd: recording.dir})).stderr).toBe(said);
	});

	it('reads gzip (by magic bytes, whatever the name) and standard input the same way', async () => {
		const gz = path.join(recording.dir, 'known.data');
		fs.writeFileSync(gz, zlib.gzipSync(`${knownRecordingLines().join('\r\n')}\r\n`));
		const fromGzip = JSON.parse((await runCli(['metrics', gz, '--json'], {cwd: recording.dir})).stdout);
		const fromStdin = JSON.parse((await runCli(['metrics', '-', '--json'], {cwd: recording.dir, stdin: fs.readFileSync(recording.file)})).stdout);
		const fromFile = JSON.parse((await runCli(['metrics', recording.file, '--json'], {cwd: recording.dir})).stdout);
		expect(fromGzip).toEqual(fromFile);
		expect(fromStdin).toEqual(fromFile);
	});

	it('says on stderr that Ctrl-C cut its input short, with the figures of what it read', async () => {
		const lines = knownRecordingLines();
		const running = startCli(['metrics', '-', '--json'], {cwd: recording.dir});
		running.child.stdin.write(`${lines.slice(0, 8).join('\n')}\n`);
		// Standard input stays open, as a pipe from a producer that pauses: once the CLI has read what came, Ctrl-C.
		await waitUntilIdle(running.child);
		running.child.kill('SIGINT');
		const result = await running.exited;
		expect(result.code, result.stderr).toBe(0);
		// The first 8 lines hold the header line, a blank line, a malformed line and 5 events.
		expect(result.stderr).toContain('pubsub-tools: stopped by Ctrl-C, SIGTERM or SIGHUP before the end of its input: the answer covers the 5 events read\n');
		expect(JSON.parse(result.stdout)).toMatchObject({events: 5, malformed: 1});
	});

	it('prints a readable table without --json, and reports bad lines by number on stderr', async () => {
		const result = await runCli(['metrics', recording.file], {cwd: recording.dir});
		expect(result.code).toBe(0);
		expect(result.stdout).toMatch(/orders\.created\s+100\b/);
		expect(result.stdout).toContain('orders.created->payment.transactions');
		expect(result.stderr).toContain('line 3');
		expect(result.stderr).toContain('line 10');
	});

	it('fails on an input of lines none of which is an event (a JSON array), and answers for the other inputs', async () => {
		const events = knownRecordingLines().filter(line => line.startsWith('{"topic"')).slice(0, 3).map(line => JSON.parse(line) as unknown);
		const array = path.join(recording.dir, 'array.json');
		fs.writeFileSync(array, JSON.stringify(events, undefined, 2));
		const lines = fs.readFileSync(array, 'utf8').split('\n').length;
		const alone = await runCli(['metrics', array, '--json'], {cwd: recording.dir});
		expect(alone.code).toBe(1);
		expect(alone.stderr.split('\n')[0]).toBe(`pubsub-tools: ${array}: not one line could be read as an event (${lines} malformed lines): a recording is JSON Lines, one JSON object per line`);
		expect(JSON.parse(alone.stdout)).toMatchObject({events: 0, malformed: lines});
		// A script asking whether an alert fired must not read a garbage input as a quiet one.
		expect((await runCli(['alerts', array, '--json', '--fail-on', 'firing'], {cwd: recording.dir})).code).toBe(1);
		const withGood = await runCli(['metrics', array, recording.file, '--json'], {cwd: recording.dir});
		expect(withGood.code).toBe(1);
		expect(JSON.parse(withGood.stdout)).toMatchObject({events: known.events});
		// An empty recording is a quiet one.
		const empty = path.join(recording.dir, 'empty.jsonl');
		fs.writeFileSync(empty, '');
		const quiet = await runCli(['metrics', empty, '--json'], {cwd: recording.dir});
		expect(quiet.code, quiet.stderr).toBe(0);
		expect(JSON.parse(quiet.stdout)).toMatchObject({events: 0, malformed: 0});
	});

	it('fails with a one-line reason on a missing file and on a bad flag value', async () => {
		const missing = await runCli(['metrics', path.join(recording.dir, 'nope.jsonl')], {cwd: recording.dir});
		expect(missing.code).toBe(1);
		expect(missing.stderr).toMatch(/^pubsub-tools: .*nope\.jsonl/);
		expect(missing.stderr.trim().split('\n')).toHaveLength(1);
		const badWindow = await runCli(['metrics', recording.file, '--window', 'soon'], {cwd: recording.dir});
		expect(badWindow.code).toBe(2);
		expect(badWindow.stderr).toContain('--window');
		// Bad usage even where no source reads it (a recording): it used to be ignored there, and exit 1 on a broker.
		const badFrom = await runCli(['metrics', recording.file, '--from', 'yesterday'], {cwd: recording.dir});
		expect(badFrom.code).toBe(2);
		expect(badFrom.stdout).toBe('');
		expect(badFrom.stderr).toBe('pubsub-tools: --from must be latest, earliest, an ISO time (2026-11-21T10:00:00Z) or epoch ms, got "yesterday"\n');
	});
});
