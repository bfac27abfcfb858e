// The Sagas pane driven with keys over the checkout recording at 80 columns: counts and the diagram, the list of
// failed, timed-out and uncompensated instances, Enter on a failed one opens its transaction, which shows its saga.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {checkoutScenario} from '../../../scripts/saga-scenarios.js';
import {personalReason, personalReasonRecording} from '../../support/personal-reason.js';
import {sagaPlugins, useSagasSession} from './sagas-session.js';

const recording = path.resolve(import.meta.dirname, '../../../recordings/checkout.jsonl');
const scenario = checkoutScenario();
const failedIds = scenario.instances.filter(instance => instance.outcome === 'failed').map(instance => instance.id);

describe('the Sagas pane over recordings/checkout.jsonl', () => {
	const sagasSession = useSagasSession(recording);

	it('shows the counts, the steps and the problem instances; Enter on a failed one opens its transaction with its saga state', async () => {
		expect(sagaPlugins.problems).toEqual([]);
		const app = await sagasSession.render({columns: 80, rows: 30});
		await app.press('5');
		let frame = await app.waitFor(text => text.includes('[5 Sagas]') && text.includes('failed, timed-out and uncompensated'));
		expect(frame).toContain('checkout · 30 instances · 20 completed · 3 compensated');
		expect(frame).toContain('5 failed (1 uncompensated) · 2 timed out · 0 in progress');
		expect(frame).toContain('StockReleased 3, 1 MISSING');
		expect(frame).toContain('instances (7)');
		for (const line of frame.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);

		// Move down until the selected row is a failed instance (the list holds the timed-out ones too).
		let selected = '';
		for (let moves = 0; moves < 8; moves++) {
			selected = app.frame().split('\n').find(line => line.startsWith('▶ ')) ?? '';
			if (selected.startsWith('▶ failed ')) break;
			await app.press('j');
		}

		const id = /^▶ failed (\S+)/.exec(selected)?.[1];
		expect(failedIds, selected).toContain(id);
		await app.press('\r');
		frame = await app.waitFor(text => text.includes(`Transaction ${id}`));
		expect(frame).toMatch(new RegExp(`saga: checkout ${id} failed · at (StockReservationFailed|OrderCreationFailed)`));
		expect(frame).toContain('CheckoutInitiated');
	});

	it('s with one saga that has instances says so, rather than doing nothing', async () => {
		const app = await sagasSession.render({columns: 80, rows: 24});
		await app.press('5');
		await app.waitFor('[checkout]');
		await app.press('s');
		// "so far" only while the replay reads on: once it has ended no other saga can come.
		const frame = await app.waitFor(text => text.includes('checkout is the only saga with instances'));
		expect(frame).toContain('[checkout]');
	});

	it('at 80×24 wraps the saga line of an uncompensated instance in its transaction, so what is missing shows', async () => {
		const [uncompensated] = scenario.instances.filter(instance => instance.compensationMissing);
		const app = await sagasSession.render({columns: 80, rows: 24});
		await app.press(':');
		for (const character of `tx ${uncompensated!.id}`) await app.press(character);
		await app.press('\r');
		const frame = await app.waitFor(text => text.includes(`Transaction ${uncompensated!.id}`));
		expect(frame.replaceAll('\n', ' ').replaceAll(/ +/g, ' ')).toContain('COMPENSATION MISSING: StockReleased');
		for (const line of frame.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
	});
});

describe('sagas over recordings/ecommerce.jsonl.gz at 80×24', () => {
	const sagasSession = useSagasSession(path.resolve(import.meta.dirname, '../../../recordings/ecommerce.jsonl.gz'));

	it('draws the whole saga down to its end, the instance list giving up rows for it', async () => {
		const app = await sagasSession.render({columns: 80, rows: 24});
		await app.press('5');
		const frame = await app.waitFor(text => text.includes('[5 Sagas]') && text.includes('failed, timed-out and uncompensated'));
		for (const step of ['OrderCreated', 'PaymentAuthorized', 'InventoryReserved', 'timed out waiting for ShipmentCreated', '✓ OrderCompleted']) expect(frame, frame).toContain(step);
		expect(frame.split('\n').filter(line => line.startsWith('▶ ') || /^ {2}(failed|timed out|uncompensated) /.test(line)).length).toBeGreaterThanOrEqual(2);
	});

	it('shows each saga.timeout alert\'s order id in the Alerts pane, in columns that stay put while the list scrolls', async () => {
		const app = await sagasSession.render({columns: 80, rows: 24});
		await app.press('4');
		const frame = await app.waitFor('saga.timeout');
		const rows = frame.split('\n').filter(line => line.includes('saga.timeout'));
		expect(rows.length).toBeGreaterThan(1);
		// Cut, a key keeps its end: the order id that tells the rows apart.
		const keys = rows.map(line => /ORD-\w{4}-\d{6}\b/.exec(line)?.[0]);
		expect(keys.every(key => key !== undefined), rows.join('\n')).toBe(true);
		expect(new Set(keys).size).toBe(rows.length);
		for (const line of frame.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
		// At the end of the list, among resolved alerts of wider rules and time ranges: the same columns, and each
		// saga.timeout key, cut if it must be, keeps the order id that tells it apart.
		const header = frame.split('\n').find(line => line.includes(' rule '));
		await app.press('G');
		const end = await app.waitFor(text => text !== frame && text.includes('✓ '));
		expect(end.split('\n').find(line => line.includes(' rule '))).toBe(header);
		const resolved = end.split('\n').filter(line => line.includes('saga.timeout') && line.includes('✓'));
		expect(resolved.length).toBeGreaterThan(1);
		const ids = resolved.map(line => /ORD-\w{4}-\d{6}\b/.exec(line)?.[0]);
		expect(ids.every(id => id !== undefined), resolved.join('\n')).toBe(true);
		expect(new Set(ids).size).toBe(resolved.length);
		for (const line of end.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
	});
});

describe('the Sagas pane on a failure whose reason carries personal data', () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pubsub-sagas-pii-'));
	const sagasSession = useSagasSession(personalReasonRecording(dir), () => fs.rmSync(dir, {recursive: true, force: true}));

	it('lists the failed instance with the reason\'s email, IP, card number and customer id masked', async () => {
		const app = await sagasSession.render({columns: 160, rows: 24});
		await app.press('5');
		const frame = await app.waitFor(text => text.includes('[5 Sagas]') && text.includes('chk_pii_1'));
		const row = frame.split('\n').find(line => line.includes('chk_pii_1'))!;
		expect(row, frame).toContain(`reason ${personalReason.shown}`);
		for (const personal of personalReason.personal) expect(frame).not.toContain(personal);
	});
});
