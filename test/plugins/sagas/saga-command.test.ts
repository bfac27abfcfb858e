// `pubsub-tools saga` and `saga visualize` as a user runs them, on the shipped recordings: counts per state equal
// the outcomes the scenarios planned (and the recordings are exactly what the scenarios make), the demo's order
// flow matches an independent reading of its events, no saga appears where no definition applies, --list,
// --fail-on (exit 3), --sagas FILE with errors naming line and column, and the diagram at 80 columns.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import {afterAll, describe, expect, it} from 'vitest';
import {runCli} from '../../support/cli.js';
import {personalReason, personalReasonRecording} from '../../support/personal-reason.js';
import {sagaScenarios, type SagaScenario} from '../../../scripts/saga-scenarios.js';
import {recordingText} from '../../../scripts/make-saga-recordings.js';
import {writeKnownRecording} from '../../support/known-recording.js';

const recordings = path.resolve(import.meta.dirname, '../../../recordings');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'pubsub-saga-'));
afterAll(() => fs.rmSync(scratch, {recursive: true, force: true}));

type Counts = {instances: number; completed: number; failed: number; compensated: number; timedOut: number; inProgress: number; compensationMissing: number; outOfOrder: number; evicted: number; heldDropped: number};

async function sagaJson(...args: string[]): Promise<{sagas: Record<string, Counts>; instances?: Array<Record<string, unknown>>}> {
	const result = await runCli(['saga', ...args, '--json'], {cwd: scratch});
	expect(result.code, result.stderr).toBe(0);
	return JSON.parse(result.stdout) as {sagas: Record<string, Counts>};
}

/** The counts a scenario planned. */
function planned(scenario: SagaScenario): Counts {
	// Nothing let go at the caps in a recording this small.
	const counts: Counts = {instances: 0, completed: 0, failed: 0, compensated: 0, timedOut: 0, inProgress: 0, compensationMissing: 0, outOfOrder: 0, evicted: 0, heldDropped: 0};
	for (const instance of scenario.instances) {
		counts.instances++;
		counts[instance.outcome]++;
		if (instance.compensationMissing) counts.compensationMissing++;
		if (instance.outOfOrder) counts.outOfOrder++;
	}

	return counts;
}

describe.each(sagaScenarios.map(make => [make().name, make] as const))('the %s recording', (name, make) => {
	const scenario = make();
	const file = path.join(recordings, scenario.file);

	it('is what its scenario makes (scripts/make-saga-recordings.ts)', () => {
		expect(fs.readFileSync(file, 'utf8')).toBe(recordingText(scenario));
	});

	it('is counted as planned: completed, failed, compensated, timed out, uncompensated, out of order', async () => {
		const output = await sagaJson(file);
		expect(Object.keys(output.sagas)).toEqual([name]);
		expect(output.sagas[name]).toEqual(planned(scenario));
	});

	it('lists the failed instances by id with their step and reason, and the missing compensation', async () => {
		const output = await sagaJson(file, '--list', 'failed');
		const failed = scenario.instances.filter(instance => instance.outcome === 'failed');
		expect(output.instances!.map(instance => instance.id).sort()).toEqual(failed.map(instance => instance.id).sort());
		for (const instance of output.instances!) {
			expect(instance.state).toBe('failed');
			expect(typeof instance.reason, JSON.stringify(instance)).toBe('string');
		}

		const missing = failed.filter(instance => instance.compensationMissing).map(instance => instance.id);
		expect(output.instances!.filter(instance => (instance.compensationsMissing as string[]).length > 0).map(instance => instance.id)).toEqual(missing);
	});

	it('lists the timed-out instances with the step they wait for', async () => {
		const output = await sagaJson(file, '--list', 'timed-out');
		const expected = scenario.instances.filter(instance => instance.outcome === 'timedOut').map(instance => instance.id).sort();
		expect(output.instances!.map(instance => instance.id).sort()).toEqual(expected);
		for (const instance of output.instances!) expect(instance.waitingFor).toBeTypeOf('string');
	});
});

describe('the e-commerce order flow of the demo recording', () => {
	it('matches an independent reading of every order\'s events', async () => {
		// Per order: completed with OrderCompleted; a failure with OrderCancelled (and PaymentRefunded once paid) is
		// compensated; otherwise the order stopped: timed out when 30 s passed before the recording ended.
		const lines = zlib.gunzipSync(fs.readFileSync(path.join(recordings, 'ecommerce.jsonl.gz'))).toString('utf8').trim().split('\n').slice(1);
		const orders = new Map<string, {types: Set<string>; last: number}>();
		let end = 0;
		for (const line of lines) {
			const {value, timestamp} = JSON.parse(line) as {value: {eventType: string; orderId?: string}; timestamp: string};
			const time = Date.parse(timestamp);
			end = Math.max(end, time);
			if (value.orderId === undefined || value.eventType === 'NotificationSent' || value.eventType === 'FraudCheckCompleted') continue;
			const order = orders.get(value.orderId) ?? {types: new Set<string>(), last: 0};
			order.types.add(value.eventType);
			order.last = Math.max(order.last, time);
			orders.set(value.orderId, order);
		}

		const expected = {instances: 0, completed: 0, failed: 0, compensated: 0, timedOut: 0, inProgress: 0, compensationMissing: 0, evicted: 0, heldDropped: 0};
		const failures = ['PaymentFailed', 'PaymentDeclined', 'PaymentBlocked', 'OutOfStock'];
		for (const {types, last} of orders.values()) {
			if (!types.has('OrderCreated')) continue;
			expected.instances++;
			if (failures.some(type => types.has(type))) {
				const needed = types.has('PaymentAuthorized') ? ['OrderCancelled', 'PaymentRefunded'] : ['OrderCancelled'];
				if (needed.every(type => types.has(type))) expected.compensated++;
				else expected.failed++;
			} else if (types.has('OrderCompleted')) {
				expected.completed++;
			} else if (end - last > 30_000) {
				expected.timedOut++;
			} else {
				expected.inProgress++;
			}
		}

		const output = await sagaJson(path.join(recordings, 'ecommerce.jsonl.gz'));
		expect(Object.keys(output.sagas)).toEqual(['ecommerce-order']);
		const {outOfOrder, ...counts} = output.sagas['ecommerce-order']!;
		expect(counts).toEqual(expected);
		expect(expected.timedOut).toBeGreaterThan(0);
		expect(outOfOrder).toBeGreaterThan(0);
	});
});

describe('a failure reason that carries personal data', () => {
	it('is listed with its emails, IPs, card numbers and the customer id of its event masked, in JSON and text', async () => {
		const file = personalReasonRecording(scratch);
		const output = await sagaJson(file, '--list', 'failed');
		expect(output.instances!.map(instance => [instance.id, instance.reason])).toEqual([['chk_pii_1', personalReason.shown]]);
		const text = await runCli(['saga', file, '--list', 'failed'], {cwd: scratch});
		expect(text.stdout).toContain(personalReason.shown);
		for (const said of [JSON.stringify(output), text.stdout]) for (const personal of personalReason.personal) expect(said).not.toContain(personal);
	});

	it('has a name and a customer id an earlier event of its transaction carries masked', async () => {
		const file = path.join(scratch, 'transaction-reason.jsonl');
		const event = (offset: number, at: string, value: Record<string, unknown>) => JSON.stringify({topic: 'checkout.events', offset: `${offset}-0`, value: {...value, checkout_id: 'chk_pii_2', occurred_at: at}, timestamp: at, recordedAt: at});
		fs.writeFileSync(file, [
			event(1, '2026-11-27T12:00:01.000Z', {type: 'CheckoutInitiated', first_name: 'Marguerite', customer_id: 'cus_5511aa'}),
			event(2, '2026-11-27T12:00:02.000Z', {type: 'StockReservationFailed', reason: 'no stock left for Marguerite (cus_5511aa)'}),
		].join('\n') + '\n');
		const output = await sagaJson(file, '--list', 'failed');
		expect(output.instances!.map(instance => [instance.id, instance.reason])).toEqual([['chk_pii_2', 'no stock left for Ma***e (cu***a)']]);
	});
});

describe('streams no saga definition applies to', () => {
	it.each(['checkout-saga.redis.jsonl', 'fraud.jsonl', 'claims.jsonl'])('%s: no saga at all', async file => {
		// checkout-saga.redis.jsonl has OrderCreated events with a checkout_id, fraud.jsonl PaymentAuthorized with an
		// orderId: steps of the built-in checkout and order sagas, but never a saga's first step.
		expect(await sagaJson(path.join(recordings, file))).toEqual({sagas: {}, outages: []});
		const text = await runCli(['saga', path.join(recordings, file)], {cwd: scratch});
		expect(text.stdout).toContain('No saga found');
	});

	it('a stream with OrderCreated and PaymentAuthorized by orderId but no end of the order saga: no saga, no alert', async () => {
		// The first two steps of the built-in ecommerce-order saga, never an OrderCompleted or a failure: a built-in
		// definition applies once the input shows one of its end events.
		const file = writeKnownRecording(scratch);
		expect(await sagaJson(file)).toEqual({sagas: {}, outages: []});
		const alerts = await runCli(['alerts', file, '--json'], {cwd: scratch});
		expect(alerts.stdout).not.toContain('"saga.');
	});
});

describe('saga for CI and with own definitions', () => {
	const checkout = path.join(recordings, 'checkout.jsonl');

	it('exits 3 with --fail-on failed or timeout when such an instance exists, 0 when none', async () => {
		expect((await runCli(['saga', checkout, '--fail-on', 'failed'], {cwd: scratch})).code).toBe(3);
		expect((await runCli(['saga', checkout, '--fail-on', 'timeout'], {cwd: scratch})).code).toBe(3);
		expect((await runCli(['saga', path.join(recordings, 'fraud.jsonl'), '--fail-on', 'failed'], {cwd: scratch})).code).toBe(0);
		const bad = await runCli(['saga', checkout, '--fail-on', 'slow'], {cwd: scratch});
		expect(bad.code).toBe(2);
		expect(bad.stderr).toContain('--fail-on: expected failed or timeout');
	});

	it('follows a saga defined in a --sagas file (no code), and names line and column of a bad definition', async () => {
		const file = path.join(scratch, 'claims-sagas.yaml');
		fs.writeFileSync(file, [
			'sagas:',
			'  - name: claim',
			'    correlation: aggregate_id',
			'    steps: [ReclamationCreee, PiecesJustificativesRecues, ExpertiseDemandee, ExpertiseRealisee, ReclamationValidee, IndemnisationVersee]',
			'    success: ReclamationCloturee',
			'    failures: [ReclamationRejetee]',
			'    due: 5m',
			'',
		].join('\n'));
		const output = await sagaJson(path.join(recordings, 'claims.jsonl'), '--sagas', file);
		// claims.jsonl (recordings/README.md): 40 claims: paid 27 + paid after a retry 4, rejected 3, stuck in expertise 6,
		// of which 5 waited more than 5 min when the recording ends (the last one 3.6 min: still in progress).
		expect(output.sagas.claim).toMatchObject({instances: 40, completed: 31, failed: 3, timedOut: 5, inProgress: 1});

		fs.writeFileSync(file, 'sagas:\n  - name: claim\n    steps: [A, B]\n    success: C\n    due: soon\n');
		const bad = await runCli(['saga', checkout, '--sagas', file], {cwd: scratch});
		expect(bad.code).toBe(2);
		expect(bad.stderr).toContain(`${file}:5:10: expected a duration like 30s, 5m or 2h, got "soon"`);
		fs.writeFileSync(file, 'sagas:\n  - name: claim\n    steps: [A, B\n');
		expect((await runCli(['saga', checkout, '--sagas', file], {cwd: scratch})).stderr).toMatch(new RegExp(`${file}:4:1: not valid YAML`));
		// Nine levels of nine aliases each (the "billion laughs"): refused by the YAML library, said with the file's name.
		const bomb = [...'abcdefghi'].map((name, level) => `${name}: &${name} [${Array.from({length: 9}, () => (level === 0 ? 'x' : `*${'abcdefghi'[level - 1]}`)).join(', ')}]`);
		fs.writeFileSync(file, `${bomb.join('\n')}\nsagas: *i\n`);
		const laughs = await runCli(['saga', checkout, '--sagas', file], {cwd: scratch});
		expect(laughs.code).toBe(2);
		expect(laughs.stderr).toBe(`pubsub-tools: ${file}: not valid YAML: Excessive alias count indicates a resource exhaustion attack\n`);
		fs.writeFileSync(file, 'sagas:\n  - name: claim\n    steps: [A, B]\n    success: B\n');
		expect((await runCli(['saga', checkout, '--sagas', file], {cwd: scratch})).stderr).toContain(`${file}:4:14: event type "B" is both step 2 and the success event`);
	});

	it('takes definitions from the config file too, and draws the diagram within 80 columns', async () => {
		fs.writeFileSync(path.join(scratch, 'pubsub-tools.config.yaml'), [
			'pluginOptions:',
			'  sagas:',
			'    definitions:',
			'      - name: checkout',
			'        correlation: checkout_id',
			'        steps: [CheckoutInitiated, {event: StockReserved, compensation: StockReleased}]',
			'        success: CheckoutSucceeded',
			'        failures: [StockReservationFailed, OrderCreationFailed]',
			'        due: 60s',
			'',
		].join('\n'));
		try {
			const result = await runCli(['saga', 'visualize', 'checkout', checkout], {cwd: scratch});
			expect(result.code, result.stderr).toBe(0);
			const lines = result.stdout.trimEnd().split('\n');
			// The config's checkout has no OrderCreated step: it replaced the built-in one.
			expect(result.stdout).not.toContain('OrderCreated\n');
			expect(lines.slice(0, 2)).toEqual(['checkout · 30 instances · 20 completed · 3 compensated', '  5 failed (1 uncompensated) · 2 timed out · 0 in progress']);
			expect(result.stdout).toContain('StockReserved   ↺ StockReleased 3, 1 MISSING');
			expect(result.stdout).toContain('├──✗ 4 StockReservationFailed');
			for (const line of lines) expect([...line].length).toBeLessThanOrEqual(80);
		} finally {
			fs.rmSync(path.join(scratch, 'pubsub-tools.config.yaml'));
		}
	});

	it('draws the built-in checkout with counts on every arrow and names an unknown saga', async () => {
		const result = await runCli(['saga', 'visualize', 'checkout', checkout], {cwd: scratch});
		expect(result.stdout.split('\n').slice(2, 15)).toEqual([
			'  CheckoutInitiated',
			'    │',
			'    ├──✗ 4 StockReservationFailed',
			'    │ 26',
			'    ▼',
			'  StockReserved   ↺ StockReleased 3, 1 MISSING',
			'    │',
			'    ├──✗ 4 OrderCreationFailed',
			'    ├──⏱ 2 timed out waiting for OrderCreated',
			'    │ 20',
			'    ▼',
			'  OrderCreated',
			'    │ 20',
		]);
		const unknown = await runCli(['saga', 'visualize', 'nope', checkout], {cwd: scratch});
		expect(unknown.code).toBe(2);
		expect(unknown.stderr).toContain('no saga named "nope" (known: checkout, parcel, ride-booking, ecommerce-order)');
	});
});

describe('saga - --list on a long input', () => {
	// 10,003 checkouts that fail at once (nothing to compensate), a millisecond apart, fed on standard input as a
	// pipe that could go on: only the newest 10,000 are kept, the 3 before them counted as left out.
	const failed = 10_003;
	const stdin = Array.from({length: failed}, (_, n) => ['CheckoutInitiated', 'CheckoutFailed'].map(type => `${JSON.stringify({
		topic: 'checkout',
		value: {eventType: type, checkout_id: `C${n}`, timestamp: new Date(Date.UTC(2026, 10, 21, 10, 0, 0, n)).toISOString()},
	})}\n`).join('')).join('');

	it('keeps the newest 10,000 decided instances and says how many before them were left out, in JSON and text', async () => {
		const json = await runCli(['saga', '-', '--list', 'failed', '--json'], {cwd: scratch, stdin});
		expect(json.code, json.stderr).toBe(0);
		const output = JSON.parse(json.stdout) as {sagas: Record<string, Counts>; instances: Array<{id: string}>; instancesLeftOut: number};
		expect(output.sagas.checkout!.failed).toBe(failed);
		expect(output.instancesLeftOut).toBe(3);
		expect(output.instances.map(instance => instance.id)).toEqual(Array.from({length: 10_000}, (_, n) => `C${n + 3}`));
		const text = await runCli(['saga', '-', '--list', 'failed'], {cwd: scratch, stdin});
		expect(text.code, text.stderr).toBe(0);
		expect(text.stdout).toContain('\n10,003 failed instances; the newest 10,000 decided listed with those still open, 3 before them left out:\n  checkout C3 · ');
		expect(text.stdout.split('\n').filter(line => line.startsWith('  checkout C'))).toHaveLength(10_000);
	});

	it('says nothing was left out when everything was kept', async () => {
		const output = await sagaJson(path.join(recordings, 'checkout.jsonl'), '--list', 'failed');
		expect((output as {instancesLeftOut?: number}).instancesLeftOut).toBe(0);
	});
});
