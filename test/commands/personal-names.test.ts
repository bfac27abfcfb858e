// Personal values used as member names (a Redis entry's field named by an email, an object keyed by customer email or
// card number) are masked as values are, by `audit query`, `state --id` and `check` evidence run as subprocesses on
// a recording; ordinary names stay readable, two names that mask alike both stay, and an integer beyond 2^53 under
// a masked name keeps its digits.
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli} from '../support/cli.js';
import {useTempDir} from '../support/temp-dir.js';
import {limit} from '../support/limits.js';

const temp = useTempDir('pubsub-personal-names-');

/** Write the recording's lines (each a payload on balances, as sent) into the temporary directory. */
function recording(values: string[]): string {
	const file = path.join(temp.path, 'balances.jsonl');
	fs.writeFileSync(file, values.map(value => `{"topic":"balances","value":${value}}\n`).join(''));
	return file;
}

/** Run the CLI in the temporary directory; its exit code must be `code`. */
async function run(args: string[], code = 0): Promise<string> {
	const result = await runCli(args, {cwd: temp.path});
	expect(result.code, result.stderr).toBe(code);
	return result.stdout;
}

const personal = ['alice@example.com', 'anna@example.com', '4111111111111111', '10.1.2.3'];

const file = () => recording([
	// A Redis entry's fields as the source reads them: `XADD s * alice@example.com 1`.
	'{"eventType":"BalanceSet","aggregateId":"B-1","orderId":"B-1","alice@example.com":"1","anna@example.com":"2","timestamp":"2026-11-23T10:00:00Z"}',
	// An object keyed by card number and by IP, and a JSON text keyed by email holding an integer beyond 2^53.
	'{"eventType":"BalanceMoved","aggregateId":"B-1","orderId":"B-1","byCard":{"4111111111111111":5},"byIp":{"10.1.2.3":7},"data":"{\\"alice@example.com\\":{\\"total\\":12345678901234567891}}","timestamp":"2026-11-23T10:00:01Z"}',
]);

describe('personal values used as member names', () => {
	it('audit query masks them in JSON, the compliance report and text; ordinary names stay; --show-pii shows them', async () => {
		const recorded = file();
		for (const format of ['json', 'compliance-report', 'text']) {
			const output = await run(['audit', 'query', recorded, '--id', 'B-1', '--format', format]);
			for (const value of personal) expect(output).not.toContain(value);
		}

		const masked = JSON.parse(await run(['audit', 'query', recorded, '--id', 'B-1', '--format', 'json'])) as {chain: Array<{value: Record<string, unknown>}>};
		expect(masked.chain[0]!.value).toMatchObject({eventType: 'BalanceSet', aggregateId: 'B-1', 'a***@example.com': '1', 'a***@example.com (2)': '2'});
		expect(masked.chain[1]!.value).toMatchObject({byCard: {'****1111': 5}, byIp: {'10***3': 7}});
		expect(masked.chain[1]!.value.data).toBe('{"a***@example.com":{"total":12345678901234567891}}');
		const shown = await run(['audit', 'query', recorded, '--id', 'B-1', '--format', 'json', '--show-pii']);
		for (const value of personal) expect(shown).toContain(value);
	}, limit(120_000));

	it('state --id masks them in its fields, text and JSON', async () => {
		const recorded = file();
		const text = await run(['state', recorded, '--id', 'B-1']);
		for (const value of personal) expect(text).not.toContain(value);
		// The second event brings its `data` container's members: the first name's value is replaced by its object.
		const json = await run(['state', recorded, '--id', 'B-1', '--json']);
		expect(json).toContain('"fields":{"eventType":"BalanceSet","aggregateId":"B-1","orderId":"B-1","a***@example.com":{"total":12345678901234567891},"a***@example.com (2)":"2",');
		for (const value of personal) expect(json).not.toContain(value);
	}, limit(120_000));

	it('check evidence masks them', async () => {
		const recorded = file();
		const scenarios = path.join(temp.path, 'balances.yaml');
		fs.writeFileSync(scenarios, 'scenarios:\n  - name: no balances\n    expect:\n      - never: "type:BalanceSet"\n');
		const output = await run(['check', scenarios, recorded, '--json'], 1);
		expect(output).toContain('a***@example.com');
		for (const value of personal) expect(output).not.toContain(value);
	}, limit(120_000));
});
