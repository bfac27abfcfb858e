// A reader that closes the pipe early (`| head -2`) ends the CLI quietly: no stack trace, exit code 0.
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {startCli, type CliResult} from '../support/cli.js';
import {useTempDir} from '../support/temp-dir.js';

const temp = useTempDir('pubsub-closed-output-');
/** 25 k events, megabytes of output: far more than a pipe's buffer holds. */
const ecommerce = path.resolve(import.meta.dirname, '../../recordings/ecommerce.jsonl.gz');

/** A recording in which each of `customers` customers pays six times in a minute: one fraud.velocity alert each. */
function manyAlerts(file: string, customers: number): void {
	const start = Date.UTC(2026, 10, 27, 14, 0, 0);
	const lines: string[] = [];
	for (let customer = 0; customer < customers; customer++) {
		for (let payment = 0; payment < 6; payment++) {
			const n = (customer * 6) + payment;
			const time = start + n;
			const value = {eventId: `EVT-${n}`, eventType: 'PaymentAuthorized', orderId: `ORD-${n}`, customerId: `CUST-${customer}`, amount: 10, status: 'authorized', timestamp: new Date(time).toISOString()};
			lines.push(JSON.stringify({topic: 'payment.transactions', partition: 0, offset: String(n), value, timestamp: time, recordedAt: time + 1}));
		}
	}

	fs.writeFileSync(file, `${lines.join('\n')}\n`);
}

/**
 * Run the CLI, read `lines` lines of its standard output, then close the pipe as `head` does; resolves at exit.
 * `leftInTmp`: the temporary stores the run left in its own TMPDIR (a temporary store must be removed however
 * the run ends).
 */
async function readThenClose(args: string[], lines: number): Promise<CliResult & {read: string[]; leftInTmp: string[]}> {
	const tmp = fs.mkdtempSync(path.join(temp.path, 'tmp-'));
	const running = startCli(args, {cwd: temp.path, env: {TMPDIR: tmp}});
	running.child.stdin.end();
	let text = '';
	const reader = (chunk: Buffer) => {
		text += chunk.toString('utf8');
		if (text.split('\n').length > lines) {
			running.child.stdout.off('data', reader);
			running.child.stdout.destroy();
		}
	};

	running.child.stdout.on('data', reader);
	const result = await running.exited;
	return {...result, read: text.split('\n').slice(0, lines), leftInTmp: fs.readdirSync(tmp).filter(name => name.startsWith('pubsub-tools-store-'))};
}

describe('a closed standard output', () => {
	it('alerts --json | head -2: two alerts, then a quiet exit 0', async () => {
		const file = path.join(temp.path, 'many-alerts.jsonl');
		manyAlerts(file, 3_000);
		const result = await readThenClose(['alerts', file, '--json'], 2);
		expect(result.read.map(line => (JSON.parse(line) as {rule: string}).rule)).toEqual(['fraud.velocity', 'fraud.velocity']);
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		expect(result.leftInTmp).toEqual([]);
	});

	it('record … -o - | head -1: the header, then a quiet exit 0, its temporary store removed', async () => {
		const result = await readThenClose(['record', ecommerce, '-o', '-'], 1);
		expect(JSON.parse(result.read[0]!)).toMatchObject({$recording: {version: 1}});
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		expect(result.leftInTmp).toEqual([]);
	});

	it('monitor --alerts-out - | head -2 stops the monitor, closes its store and exits 0', async () => {
		const file = path.join(temp.path, 'many-alerts-monitor.jsonl');
		manyAlerts(file, 3_000);
		const dataDir = path.join(temp.path, 'monitor-store');
		const result = await readThenClose(['monitor', '--source', file, '--data-dir', dataDir, '--alerts-out', '-'], 2);
		expect(result.read.map(line => (JSON.parse(line) as {event: string}).event)).toEqual(['fired', 'fired']);
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		// Closed cleanly: its lock is gone, so another run opens the store at once.
		expect(fs.existsSync(path.join(dataDir, 'pubsub-tools.lock'))).toBe(false);
	});
});
