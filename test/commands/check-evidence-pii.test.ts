// `check` evidence goes to CI logs: the alerts it lists (their key, a customer or an IP, and their message), a
// message key (standing in for an event's id, or named by an expectation) and a customer id written again in a note
// are masked there as the event values are, unless --show-pii; and the
// fields an `every` expectation names are found where the configuration's fields.containers say, as the filters find
// them. The CLI runs as a subprocess on recordings written by the test.
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli} from '../support/cli.js';
import {useTempDir} from '../support/temp-dir.js';
import {limit} from '../support/limits.js';
import {writeCustomerWatchPlugin} from '../support/test-plugins.js';

const temp = useTempDir('pubsub-check-pii-');

/** One customer's personal data: a customer id, an email and an IP. */
const customer = 'CUST-4242';
const email = 'jane.doe@example.com';
const ip = '203.0.113.77';

/** An envelope line at `second` seconds past 10:00. */
function line(second: number, fields: {topic: string; key?: string; value: Record<string, unknown>}): string {
	const timestamp = new Date(Date.UTC(2026, 11, 7, 10, 0, second)).toISOString();
	return JSON.stringify({...fields, value: {...fields.value, timestamp}, timestamp});
}

/** Write `name` (a path inside the temp dir) there; returns its path. */
function write(name: string, text: string): string {
	const file = path.join(temp.path, name);
	fs.mkdirSync(path.dirname(file), {recursive: true});
	fs.writeFileSync(file, text);
	return file;
}

describe('check evidence with personal data', () => {
	// Ten blocked payments of one customer from one IP within a minute fire fraud.velocity (key: the customer) and
	// fraud.blocked-source (key: the IP); a ping keyed by the customer has no id, so its key names it.
	const recording = () => write('fraud.jsonl', [
		...Array.from({length: 10}, (_, i) => line(i * 5, {
			topic: 'payment.transactions',
			key: `ORD-P-${i}`,
			value: {eventType: 'PaymentBlocked', orderId: `ORD-P-${i}`, customerId: customer, email, ip, status: 'blocked', amount: 20, note: `customer ${customer} asked for a refund`},
		})),
		line(55, {topic: 'customer.pings', key: customer, value: {eventType: 'Ping'}}),
	].join('\n') + '\n');
	const scenarios = () => write('fraud.yaml', `scenarios:
  - name: no fraud
    expect:
      - alert: {rule: fraud.velocity, fires: false}
      - alert: {rule: fraud.blocked-source, fires: false}
      - never: "type:Ping"
      - every: {events: "type:Ping", match: "key:nobody"}
      - every: {events: "type:PaymentBlocked", match: "note:nobody"}
`);

	it('masks alert keys, alert messages and message keys in text, JSON and JUnit; --show-pii shows them', async () => {
		const file = scenarios();
		const input = recording();
		const junit = path.join(temp.path, 'fraud.xml');
		const text = await runCli(['check', file, input, '--junit', junit], {cwd: temp.path});
		expect(text.code, text.stderr).toBe(1);
		const json = await runCli(['check', file, input, '--json'], {cwd: temp.path});
		expect(json.code, json.stderr).toBe(1);
		const report = JSON.parse(json.stdout) as {piiMasked: boolean; scenarios: Array<{expectations: Array<{evidence: string[]}>}>};
		expect(report.piiMasked).toBe(true);
		const [velocity, blocked, ping, keyed, noted] = report.scenarios[0]!.expectations.map(expectation => expectation.evidence);
		expect(velocity![1]).toMatch(/^fraud\.velocity CU\*\*\*2 fired at \S+: customer CU\*\*\*2 made 6 payments in 1m \(threshold 5\)$/);
		expect(blocked![1]).toMatch(/^fraud\.blocked-source 20\*\*\*7 fired at \S+: IP 20\*\*\*7 sent 10 blocked payments in 5m \(threshold 10\)$/);
		expect(ping![1]).toMatch(/^CU\*\*\*2: Ping on customer\.pings at /);
		expect(noted![1]).toMatch(/^ORD-P-0: PaymentBlocked on payment\.transactions at \S+: \{"note":"customer CU\*\*\*2 asked for a refund"\}$/);
		expect(keyed![1]).toMatch(/^CU\*\*\*2: Ping on customer\.pings at \S+: \{"key":"CU\*\*\*2"\}$/);
		for (const [what, output] of [['text', text.stdout], ['JUnit', fs.readFileSync(junit, 'utf8')], ['JSON', json.stdout]] as const) {
			for (const value of [customer, ip, email]) expect(output, what).not.toContain(value);
			expect(output, what).toContain('CU***2');
		}

		const shown = await runCli(['check', file, input, '--json', '--show-pii'], {cwd: temp.path});
		expect(JSON.parse(shown.stdout)).toMatchObject({piiMasked: false});
		expect(shown.stdout).toContain(`fraud.velocity ${customer} fired`);
		expect(shown.stdout).toContain(`IP ${ip} sent`);
		expect(shown.stdout).toContain(`${customer}: Ping on customer.pings`);
	}, limit(120_000));
});

describe('check evidence of a plugin\'s alert keyed by a party', () => {
	it('masks the key of an alert a plugin raised with party: true as a personal value, in the key and the message', async () => {
		const cwd = path.dirname(write('party/fraud.yaml', `scenarios:
  - name: nobody watched
    expect:
      - alert: {rule: watch.customer, fires: false}
`));
		const file = path.join(cwd, 'fraud.yaml');
		// A customer id the text rule does not mask (no email, card or IP): only the party says it is personal.
		const input = write('party/watch.jsonl', `${line(0, {topic: 'payments', value: {eventType: 'PaymentCaptured', orderId: 'ORD-W-1', customerId: customer}})}\n`);
		writeCustomerWatchPlugin(cwd);
		const json = await runCli(['check', file, input, '--plugin', './customer-watch.mjs', '--json'], {cwd});
		expect(json.code, json.stderr).toBe(1);
		const report = JSON.parse(json.stdout) as {scenarios: Array<{expectations: Array<{evidence: string[]}>}>};
		expect(report.scenarios[0]!.expectations[0]!.evidence[1]).toMatch(/^watch\.customer CU\*\*\*2 fired at \S+: customer CU\*\*\*2 is watched$/);
		expect(json.stdout).not.toContain(customer);
		const text = await runCli(['check', file, input, '--plugin', './customer-watch.mjs'], {cwd});
		expect(text.stdout).toContain('watch.customer CU***2 fired');
		expect(text.stdout).not.toContain(customer);
		const shown = await runCli(['check', file, input, '--plugin', './customer-watch.mjs', '--show-pii'], {cwd});
		expect(shown.stdout).toContain(`watch.customer ${customer} fired`);
		// Without party: true the key is a text like any other, shown (its rule is the plugin's own).
		const unsaid = await runCli(['check', file, input, '--plugin', './customer-watch.mjs'], {cwd, env: {PUBSUB_TEST_NO_PARTY: '1'}});
		expect(unsaid.stdout).toContain(`watch.customer ${customer} fired`);
	}, limit(120_000));
});

describe('check evidence under configured containers', () => {
	it('finds and shows the fields an expectation names inside the configuration\'s containers, masked by their names', async () => {
		const cwd = path.dirname(write('containers/pubsub-tools.config.yaml', 'fields:\n  containers: [body]\n'));
		const input = write('containers/body.jsonl', [
			line(0, {topic: 'payments', value: {eventType: 'PaymentCaptured', orderId: 'ORD-B-1', body: {amount: 5, email}}}),
			line(1, {topic: 'payments', value: {eventType: 'PaymentCaptured', orderId: 'ORD-B-2', body: {amount: 0, email}}}),
		].join('\n') + '\n');
		const file = write('containers/body.yaml', `scenarios:
  - name: payments have an amount
    expect:
      - every: {events: "type:PaymentCaptured", match: "amount>0 email:*"}
`);
		const result = await runCli(['check', file, input, '--json'], {cwd});
		expect(result.code, result.stderr).toBe(1);
		const report = JSON.parse(result.stdout) as {scenarios: Array<{expectations: Array<{evidence: string[]}>}>};
		const evidence = report.scenarios[0]!.expectations[0]!.evidence;
		expect(evidence[0]).toBe('1 of 2 events do not match');
		expect(evidence[1]).toMatch(/^ORD-B-2: PaymentCaptured on payments at \S+: \{"amount":0,"email":"j\*\*\*@example\.com"\}$/);
		expect(result.stdout).not.toContain(email);
	}, limit(120_000));
});

describe('check evidence of an event whose transaction carries the personal values', () => {
	it('masks a customer id and a name another event of the transaction carries, before or after it, in JSON and JUnit; --show-pii shows them', async () => {
		// ORD-T-1 names its customer first and writes her again in a later failure; ORD-T-2's failure comes first.
		const input = write('transaction/orders.jsonl', [
			line(0, {topic: 'orders', value: {eventType: 'OrderPlaced', orderId: 'ORD-T-1', customerId: customer, firstName: 'Marguerite'}}),
			line(1, {topic: 'payments', value: {eventType: 'PaymentFailed', orderId: 'ORD-T-1', note: `Marguerite of ${customer} called`}}),
			line(2, {topic: 'payments', value: {eventType: 'PaymentFailed', orderId: 'ORD-T-2', note: 'Bartholomew of CUST-5151 called'}}),
			line(3, {topic: 'orders', value: {eventType: 'OrderUpdated', orderId: 'ORD-T-2', customerId: 'CUST-5151', firstName: 'Bartholomew'}}),
		].join('\n') + '\n');
		const file = write('transaction/failures.yaml', `scenarios:
  - name: no failed payment
    expect:
      - never: "type:PaymentFailed"
      - every: {events: "type:PaymentFailed", match: "note:nobody"}
`);
		const junit = path.join(temp.path, 'transaction/failures.xml');
		const json = await runCli(['check', file, input, '--json', '--junit', junit], {cwd: temp.path});
		expect(json.code, json.stderr).toBe(1);
		const report = JSON.parse(json.stdout) as {scenarios: Array<{expectations: Array<{evidence: string[]}>}>};
		const [never, every] = report.scenarios[0]!.expectations.map(expectation => expectation.evidence);
		expect(never!.slice(1).map(said => said.replace(/ at \S+:/, ':'))).toEqual([
			'ORD-T-1: PaymentFailed on payments: {"eventType":"PaymentFailed","orderId":"ORD-T-1","note":"Ma***e of CU***2 called","timestamp":"2026-12-07T10:00:01.000Z"}',
			'ORD-T-2: PaymentFailed on payments: {"eventType":"PaymentFailed","orderId":"ORD-T-2","note":"Ba***w of CU***1 called","timestamp":"2026-12-07T10:00:02.000Z"}',
		]);
		expect(every!.slice(1).map(said => said.replace(/^.* at \S+: /, ''))).toEqual(['{"note":"Ma***e of CU***2 called"}', '{"note":"Ba***w of CU***1 called"}']);
		for (const output of [json.stdout, fs.readFileSync(junit, 'utf8')]) for (const value of [customer, 'Marguerite', 'CUST-5151', 'Bartholomew']) expect(output).not.toContain(value);
		const shown = await runCli(['check', file, input, '--json', '--show-pii'], {cwd: temp.path});
		for (const value of [`Marguerite of ${customer} called`, 'Bartholomew of CUST-5151 called']) expect(shown.stdout).toContain(value);
	}, limit(120_000));
});
