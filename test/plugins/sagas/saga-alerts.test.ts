// The sagas stage raises alerts through the engine's lifecycle, in any headless command: `alerts` on the saga
// recordings names every timed-out instance (saga.timeout), every failed one whose compensation never came
// (saga.compensation-missing), and raises saga.failed for the saga; and none where no saga applies.
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli} from '../../support/cli.js';
import {useTempDir} from '../../support/temp-dir.js';
import {sagaScenarios} from '../../../scripts/saga-scenarios.js';

const recordings = path.resolve(import.meta.dirname, '../../../recordings');
const temp = useTempDir('pubsub-saga-alerts-');

type AlertLine = {rule: string; key: string; exampleIds: string[]; severity: string};

async function alerts(file: string): Promise<AlertLine[]> {
	const result = await runCli(['alerts', path.join(recordings, file), '--json']);
	expect(result.code, result.stderr).toBe(0);
	return result.stdout.trim().split('\n').filter(line => line !== '').map(line => JSON.parse(line) as AlertLine);
}

describe.each(sagaScenarios.map(make => [make().name, make()] as const))('alerts on the %s recording', (name, scenario) => {
	it('names each timed-out instance, each missing compensation, and raises saga.failed', async () => {
		const fired = await alerts(scenario.file);
		const ids = (rule: string) => fired.filter(alert => alert.rule === rule).map(alert => alert.exampleIds[0]).sort();
		expect(ids('saga.timeout')).toEqual(scenario.instances.filter(instance => instance.outcome === 'timedOut').map(instance => instance.id).sort());
		expect(ids('saga.compensation-missing')).toEqual(scenario.instances.filter(instance => instance.compensationMissing).map(instance => instance.id).sort());
		const failed = fired.filter(alert => alert.rule === 'saga.failed');
		expect(failed.length).toBeGreaterThan(0);
		expect(failed.every(alert => alert.key === name && alert.severity === 'critical')).toBe(true);
	});
});

describe('saga.failed on a saga whose failure was compensated', () => {
	it('says it counts compensated failures, as saga reports the instance compensated, not failed', async () => {
		const steps = ['CheckoutInitiated', 'StockReserved', 'OrderCreationFailed', 'StockReleased'];
		const file = path.join(temp.path, 'compensated.jsonl');
		fs.writeFileSync(file, steps.map((type, n) => `${JSON.stringify({topic: 'checkout', value: {eventType: type, checkout_id: 'C1', timestamp: new Date(Date.UTC(2026, 10, 21, 10, 0, n)).toISOString()}})}\n`).join(''));
		const counts = JSON.parse((await runCli(['saga', file, '--json'], {cwd: temp.path})).stdout).sagas.checkout;
		expect([counts.failed, counts.compensated]).toEqual([0, 1]);
		const result = await runCli(['alerts', file, '--json'], {cwd: temp.path});
		const [failed] = result.stdout.trim().split('\n').map(line => JSON.parse(line) as {rule: string; message: string});
		expect(failed!.rule).toBe('saga.failed');
		expect(failed!.message).toBe('1 checkout saga failed within the window (compensated or not); latest C1: OrderCreationFailed');
	});
});

describe('alerts where no saga applies', () => {
	it('keeps a firing saga.failed saying how many failed in the window and which last, as the run goes on', async () => {
		// ecommerce.jsonl.gz: the incident's failures keep coming, so saga.failed fires at the first and stays firing.
		const [failed, ...others] = (await alerts('ecommerce.jsonl.gz')).filter(alert => alert.rule === 'saga.failed') as Array<AlertLine & {value: number; message: string; resolvedAt?: number}>;
		expect(others).toEqual([]);
		expect(failed!.resolvedAt).toBeUndefined();
		// Counted in the file: 45 failed orders in the last 5 minutes before its newest failure, ORD-5T6H-006270.
		expect(failed!.value).toBe(45);
		expect(failed!.message).toBe('45 ecommerce-order sagas failed within the window (compensated or not); latest ORD-5T6H-006270: PaymentFailed (GATEWAY_TIMEOUT)');
	});

	it('raises no saga alert on fraud.jsonl', async () => {
		expect((await alerts('fraud.jsonl')).filter(alert => alert.rule.startsWith('saga.'))).toEqual([]);
	});
});
