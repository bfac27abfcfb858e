// audit query and alerts, run as subprocesses on the known recording.
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli} from '../support/cli.js';
import {useKnownRecording} from '../support/known-recording.js';

const recording = useKnownRecording('pubsub-audit-');

describe('audit query', () => {
	it('gives the chain in event time with a stable SHA-256 and customer ids masked', async () => {
		const first = JSON.parse((await runCli(['audit', 'query', recording.file, '--id', 'TXN-6', '--format', 'json'], {cwd: recording.dir})).stdout);
		const again = JSON.parse((await runCli(['audit', 'query', recording.file, '--id', 'ORD-6', '--format', 'json'], {cwd: recording.dir})).stdout);
		expect(first.chain.map((entry: {type: string}) => entry.type)).toEqual(['OrderCreated', 'PaymentAuthorized', 'FraudCheckPassed']);
		expect(first.totalProcessingMs).toBe(30);
		expect(first.outcome).toBe('ok');
		expect(first.chainSha256).toMatch(/^[0-9a-f]{64}$/);
		expect(again.chainSha256).toBe(first.chainSha256);
		expect(first.chain[0].value.customerId).not.toContain('C-6');
		expect(first.piiMasked).toBe(true);
		const shown = JSON.parse((await runCli(['audit', 'query', recording.file, '--id', 'ORD-6', '--format', 'json', '--show-pii'], {cwd: recording.dir})).stdout);
		expect(shown.chain[0].value.customerId).toBe('C-6');
		expect(shown.chainSha256).toBe(first.chainSha256);
	});

	it('masks credentials a message carries in the report meant to be shared, and shows them only with --show-pii', async () => {
		const file = path.join(recording.dir, 'creds.jsonl');
		const value = {eventType: 'OrderCreated', orderId: 'O-20', password: 'hunter2', apiKey: 'k-123456', note: 'password=hunter2 token: abc123', auth: {Authorization: 'Bearer eyJhbGci'}, dsn: 'redis://admin:s3cret@db.example:6379'};
		fs.writeFileSync(file, `${JSON.stringify({topic: 'orders', value})}\n`);
		const report = await runCli(['audit', 'query', file, '--id', 'O-20', '--format', 'compliance-report'], {cwd: recording.dir});
		expect(report.code).toBe(0);
		for (const secret of ['hunter2', 'k-123456', 'abc123', 'eyJhbGci', 's3cret']) expect(report.stdout).not.toContain(secret);
		expect(report.stdout).toContain('credentials');
		const shown = JSON.parse((await runCli(['audit', 'query', file, '--id', 'O-20', '--format', 'json', '--show-pii'], {cwd: recording.dir})).stdout);
		expect(shown.chain[0].value).toEqual(value);
	});

	it('masks a guest\'s name, phone and card however a booking service names and writes them, and keeps its times', async () => {
		const file = path.join(recording.dir, 'booking.jsonl');
		// 1795166403000 is an epoch-ms time whose digits pass the Luhn check, as a card number's do.
		const data = {
			guestName: 'Bob Stone', holder_name: 'Ann Lee', contactPhone: '+33 6 12 34 56 78', billingAddress: '3 rue Xavier', card: 4_111_111_111_111_111,
			note: 'guest called from 10.1.2.3', roomName: 'Garden Suite', nights: 3, amount: 420, ts: 1_795_166_403_000,
			// Times under names no field list knows, in ms and µs, whose digits pass the Luhn check too.
			checkOutMs: 1_795_166_403_000, heldUntilMicros: 1_795_166_403_000_009,
		};
		const value = {eventType: 'BookingRequested', bookingId: 'B-7', data};
		fs.writeFileSync(file, `${JSON.stringify({topic: 'hotel.bookings', value})}\n`);
		const masked = JSON.parse((await runCli(['audit', 'query', file, '--id', 'B-7', '--format', 'json'], {cwd: recording.dir})).stdout);
		expect(masked.chain[0].value.data).toEqual({
			guestName: 'Bo***e', holder_name: 'An***e', contactPhone: '+3***8', billingAddress: '3 ***r', card: '****1111',
			note: 'guest called from 10***3', roomName: 'Garden Suite', nights: 3, amount: 420, ts: 1_795_166_403_000,
			checkOutMs: 1_795_166_403_000, heldUntilMicros: 1_795_166_403_000_009,
		});
		const report = await runCli(['audit', 'query', file, '--id', 'B-7', '--format', 'compliance-report'], {cwd: recording.dir});
		for (const personal of ['Bob Stone', 'Ann Lee', '12 34 56', 'rue Xavier', '4111111111111111', '10.1.2.3']) expect(report.stdout).not.toContain(personal);
		const shown = JSON.parse((await runCli(['audit', 'query', file, '--id', 'B-7', '--format', 'json', '--show-pii'], {cwd: recording.dir})).stdout);
		expect(shown.chain[0].value).toEqual(value);
		expect(shown.chainSha256).toBe(masked.chainSha256);
	});

	it('masks card security codes, identity documents, dates of birth and IPv6 addresses in text, and keeps times and code names', async () => {
		const file = path.join(recording.dir, 'identity.jsonl');
		const data = {
			cvv: '123', card_cvc: 456, cardCvv: '321', securityCode: '7890', pin: '4321', passportNumber: 'X1234567', passport: 'P998877', dateOfBirth: '1984-03-02',
			dob: '02/03/1984', birth_date: '1984-03-02', nationalId: '1840302123456', tax_id: 'DE123456789', driversLicenseNumber: 'D-55-1234',
			note: 'login from 2001:db8:85a3::8a2e:370:7334 then fe80::1ff:fe23:4567:890a', trace: 'span 00-4bf92f35 at 10:30:15',
			shippingMethod: 'express', spinCount: 3, callback: 'OrderService::confirm', createdAt: '2026-11-20T09:00:00Z',
		};
		const value = {eventType: 'AccountVerified', accountId: 'A-9', orderId: 'O-9', data};
		fs.writeFileSync(file, `${JSON.stringify({topic: 'accounts', value})}\n`);
		const masked = JSON.parse((await runCli(['audit', 'query', file, '--id', 'O-9', '--format', 'json'], {cwd: recording.dir})).stdout);
		expect(masked.chain[0].value.data).toEqual({
			cvv: '***', card_cvc: '***', cardCvv: '***', securityCode: '***', pin: '***', passportNumber: 'X1***7', passport: 'P9***7', dateOfBirth: '19***2',
			dob: '02***4', birth_date: '19***2', nationalId: '18***6', tax_id: 'DE***9', driversLicenseNumber: 'D-***4',
			note: 'login from 20***4 then fe***a', trace: 'span 00-4bf92f35 at 10:30:15',
			shippingMethod: 'express', spinCount: 3, callback: 'OrderService::confirm', createdAt: '2026-11-20T09:00:00Z',
		});
		const report = await runCli(['audit', 'query', file, '--id', 'O-9', '--format', 'compliance-report'], {cwd: recording.dir});
		expect(report.code).toBe(0);
		for (const personal of ['X1234567', 'P998877', '1984-03-02', '02/03/1984', '1840302123456', 'DE123456789', 'D-55-1234', '2001:db8', 'fe80::1ff']) expect(report.stdout).not.toContain(personal);
	});

	it('reads the store a replay wrote, and writes a compliance report', async () => {
		const dataDir = path.join(recording.dir, 'store');
		expect((await runCli(['replay', recording.file, '--speed', 'max', '--headless', '--data-dir', dataDir], {cwd: recording.dir})).code).toBe(0);
		const report = await runCli(['audit', 'query', '--id', 'ORD-8', '--data-dir', dataDir, '--format', 'compliance-report'], {cwd: recording.dir});
		expect(report.code).toBe(0);
		expect(report.stdout).toContain('# Audit report: transaction ORD-8');
		expect(report.stdout).toContain('| 3 |');
		expect(report.stdout).toMatch(/final hash `[0-9a-f]{64}`/);
	});
});

describe('alerts', () => {
	it('raises exactly the planted redelivery as JSON Lines and exits 3 with --fail-on firing', async () => {
		const result = await runCli(['alerts', recording.file, '--json', '--fail-on', 'firing'], {cwd: recording.dir});
		expect(result.code).toBe(3);
		const alerts = result.stdout.trim().split('\n').map(line => JSON.parse(line));
		expect(alerts).toHaveLength(1);
		expect(alerts[0]).toMatchObject({rule: 'duplicate', key: 'payment.transactions'});
	});
});

describe('--alerts-out', () => {
	const fraud = path.resolve(import.meta.dirname, '../../recordings/fraud.jsonl');
	const firedRules = (text: string) => text.trim().split('\n').map(line => JSON.parse(line) as {event: string; rule: string})
		.filter(line => line.event === 'fired').map(line => line.rule).sort();

	it('streams alerts as JSON Lines on standard output while a headless monitor runs', async () => {
		const result = await runCli(['monitor', '--source', fraud, '--ephemeral', '--alerts-out', '-'], {cwd: recording.dir});
		expect(result.code).toBe(0);
		expect(firedRules(result.stdout)).toEqual(['fraud.amount', 'fraud.blocked-source', 'fraud.velocity']);
	});

	it('appends them to a file during a replay, with the summary still on standard output', async () => {
		const out = path.join(recording.dir, 'alerts.jsonl');
		const result = await runCli(['replay', fraud, '--speed', 'max', '--headless', '--ephemeral', '--alerts-out', out], {cwd: recording.dir});
		expect(result.code).toBe(0);
		expect(result.stdout).toContain('replay finished');
		expect(firedRules(fs.readFileSync(out, 'utf8'))).toEqual(['fraud.amount', 'fraud.blocked-source', 'fraud.velocity']);
	});
});
