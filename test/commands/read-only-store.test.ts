// audit query reads a store that a running replay or monitor holds: readers need no lock, and see every commit.
import fs from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {runCli, startCli, type RunningCli} from '../support/cli.js';
import {useTempDir} from '../support/temp-dir.js';
import {limit} from '../support/limits.js';

const temp = useTempDir('pubsub-read-only-');
const writers: RunningCli[] = [];

afterEach(async () => {
	for (const writer of writers.splice(0)) {
		writer.child.stdin.end();
		await writer.exited;
	}
});

/** An order's events as recording lines; `step` 0 creates it, 1 pays it. */
function orderLine(order: string, step: number): string {
	const time = Date.UTC(2026, 10, 27, 14, 0, 0) + (step * 100);
	const value = step === 0 ? {eventType: 'OrderCreated', orderId: order} : {eventType: 'PaymentAuthorized', orderId: order, transactionId: `TXN-${order}`};
	return `${JSON.stringify({topic: step === 0 ? 'orders.created' : 'payment.transactions', value, timestamp: time, recordedAt: time + 5})}\n`;
}

/** audit query --json on `dataDir` until it finds `events` events of the transaction (the writer commits in batches). */
async function auditUntil(dataDir: string, id: string, events: number): Promise<{events: number; stderr: string}> {
	return vi.waitFor(async () => {
		const result = await runCli(['audit', 'query', '--data-dir', dataDir, '--id', id, '--format', 'json'], {cwd: temp.path});
		const last = {events: result.code === 0 ? (JSON.parse(result.stdout) as {events: number}).events : 0, stderr: result.stderr};
		if (last.events < events && !/in use by process/.test(result.stderr)) throw new Error(`waiting for ${events} events of ${id}: ${last.events} so far; stderr: ${last.stderr}`);
		return last;
	}, {timeout: limit(45_000), interval: 250});
}

describe('read-only queries', () => {
	it('audit query reads the store while replay - holds it, and sees what the writer commits next', async () => {
		const dataDir = path.join(temp.path, 'held');
		const writer = startCli(['replay', '-', '--headless', '--speed', 'max', '--data-dir', dataDir], {cwd: temp.path});
		writers.push(writer);
		writer.child.stdin.write(orderLine('ORD-HELD-1', 0));
		expect(await auditUntil(dataDir, 'ORD-HELD-1', 1)).toEqual({events: 1, stderr: ''});
		writer.child.stdin.write(orderLine('ORD-HELD-1', 1));
		expect(await auditUntil(dataDir, 'TXN-ORD-HELD-1', 2)).toEqual({events: 2, stderr: ''});
		expect(writer.child.exitCode).toBeNull();
		writer.child.stdin.end();
		const ended = await writer.exited;
		writers.splice(0);
		expect(ended.code).toBe(0);
		expect(ended.stdout).toContain('replay finished: 2 events');
	});

	it('audit query on a directory without a store says so and creates nothing', async () => {
		const dataDir = path.join(temp.path, 'nothing-here');
		const result = await runCli(['audit', 'query', '--data-dir', dataDir, '--id', 'ORD-1'], {cwd: temp.path});
		expect(result.stderr).toBe(`pubsub-tools: cannot open the store: no store in ${dataDir}\n`);
		expect(result.code).toBe(1);
		expect(fs.existsSync(dataDir)).toBe(false);
	});
});
