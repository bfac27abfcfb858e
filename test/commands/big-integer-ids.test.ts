// Ids written as JSON integers beyond 2^53 (64-bit ids: snowflakes, database keys) lose digits in JSON.parse: two
// orders 9007199254740993 and 9007199254740992 became one transaction, and two event ids one redelivery. Their
// digits are read from the message text. Run as subprocesses on a recording on standard input.
import {describe, expect, it} from 'vitest';
import {runCli} from '../support/cli.js';

/** A recording line on `topic` at second `second` of a day, with the payload fields given as raw JSON text. */
const line = (topic: string, second: number, fields: string) => `{"topic":"${topic}","value":{"timestamp":"2026-01-01T00:00:0${second}Z",${fields}}}`;

const recording = [
	line('orders', 0, '"eventType":"OrderCreated","order_id":9007199254740993,"event_id":12345678901234567891'),
	line('orders', 1, '"eventType":"OrderCreated","order_id": 9007199254740992 ,"event_id":12345678901234567892'),
	// The id in `data`, beside an item's field of the same name whose value reads as the same double.
	line('payments', 2, '"eventType":"PaymentProcessed","data":{"order_id":9007199254740993},"items":[{"order_id":9007199254740992}],"event_id":-12345678901234567891'),
	// Event ids written with an exponent: 9007199254740993 and 9007199254740992, not one number read twice.
	line('payments', 3, '"eventType":"PaymentProcessed","order_id":9007199254740992,"event_id":9.007199254740993e15'),
	line('payments', 4, '"eventType":"PaymentAudited","event_id":9.007199254740992e15'),
].join('\n');

/** stdout of `flow analyze - --id ID --json` on the recording, parsed. */
async function transaction(id: string): Promise<{events: Array<{type: string}>}> {
	const result = await runCli(['flow', 'analyze', '-', '--id', id, '--json'], {stdin: `${recording}\n`});
	expect(result.code, result.stderr).toBe(0);
	return JSON.parse(result.stdout) as {events: Array<{type: string}>};
}

describe('integer ids beyond 2^53', () => {
	it('keep every digit: two orders one apart are two transactions', async () => {
		for (const id of ['9007199254740993', '9007199254740992']) {
			const found = await transaction(id);
			expect(found.events.map(event => event.type)).toEqual(['OrderCreated', 'PaymentProcessed']);
		}
	});

	it('keep every digit of event ids, written with an exponent too: five events, no redelivery', async () => {
		const result = await runCli(['metrics', '-', '--json'], {stdin: `${recording}\n`});
		expect(result.code, result.stderr).toBe(0);
		expect(JSON.parse(result.stdout)).toMatchObject({events: 5, duplicates: 0});
	});
});
