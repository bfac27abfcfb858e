// A CloudEvent whose `data` is a string holding JSON is read as that object (event-model.md, containers): its ids,
// times and amounts count. Its personal fields must then be masked by their names as an object's are: `audit query`
// showed `"firstName":"Jane"` inside the string while the same event with `data` as an object showed `Ja***e`.
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli} from '../support/cli.js';
import {useTempDir} from '../support/temp-dir.js';
import {limit} from '../support/limits.js';

const temp = useTempDir('pubsub-string-container-pii-');

/** A CloudEvent of order ORD-1 with `data` as given. */
const cloudEvent = (id: string, data: unknown) => ({specversion: '1.0', type: 'order.created', source: '/shop', id, time: '2026-12-07T08:00:00Z', datacontenttype: 'application/json', data});

/** Run the CLI in the temporary directory; it must succeed. */
async function run(args: string[]): Promise<string> {
	const result = await runCli(args, {cwd: temp.path});
	expect(result.code, result.stderr).toBe(0);
	return result.stdout;
}

type Audit = {chain: Array<{value: {data: unknown}}>};

describe('personal data inside a container sent as a string of JSON', () => {
	it('is masked by its names in audit query, as inside an object; --show-pii shows it as sent', async () => {
		const person = (orderId: string) => ({orderId, firstName: 'Jane', customerId: 'CUST-4242', amount: 12.5});
		// Two transactions, so neither's masking learns the person from the other (a transaction's values mask its texts).
		const file = path.join(temp.path, 'cloudevents.jsonl');
		fs.writeFileSync(file, [cloudEvent('e1', person('ORD-1')), cloudEvent('e2', JSON.stringify(person('ORD-2')))].map(value => `${JSON.stringify({topic: 'orders', value})}\n`).join(''));
		const audit = async (id: string, ...flags: string[]) => (JSON.parse(await run(['audit', 'query', file, '--id', id, '--format', 'json', ...flags])) as Audit).chain[0]!.value.data;
		const asObject = await audit('ORD-1');
		expect(asObject).toMatchObject({orderId: 'ORD-1', firstName: 'Ja***e', amount: 12.5});
		const asString = await audit('ORD-2');
		expect(asString).not.toContain('Jane');
		expect(asString).not.toContain('CUST-4242');
		expect(JSON.parse(asString as string)).toEqual({...(asObject as object), orderId: 'ORD-2'});
		expect(await audit('ORD-2', '--show-pii')).toBe(JSON.stringify(person('ORD-2')));
	}, limit(120_000));
});
