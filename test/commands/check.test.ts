// `pubsub-tools check` as a subprocess: the shipped scenarios on the recording and the simulator, scenarios that
// fail on purpose (each kind of expectation), bad scenario files, JUnit, and exit codes 0 / 1 / 2.
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli} from '../support/cli.js';
import {useTempDir} from '../support/temp-dir.js';
import {writeAlertFlood} from '../support/test-plugins.js';
import {limit} from '../support/limits.js';

const root = path.resolve(import.meta.dirname, '../..');
const recording = path.join(root, 'recordings/ecommerce.jsonl.gz');
const shipped = path.join(root, 'scenarios/ecommerce.yaml');
const temp = useTempDir('pubsub-check-');

/** Write a scenario file into the temp dir; returns its path. */
function scenarioFile(name: string, text: string): string {
	const file = path.join(temp.path, name);
	fs.writeFileSync(file, text);
	return file;
}

type Json = {passed: boolean; scenarios: Array<{name: string; passed: boolean; skipped?: string; transactions: number; problems: string[]; expectations: Array<{kind: string; label: string; at: string; passed: boolean; evidence: string[]}>}>};

describe('check on the e-commerce recording', () => {
	it('passes the shipped scenarios, exit 0, and writes a JUnit report without failures', async () => {
		const junit = path.join(temp.path, 'shipped.xml');
		const result = await runCli(['check', shipped, recording, '--junit', junit], {cwd: temp.path});
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		expect(result.stdout).toContain('✓ a normal order completes through all six topics within 5 s');
		expect(result.stdout).toContain('✓ a failed payment never reaches shipping  (333 transactions)');
		expect(result.stdout).toContain('3 scenarios: 3 passed, 0 failed, 0 skipped');
		const xml = fs.readFileSync(junit, 'utf8');
		expect(xml).toMatch(/<testsuites name="pubsub-tools check" tests="16" failures="0" errors="0" skipped="0"/);
		expect(xml).toContain('<testcase classname="a failed payment never reaches shipping" name="never topic:shipping.events" time="0"/>');
	});

	it('fails each kind of expectation on purpose with its evidence, exit 1, one JUnit failure each', async () => {
		const file = scenarioFile('failing.yaml', `scenarios:
  - name: the normal phase, judged wrongly
    during: {to: 30s}
    expect:
      - count: {topic: orders.created, exactly: 1}
      - order: [OrderCompleted, OrderCreated]
      - every: {events: "type:PaymentAuthorized", match: "currency:EUR"}
      - never: "type:PaymentFailed"
      - latency: {transaction: {max: 100ms}}
      - latency: {edge: "orders.created->payment.transactions", p99: 10ms}
      - latency: {delivery: {p99: 5ms}}
      - alert: {rule: silence}
      - alert: {rule: fraud.amount, fires: false}
      - saga: {name: checkout, completed: {atLeast: 1}}
  - name: failed payments ship
    transactions: "type:PaymentFailed"
    expect:
      - count: {type: ShipmentCreated, atLeast: 1, per: transaction}
`);
		const junit = path.join(temp.path, 'failing.xml');
		const result = await runCli(['check', file, recording, '--json', '--junit', junit], {cwd: temp.path});
		expect(result.code).toBe(1);
		const report = JSON.parse(result.stdout) as Json;
		expect(report.passed).toBe(false);
		const expectations = report.scenarios.flatMap(scenario => scenario.expectations);
		expect(expectations.map(item => [item.kind, item.passed])).toEqual([
			['count', false], ['order', false], ['every', false], ['never', false], ['transaction-latency', false], ['edge-latency', false],
			['delivery-latency', false], ['alert', false], ['alert', false], ['saga', false], ['count', false],
		]);
		const [count, order, every, never, , edge, , silence, amount, saga, perTransaction] = expectations;
		expect(count!.evidence[0]).toMatch(/^seen \d{3}$/);
		expect(count!.at).toBe(`${file}:5:9`);
		expect(order!.evidence[1]).toMatch(/^ORD-5T6H-\d{6}: OrderCreated → OrderCompleted$/);
		expect(every!.evidence[1]).toMatch(/^ORD-5T6H-\d{6}: PaymentAuthorized on payment\.transactions at .*: \{"currency":"(USD|GBP)"\}$/);
		expect(never!.evidence.join('\n')).toContain('ORD-5T6H-000045: PaymentFailed on payment.transactions');
		expect(edge!.evidence[0]).toMatch(/^p99 \d+ ms over \d+ hops on orders\.created->payment\.transactions/);
		expect(edge!.evidence[1]).toMatch(/^slowest: ORD-5T6H-\d{6}: \d+ ms$/);
		expect(silence!.evidence[0]).toBe('fired 0 times');
		expect(amount!.evidence[1]).toContain('fraud.amount TXN-5T6H-000041 fired at');
		expect(saga!.evidence[0]).toBe('no saga named checkout (sagas seen: ecommerce-order)');
		expect(perTransaction!.evidence[0]).toBe('333 of 333 transactions outside at least 1');
		const xml = fs.readFileSync(junit, 'utf8');
		expect(xml).toMatch(/tests="11" failures="11" errors="0" skipped="0"/);
		expect(xml).toContain(`<failure message="fired 0 times">at ${file}:12:9\nfired 0 times</failure>`);

		const text = await runCli(['check', file, recording], {cwd: temp.path});
		expect(text.code).toBe(1);
		expect(text.stdout).toContain(`✗ never type:PaymentFailed: seen `);
		expect(text.stdout).toContain(`(${file}:8:9)`);
		expect(text.stdout).toContain('2 scenarios: 0 passed, 2 failed, 0 skipped');
	});

	it('writes every count and latency of its evidence with thousands separators, as the transactions it names', async () => {
		const file = scenarioFile('large-counts.yaml', `scenarios:
  - name: the whole recording, judged wrongly
    expect:
      - count: {topic: orders.created, atMost: 1000}
      - latency: {transaction: {max: 100ms}}
      - latency: {delivery: {p99: 5ms}}
`);
		const result = await runCli(['check', file, recording], {cwd: temp.path});
		expect(result.code).toBe(1);
		expect(result.stdout).toContain('✗ the whole recording, judged wrongly  (6,279 transactions)');
		expect(result.stdout).toContain('count topic:orders.created: at most 1,000: seen 6,279');
		expect(result.stdout).toContain('6,160 of 6,279 transactions took longer; longest 11,982 ms');
		expect(result.stdout).toContain('p99 405 ms over 44,166 deliveries, max 2,660 ms');
		// Only ids and event times hold four digits in a row.
		const figures = result.stdout.split('\n').map(line => line.replaceAll(/ORD-\w+-\d+|\d{4}-\d\d-\d\dT[\d:.]+Z/g, ''));
		expect(figures.filter(line => /\d{4}/.test(line))).toEqual([]);
	});

	it('counts a scenario\'s transactions once each, merged as the store merged them, whatever it expects', async () => {
		// Without a transaction expectation it counted the transactions as first seen: a payment whose id joined its
		// order later was one more (6,285 for the 6,279 orders).
		const file = scenarioFile('transaction-counts.yaml', `scenarios:
  - name: events only
    expect:
      - count: {topic: orders.created, atLeast: 1}
  - name: whole transactions
    expect:
      - latency: {transaction: {max: 1h}}
`);
		const result = await runCli(['check', file, recording, '--json'], {cwd: temp.path});
		expect((JSON.parse(result.stdout) as Json).scenarios.map(({name, transactions}) => ({name, transactions}))).toEqual([
			{name: 'events only', transactions: 6279},
			{name: 'whole transactions', transactions: 6279},
		]);
	});

	it('passes the same kinds of expectation when they hold', async () => {
		const file = scenarioFile('passing.yaml', `scenarios:
  - name: the incident
    expect:
      - alert: {rule: fraud.amount, key: TXN-5T6H-000041}
      - alert: {rule: silence, fires: false}
      - count: {type: PaymentFailed, atLeast: 300, atMost: 400}
  - name: one known order
    transactions: "id:ORD-5T6H-000001"
    expect:
      - count: {atLeast: 7, atMost: 7}
      - latency: {edge: "orders.created->payment.transactions", p99: 56ms}
      - latency: {delivery: {p99: 20ms}, topic: customer.notifications}
`);
		const result = await runCli(['check', file, recording, '--json'], {cwd: temp.path});
		expect(result.code).toBe(0);
		const report = JSON.parse(result.stdout) as Json;
		expect(report.scenarios.map(scenario => [scenario.passed, scenario.transactions])).toEqual([[true, expect.any(Number)], [true, 1]]);
	});

	it('fails a scenario that had no event to judge, scoped or not: an empty input or a window past its end is not a pass', async () => {
		const file = scenarioFile('nothing.yaml', `scenarios:
  - name: no refunds
    expect:
      - never: "type:PaymentRefunded"
  - name: no refunds after the end
    during: {from: 1h}
    expect:
      - never: "type:PaymentRefunded"
`);
		const empty = path.join(temp.path, 'empty.jsonl');
		fs.writeFileSync(empty, '');
		const onEmpty = await runCli(['check', file, empty, '--json'], {cwd: temp.path});
		expect(onEmpty.code).toBe(1);
		const report = JSON.parse(onEmpty.stdout) as Json;
		expect(report.passed).toBe(false);
		expect(report.scenarios.map(scenario => [scenario.passed, scenario.problems])).toEqual([
			[false, ['no event in scope: the input held none']],
			[false, ['no event in scope: none in its during window']],
		]);

		const pastEnd = await runCli(['check', file, path.join(root, 'recordings/fraud.jsonl')], {cwd: temp.path});
		expect(pastEnd.code).toBe(1);
		expect(pastEnd.stdout).toContain('✓ no refunds  (');
		expect(pastEnd.stdout).toContain('✗ no refunds after the end  (0 transactions)');
		expect(pastEnd.stdout).toContain('no event in scope: none in its during window');
		expect(pastEnd.stdout).toContain('2 scenarios: 1 passed, 1 failed, 0 skipped');
	});

	it('skips scenarios that publish on a recording, and says so in JUnit', async () => {
		const file = scenarioFile('publishing.yaml', `scenarios:
  - name: publishes
    publish:
      to: kafka://127.0.0.1:1
      events:
        - {topic: orders.created, value: {orderId: "ORD-{{run}}"}}
    expect:
      - count: {topic: orders.created, exactly: 1}
`);
		const junit = path.join(temp.path, 'skipped.xml');
		const result = await runCli(['check', file, recording, '--junit', junit], {cwd: temp.path});
		expect(result.code).toBe(0);
		expect(result.stdout).toContain('- publishes: skipped (publishes events: needs a live kafka:// or redis:// source)');
		expect(fs.readFileSync(junit, 'utf8')).toMatch(/skipped="1"[\s\S]*<skipped message="publishes events/);
	});
});

describe('check alert expectations on a run that fires more alerts than the store keeps', () => {
	// They were judged on the store's alert log, which keeps the newest 10,000: an alert that fired before those
	// was not seen, so `fires: false` passed and `fires` failed for an alert that did fire.
	it('sees every alert fired, the first one too', async () => {
		const {input} = writeAlertFlood(temp.path);
		const file = scenarioFile('many-alerts.yaml', `scenarios:
  - name: the first alert fired
    expect:
      - alert: {rule: flood.first}
      - alert: {rule: flood.every, key: k0}
  - name: the first alert never fired
    expect:
      - alert: {rule: flood.first, fires: false}
`);
		const result = await runCli(['check', file, input, '--plugin', './flood.mjs', '--json'], {cwd: temp.path});
		const report = JSON.parse(result.stdout) as Json;
		expect(report.scenarios.map(scenario => scenario.expectations.map(({label, passed, evidence}) => ({label, passed, seen: evidence[0]})))).toEqual([
			[{label: 'alert flood.first fires', passed: true, seen: 'fired 1 time'}, {label: 'alert flood.every k0 fires', passed: true, seen: 'fired 1 time'}],
			[{label: 'alert flood.first never fires', passed: false, seen: 'fired 1 time'}],
		]);
		expect(result.code).toBe(1);
	}, limit(60_000));
});

describe('check counts in words', () => {
	it('says one scenario and one transaction in the singular', async () => {
		const input = path.join(temp.path, 'one.jsonl');
		fs.writeFileSync(input, `${JSON.stringify({topic: 'orders.created', value: {eventType: 'OrderCreated', orderId: 'ORD-1', timestamp: '2026-11-27T08:00:00Z'}})}\n`);
		const file = scenarioFile('one.yaml', 'scenarios:\n  - name: one order\n    expect:\n      - count: {topic: orders.created, exactly: 1}\n');
		const result = await runCli(['check', file, input], {cwd: temp.path});
		expect(result.code).toBe(0);
		expect(result.stdout).toContain('✓ one order  (1 transaction)\n');
		expect(result.stdout).toContain('1 scenario: 1 passed, 0 failed, 0 skipped');
	});
});

describe('check hop and delivery counts', () => {
	it('count each hop once, whatever else the scenario expects of its transactions, and say one in the singular', async () => {
		const input = path.join(temp.path, 'one-hop.jsonl');
		const lines = [
			{topic: 'orders.created', value: {eventType: 'OrderCreated', orderId: 'ORD-1', timestamp: '2026-11-27T08:00:00Z'}, recordedAt: Date.parse('2026-11-27T08:00:00.040Z')},
			{topic: 'payment.transactions', value: {eventType: 'PaymentAuthorized', orderId: 'ORD-1', timestamp: '2026-11-27T08:00:00.030Z'}},
		];
		fs.writeFileSync(input, `${lines.map(line => JSON.stringify(line)).join('\n')}\n`);
		const edge = '      - latency: {edge: "orders.created->payment.transactions", p95: 1s}\n';
		const file = scenarioFile('one-hop.yaml', `scenarios:
  - name: the hop alone
    expect:
${edge}      - latency: {delivery: {p99: 1s}}
  - name: the hop and the transaction
    expect:
${edge}      - latency: {transaction: {max: 5s}}
`);
		const result = await runCli(['check', file, input], {cwd: temp.path});
		expect(result.code).toBe(0);
		const hops = result.stdout.split('\n').filter(line => line.includes('✓ hop orders.created->payment.transactions'));
		expect(hops).toEqual(Array.from({length: 2}, () => '    ✓ hop orders.created->payment.transactions: p95 ≤ 1,000 ms: p95 30 ms over 1 hop on orders.created->payment.transactions, max 30 ms'));
		expect(result.stdout).toContain('p99 40 ms over 1 delivery, max 40 ms');
	});
});

describe('check labels', () => {
	it('write the thresholds of the scenario file with thousands separators, as the evidence beside them', async () => {
		const input = path.join(temp.path, 'two.jsonl');
		const lines = [
			{topic: 'orders.created', value: {eventType: 'OrderCreated', orderId: 'ORD-1', timestamp: '2026-11-27T08:00:00Z'}},
			{topic: 'payment.transactions', value: {eventType: 'PaymentAuthorized', orderId: 'ORD-1', timestamp: '2026-11-27T08:00:12Z'}},
		];
		fs.writeFileSync(input, `${lines.map(line => JSON.stringify(line)).join('\n')}\n`);
		const file = scenarioFile('thresholds.yaml', `scenarios:
  - name: slow payments
    expect:
      - latency: {transaction: {max: 100s}}
      - latency: {edge: "orders.created->payment.transactions", p99: 1.1s}
      - latency: {delivery: {p99: 0.5ms}}
`);
		const result = await runCli(['check', file, input], {cwd: temp.path});
		expect(result.stdout).toContain('✓ each transaction within 100,000 ms: ');
		expect(result.stdout).toContain('✗ hop orders.created->payment.transactions: p99 ≤ 1,100 ms: p99 12,000 ms over ');
		expect(result.stdout).toContain(' delivery: p99 ≤ 0.5 ms: ');
	});
});

describe('check evidence and personal data', () => {
	// A failed payment of the recording: ORD-5T6H-000045, customer CUST-119103618 from IP 176.216.68.176.
	const scenario = () => scenarioFile('pii.yaml', `scenarios:
  - name: payments never fail
    expect:
      - never: "type:PaymentFailed"
      - every: {events: "type:PaymentFailed", match: "customerId:NOBODY ip:0.0.0.0"}
`);

	it('masks personal data in text, JSON and JUnit evidence by default, the order ids readable; --show-pii shows it', async () => {
		const file = scenario();
		const junit = path.join(temp.path, 'pii.xml');
		const text = await runCli(['check', file, recording, '--junit', junit], {cwd: temp.path});
		expect(text.code).toBe(1);
		const xml = fs.readFileSync(junit, 'utf8');
		const json = await runCli(['check', file, recording, '--json'], {cwd: temp.path});
		const report = JSON.parse(json.stdout) as Json & {piiMasked: boolean};
		expect(report.piiMasked).toBe(true);
		for (const [what, output] of [['text', text.stdout], ['JUnit', xml], ['JSON', json.stdout]] as const) {
			expect(output, what).toContain('ORD-5T6H-000045: PaymentFailed on payment.transactions');
			expect(output, what).not.toContain('CUST-119103618');
			expect(output, what).not.toContain('176.216.68.176');
			expect(output, what).toContain('CU***8');
		}

		const never = report.scenarios[0]!.expectations[0]!.evidence.find(line => line.startsWith('ORD-5T6H-000045: '))!;
		expect(never).toContain('"customerId":"CU***8"');
		expect(never).toContain('"orderId":"ORD-5T6H-000045"');
		expect(report.scenarios[0]!.expectations[1]!.evidence[1]).toMatch(/^ORD-5T6H-\d{6}: PaymentFailed on payment\.transactions at \S+: \{"customerId":"CU\*\*\*\d","ip":"\d\d\*\*\*\d"\}$/);
		expect(text.stdout).toContain('Personal data in the evidence is masked; --show-pii shows it.');

		const shown = await runCli(['check', file, recording, '--json', '--show-pii'], {cwd: temp.path});
		expect(shown.code).toBe(1);
		expect(JSON.parse(shown.stdout)).toMatchObject({piiMasked: false});
		expect(shown.stdout).toContain('"customerId\\":\\"CUST-119103618\\"');
		expect(shown.stdout).toContain('176.216.68.176');
	}, limit(120_000));
});

describe('check evidence on a terminal', () => {
	it('shows message text with its control characters escaped', async () => {
		const input = path.join(temp.path, 'evil.jsonl');
		fs.writeFileSync(input, `${JSON.stringify({topic: 'orders.created', value: {eventType: 'Evil\u001B]0;owned\u0007', orderId: 'ORD-\u001B[2J1', timestamp: '2026-11-27T08:00:00Z'}})}\n`);
		const file = scenarioFile('evil.yaml', 'scenarios:\n  - name: nothing evil\n    expect:\n      - never: "topic:orders.created"\n');
		const result = await runCli(['check', file, input], {cwd: temp.path});
		expect(result.code).toBe(1);
		expect(result.stdout).toContain('ORD-\\e[2J1: Evil\\e]0;owned\\a on orders.created');
		expect(result.stdout).not.toContain('\u001B');
		expect(result.stdout).not.toContain('\u0007');
	});
});

describe('check on the simulator', () => {
	it('passes the shipped scenarios on two simulated minutes', async () => {
		const result = await runCli(['check', shipped, '--source', 'demo', '--duration', '2m'], {cwd: temp.path});
		expect(result.stdout).toContain('3 scenarios: 3 passed, 0 failed, 0 skipped');
		expect(result.code).toBe(0);
	});
});

describe('bad scenario files: exit 2 with file, line and column', () => {
	const cases: Array<[string, string, RegExp]> = [
		['not YAML', 'scenarios:\n  - name: x\n    expect: [\n', /bad\.yaml:4:1: not valid YAML/],
		['a misspelt key', 'scenarios:\n  - name: x\n    expect:\n      - count: {topic: a, atleast: 1}\n', /bad\.yaml:4:27: count: unknown key "atleast" \(expected one of topic, type, where, per, exactly, atLeast, atMost\)/],
		['a bad filter', 'scenarios:\n  - name: x\n    expect:\n      - never: "amount>x"\n', /bad\.yaml:4:24: never: expected a number after "amount>", got "x" \(filter column 8\)/],
		['a bad duration', 'scenarios:\n  - name: x\n    within: soon\n    expect:\n      - never: a\n', /bad\.yaml:3:13: within: expected a duration/],
		['an unknown placeholder', 'scenarios:\n  - name: x\n    publish:\n      events:\n        - {topic: t, value: {id: "{{runid}}"}}\n    expect:\n      - never: a\n', /bad\.yaml:5:34: publish\.events\[0\]\.value\.id: unknown placeholder \{\{runid\}\}/],
		['no expectation', 'scenarios:\n  - name: x\n', /bad\.yaml:2:5: scenario "x": give at least one expect item/],
		['bounds no number meets', 'scenarios:\n  - name: x\n    expect:\n      - count: {type: X, atLeast: 5, atMost: 1}\n', /bad\.yaml:4:16: count: no number is at least 5, at most 1/],
	];
	it('says every problem of one scenario, one line each, not only the first', async () => {
		const file = scenarioFile('bad.yaml', 'scenarios:\n  - name: x\n    within: soon\n    expect:\n      - count: {type: X, atLeast: -1}\n      - nonsense: 2\n      - never: "amount>x"\n');
		const result = await runCli(['check', file, recording], {cwd: temp.path});
		expect(result.code).toBe(2);
		// Every line says whose it is.
		expect(result.stderr.trim().split('\n').every(line => line.startsWith('pubsub-tools: '))).toBe(true);
		expect(result.stderr.trim().split('\n').map(line => line.replace(/^pubsub-tools: /, '').replace(/: .*/, ''))).toEqual([
			`${file}:5:35`, `${file}:6:9`, `${file}:7:24`, `${file}:3:13`,
		]);
	});

	it('a publish file header that is a number or an object: its file, line and header, before anything is sent', async () => {
		const lines = [{topic: 't', value: {id: 1}, headers: {ok: 'x'}}, {topic: 't', value: {id: 2}, headers: {retries: 3}}, {topic: 't', value: {id: 3}, headers: {trace: {id: 'a'}}}];
		fs.writeFileSync(path.join(temp.path, 'events.jsonl'), lines.map(line => JSON.stringify(line)).join('\n'));
		const file = scenarioFile('headers.yaml', 'scenarios:\n  - name: x\n    publish:\n      file: events.jsonl\n    expect:\n      - never: a\n');
		const result = await runCli(['check', file, recording], {cwd: temp.path});
		expect(result.stderr).toContain(`${path.join(temp.path, 'events.jsonl')}:2: headers: "retries" is a number; a header value is text, null or a list of those (quote it: "retries": "3")`);
		expect(result.code).toBe(2);
		expect(result.stdout).toBe('');
	});

	it('two scenarios of one name: both places, before anything is read or reported', async () => {
		// The JSON and JUnit reports tell scenarios apart by name; an unnamed scenario is called "scenario N".
		const expectation = '    expect:\n      - count: {topic: orders.created, atLeast: 1}\n';
		const file = scenarioFile('same-names.yaml', `scenarios:\n  - name: orders flow\n${expectation}  - name: orders flow\n${expectation}  - name: scenario 4\n${expectation}  - ${expectation.trimStart()}`);
		const junit = path.join(temp.path, 'same-names.xml');
		const result = await runCli(['check', file, recording, '--json', '--junit', junit], {cwd: temp.path});
		expect(result.stderr).toBe([
			`pubsub-tools: ${file}:5:5: scenario name "orders flow" is already used at ${file}:2:5; give each scenario its own name (the reports tell them apart by name)`,
			`pubsub-tools: ${file}:11:5: scenario name "scenario 4" is already used at ${file}:8:5; give each scenario its own name (the reports tell them apart by name)`,
			'',
		].join('\n'));
		expect(result.code).toBe(2);
		expect(result.stdout).toBe('');
		expect(fs.existsSync(junit)).toBe(false);
	});

	it('a scenario file that cannot be read says why in words, not an error code', async () => {
		const missing = await runCli(['check', 'nope.yaml', recording], {cwd: temp.path});
		expect(missing.stderr).toBe('pubsub-tools: cannot read nope.yaml: no such file\n');
		expect(missing.code).toBe(2);
		const folder = await runCli(['check', '.', recording], {cwd: temp.path});
		expect(folder.stderr).toBe('pubsub-tools: cannot read .: is a directory\n');
		const file = scenarioFile('publish-missing.yaml', 'scenarios:\n  - name: x\n    publish:\n      file: gone.jsonl\n    expect:\n      - never: a\n');
		const publish = await runCli(['check', file, recording], {cwd: temp.path});
		expect(publish.stderr).toContain(`publish.file: cannot read ${path.join(temp.path, 'gone.jsonl')}: no such file`);
		expect(publish.code).toBe(2);
	});

	for (const [what, text, message] of cases) {
		it(what, async () => {
			const file = scenarioFile('bad.yaml', text);
			const result = await runCli(['check', file, recording], {cwd: temp.path});
			expect(result.stderr).toMatch(message);
			expect(result.code).toBe(2);
			expect(result.stdout).toBe('');
		});
	}
});
