// Payment APIs send sums of money as objects: `{value, currency}`, `{amount, currencyCode}`, google.type.Money's
// `{units, nanos, currencyCode}`. fraud.amount read only numbers and numeric strings, so a 25,000 EUR payment sent
// that way raised nothing. Run as a subprocess on a recording on standard input.
import {describe, expect, it} from 'vitest';
import {runCli} from '../support/cli.js';

const start = Date.UTC(2026, 10, 21, 14);

/** A payment event line of order `id` with `fields` in its value, `minute` minutes after the start. */
function payment(id: string, minute: number, fields: Record<string, unknown>): string {
	const at = start + (minute * 60_000);
	return JSON.stringify({topic: 'payments', value: {orderId: id, eventType: 'PaymentCaptured', timestamp: at, ...fields}, recordedAt: at + 20});
}

type Alert = {rule: string; key: string; value: number; threshold: number; message: string};

describe('fraud.amount on money objects', () => {
	it('reads the sum a money object holds, and says its currency', async () => {
		const lines = [
			payment('O-1', 0, {amount: {value: 25_000, currency: 'EUR'}}),
			payment('O-2', 1, {total: {amount: '12000.50', currencyCode: 'USD'}}),
			payment('O-3', 2, {totalAmount: {units: '15000', nanos: 500_000_000, currencyCode: 'GBP'}}),
			payment('O-4', 3, {amount: {value: 10, currency: 'EUR'}}),
			payment('O-5', 4, {amount: {currency: 'EUR', note: 'no sum'}}),
			payment('O-6', 5, {amount: 30_000}),
			payment('O-7', 6, {amount: {units: 'many', currencyCode: 'EUR'}, total: 11_000}),
		];
		const result = await runCli(['alerts', '-', '--json'], {stdin: `${lines.join('\n')}\n`});
		expect(result.code, result.stderr).toBe(0);
		const alerts = result.stdout.trim().split('\n').map(line => JSON.parse(line) as Alert).filter(alert => alert.rule === 'fraud.amount');
		expect(alerts.map(({key, value, message}) => ({key, value, message}))).toEqual([
			{key: 'O-1', value: 25_000, message: 'transaction O-1 paid 25000 EUR (threshold 10000)'},
			{key: 'O-2', value: 12_000.5, message: 'transaction O-2 paid 12000.5 USD (threshold 10000)'},
			{key: 'O-3', value: 15_000.5, message: 'transaction O-3 paid 15000.5 GBP (threshold 10000)'},
			{key: 'O-6', value: 30_000, message: 'transaction O-6 paid 30000 (threshold 10000)'},
			{key: 'O-7', value: 11_000, message: 'transaction O-7 paid 11000 (threshold 10000)'},
		]);
	});
});
