// Personal data across a transaction: a customer id one event carries and another event of the same transaction (or
// aggregate) writes only in its free text is masked there too, by `audit query` and `state --id` run as subprocesses
// on a recording; the audit hash chain stays the one over the stored data.
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli} from '../support/cli.js';
import {useTempDir} from '../support/temp-dir.js';
import {limit} from '../support/limits.js';

const temp = useTempDir('pubsub-transaction-pii-');

/** Write the recording's lines (each a payload on orders) into the temporary directory. */
function recording(values: object[]): string {
	const file = path.join(temp.path, 'orders.jsonl');
	fs.writeFileSync(file, values.map(value => `${JSON.stringify({topic: 'orders', value})}\n`).join(''));
	return file;
}

/** Run the CLI in the temporary directory; it must succeed. */
async function run(args: string[]): Promise<string> {
	const result = await runCli(args, {cwd: temp.path});
	expect(result.code, result.stderr).toBe(0);
	return result.stdout;
}

type Audit = {chainSha256: string; chain: Array<{hash: string; value: {note?: string}}>};

describe('personal data across a transaction', () => {
	it('audit query masks a customer id in the note of another event of the transaction, hashes unchanged', async () => {
		const file = recording([
			{eventType: 'OrderPlaced', orderId: 'O-1', customerId: 'C-9999', timestamp: '2026-11-23T10:00:00Z'},
			{eventType: 'OrderRefunded', orderId: 'O-1', note: 'refund for C-9999', timestamp: '2026-11-23T10:00:01Z'},
		]);
		for (const format of ['json', 'compliance-report', 'text']) expect(await run(['audit', 'query', file, '--id', 'O-1', '--format', format])).not.toContain('C-9999');
		const masked = JSON.parse(await run(['audit', 'query', file, '--id', 'O-1', '--format', 'json'])) as Audit;
		expect(masked.chain[1]!.value.note).toBe('refund for C-***9');
		const shown = JSON.parse(await run(['audit', 'query', file, '--id', 'O-1', '--format', 'json', '--show-pii'])) as Audit;
		expect(shown.chain[1]!.value.note).toBe('refund for C-9999');
		expect(masked.chain.map(entry => entry.hash)).toEqual(shown.chain.map(entry => entry.hash));
		expect(masked.chainSha256).toBe(shown.chainSha256);
	}, limit(120_000));

	it('state --id masks a customer id a later event replaced where a field\'s text repeats it', async () => {
		const file = recording([
			{eventType: 'OrderPlaced', aggregateId: 'O-1', customerId: 'C-9999', timestamp: '2026-11-23T10:00:00Z'},
			{eventType: 'OrderTransferred', aggregateId: 'O-1', customerId: 'C-1234', note: 'moved from C-9999', timestamp: '2026-11-23T10:00:01Z'},
		]);
		const text = await run(['state', file, '--id', 'O-1']);
		expect(text).not.toContain('C-9999');
		const json = JSON.parse(await run(['state', file, '--id', 'O-1', '--json'])) as {fields: Record<string, unknown>};
		expect(json.fields).toMatchObject({customerId: 'C-***4', note: 'moved from C-***9'});
	}, limit(120_000));
});

describe('personal values carried in message headers', () => {
	it('audit query and check evidence mask a customer id and a name a header carries where a text repeats them; --show-pii shows them', async () => {
		// Header names are read as field names: `X-Customer-Id` is customer_id, `x-user-name` a user's name; `trace-id` is not personal.
		const file = path.join(temp.path, 'headers.jsonl');
		fs.writeFileSync(file, `${JSON.stringify({topic: 'orders', headers: {'X-Customer-Id': 'CU-5151', 'x-user-name': 'Jane Doe', 'trace-id': 'trace-7777'}, value: {eventType: 'OrderPlaced', orderId: 'O-H', timestamp: '2026-11-23T10:00:00Z'}})}\n${
			JSON.stringify({topic: 'orders', value: {eventType: 'OrderRefunded', orderId: 'O-H', note: 'Jane Doe of CU-5151 on trace-7777', timestamp: '2026-11-23T10:00:01Z'}})}\n`);
		const masked = JSON.parse(await run(['audit', 'query', file, '--id', 'O-H', '--format', 'json'])) as Audit;
		expect(masked.chain[1]!.value.note).toBe('Ja***e of CU***1 on trace-7777');
		const shown = JSON.parse(await run(['audit', 'query', file, '--id', 'O-H', '--format', 'json', '--show-pii'])) as Audit;
		expect(shown.chain[1]!.value.note).toBe('Jane Doe of CU-5151 on trace-7777');
		const scenarios = path.join(temp.path, 'headers.yaml');
		fs.writeFileSync(scenarios, 'scenarios:\n  - name: no refund\n    expect:\n      - never: "type:OrderRefunded"\n      - every: {events: "type:OrderPlaced", match: "X-Customer-Id:nobody"}\n');
		const check = await runCli(['check', scenarios, file, '--json'], {cwd: temp.path});
		expect(check.code, check.stderr).toBe(1);
		const [never, every] = (JSON.parse(check.stdout) as {scenarios: Array<{expectations: Array<{evidence: string[]}>}>}).scenarios[0]!.expectations.map(expectation => expectation.evidence);
		expect(never![1]).toContain('"note":"Ja***e of CU***1 on trace-7777"');
		expect(every![1]).toMatch(/: \{"X-Customer-Id":"CU\*\*\*1"\}$/);
		for (const value of ['CU-5151', 'Jane Doe']) expect(check.stdout).not.toContain(value);
	}, limit(120_000));

	it('state --id masks a customer id and a name a header of one event carries where another event\'s field repeats them', async () => {
		const file = path.join(temp.path, 'aggregate-headers.jsonl');
		fs.writeFileSync(file, `${JSON.stringify({topic: 'orders', headers: {'X-Customer-Id': 'CU-5151', 'x-user-name': 'Jane Doe'}, value: {eventType: 'OrderPlaced', aggregateId: 'O-S', timestamp: '2026-11-23T10:00:00Z'}})}\n${
			JSON.stringify({topic: 'orders', value: {eventType: 'OrderRefunded', aggregateId: 'O-S', note: 'Jane Doe of CU-5151', timestamp: '2026-11-23T10:00:01Z'}})}\n`);
		const json = JSON.parse(await run(['state', file, '--id', 'O-S', '--json'])) as {fields: Record<string, unknown>};
		expect(json.fields).toMatchObject({note: 'Ja***e of CU***1'});
		const text = await run(['state', file, '--id', 'O-S']);
		for (const value of ['CU-5151', 'Jane Doe']) expect(text).not.toContain(value);
		const shown = JSON.parse(await run(['state', file, '--id', 'O-S', '--json', '--show-pii'])) as {fields: Record<string, unknown>};
		expect(shown.fields).toMatchObject({note: 'Jane Doe of CU-5151'});
	}, limit(120_000));
});
