// Value fields written as JSON integers beyond 2^53 (64-bit customer and payment ids) lose digits in JSON.parse:
// customers 9007199254740993 and 9007199254740992 were one customer to the alert rules and one group to
// `query --group-by`. Their digits are read from the message text. Run as subprocesses on a recording on stdin.
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli} from '../support/cli.js';
import {useTempDir} from '../support/temp-dir.js';
import {limit} from '../support/limits.js';

/** A payment at second `second` with the payload fields given as raw JSON text. */
const line = (second: number, fields: string) => `{"topic":"payments","value":{"eventType":"PaymentProcessed","orderId":"ORD-${second}","timestamp":"2026-01-01T00:00:${String(second).padStart(2, '0')}Z",${fields}}}`;

// Six payments of customer …993 (one in `data`, beside an absent top-level field; one with an exponent) and three
// of …992: only the first is more than fraud.velocity's five a minute. A payment id beyond 2^53 pays a large amount.
const recording = `${[
	line(0, '"customerId":9007199254740993,"amount":10'),
	line(1, '"customerId":9007199254740992,"amount":10'),
	line(2, '"customerId":null,"data":{"customerId":9007199254740993},"amount":10'),
	line(3, '"customerId":9007199254740992,"amount":10'),
	line(4, '"customerId":9.007199254740993e15,"amount":10'),
	line(5, '"customerId": 9007199254740993 ,"amount":10'),
	line(6, '"customerId":9007199254740992,"amount":10'),
	line(7, '"customerId":9007199254740993,"amount":10'),
	line(8, '"customerId":9007199254740993,"amount":20000,"paymentId":18014398509481985'),
].join('\n')}\n`;

describe('value fields holding integers beyond 2^53', () => {
	const temp = useTempDir('pubsub-big-fields-');

	it('alert rules keep every digit: one customer over the velocity threshold, and the payment id of a large amount', async () => {
		const result = await runCli(['alerts', '-', '--json'], {stdin: recording, cwd: temp.path});
		expect(result.code, result.stderr).toBe(0);
		const alerts = result.stdout.trim().split('\n').map(text => JSON.parse(text) as {rule: string; key: string; value: number});
		expect(alerts.filter(alert => alert.rule === 'fraud.velocity').map(({key, value}) => ({key, value}))).toEqual([{key: '9007199254740993', value: 6}]);
		expect(alerts.find(alert => alert.rule === 'fraud.amount')?.key).toBe('18014398509481985');
	});

	it('query --group-by keeps every digit, the same whether stored bytes, whole events or group columns answer', async () => {
		const config = path.join(temp.path, 'columns.yaml');
		fs.writeFileSync(config, 'store:\n  columns: [customerId]\n');
		const expected = {
			'9007199254740993': {count: 6, firstSeen: '2026-01-01T00:00:00.000Z', lastSeen: '2026-01-01T00:00:08.000Z'},
			'9007199254740992': {count: 3, firstSeen: '2026-01-01T00:00:01.000Z', lastSeen: '2026-01-01T00:00:06.000Z'},
		};
		for (const extra of [[], ['--where', 'amount>0'], ['--config', config]]) {
			const result = await runCli(['query', '-', '--group-by', 'customerId', '--json', ...extra], {stdin: recording, cwd: temp.path});
			expect(result.code, result.stderr).toBe(0);
			const {groups} = JSON.parse(result.stdout) as {groups: Record<string, unknown>};
			expect(Object.keys(groups), extra.join(' ')).toEqual(['9007199254740993', '9007199254740992']);
			expect(groups, extra.join(' ')).toEqual(expected);
		}
	});

	it('state keys aggregates and groups them by every digit of an aggregate id or a group field', async () => {
		const claim = (aggregate: string, client: string) => `{"aggregate_id":${aggregate},"client":${client},"type":"ClaimSubmitted","timestamp":"2026-11-23T10:00:00Z"}`;
		const claims = `${[claim('9007199254740993', '1'), claim('9007199254740992', '1'), claim('"x1"', '9007199254740993'), claim('"x2"', '9007199254740992')].join('\n')}\n`;
		const listed = await runCli(['state', '-', '--json'], {stdin: claims, cwd: temp.path});
		expect(listed.code, listed.stderr).toBe(0);
		expect(Object.keys((JSON.parse(listed.stdout) as {aggregates: object}).aggregates).sort()).toEqual(['9007199254740992', '9007199254740993', 'x1', 'x2']);
		const grouped = await runCli(['state', '-', '--group-by', 'client', '--json'], {stdin: claims, cwd: temp.path});
		expect(grouped.code, grouped.stderr).toBe(0);
		const {groups} = JSON.parse(grouped.stdout) as {groups: Record<string, {aggregates: string[]}>};
		expect(Object.fromEntries(Object.entries(groups).map(([value, group]) => [value, group.aggregates.sort()]))).toEqual({
			'1': ['9007199254740992', '9007199254740993'], '9007199254740993': ['x1'], '9007199254740992': ['x2'],
		});
	});

	it('the filter language matches a field or a bare word by every digit', async () => {
		const events = `${['"A","customerId":9007199254740993', '"B","customerId":9007199254740992', '"C","customerId":"9007199254740993"']
			.map(fields => `{"topic":"p","value":{"type":${fields}}}`).join('\n')}\n`;
		const matched = async (filter: string) => {
			const result = await runCli(['record', '-', '--filter', filter, '-o', '-'], {stdin: events, cwd: temp.path});
			expect(result.code, result.stderr).toBe(0);
			return result.stdout.trim().split('\n').map(text => JSON.parse(text) as {value?: {type: string}}).flatMap(line => (line.value ? [line.value.type] : []));
		};

		expect(await matched('customerId:9007199254740993')).toEqual(['A', 'C']);
		expect(await matched('customerId:9007199254740992')).toEqual(['B']);
		expect(await matched('customerId:9.007199254740993e15')).toEqual(['A', 'C']);
		expect(await matched('9007199254740993')).toEqual(['A', 'C']);
		expect(await matched('customerId>9007199254740991')).toEqual(['A', 'B', 'C']);
		// Compared by every digit too, a value and a bound a double holds as one number.
		expect(await matched('customerId>9007199254740992')).toEqual(['A', 'C']);
		expect(await matched('customerId<9007199254740993')).toEqual(['B']);
		expect(await matched('customerId>=9007199254740993')).toEqual(['A', 'C']);
		expect(await matched('!customerId<=9007199254740992.5')).toEqual(['A', 'C']);
	});

	it('query --where compares by every digit, on one thread and on two', async () => {
		for (const threads of ['1', '2']) {
			const result = await runCli(['query', '-', '--group-by', 'customerId', '--where', 'customerId>9007199254740992', '--threads', threads, '--json'], {stdin: recording, cwd: temp.path});
			expect(result.code, result.stderr).toBe(0);
			expect((JSON.parse(result.stdout) as {groups: object}).groups, `--threads ${threads}`).toEqual({
				'9007199254740993': {count: 6, firstSeen: '2026-01-01T00:00:00.000Z', lastSeen: '2026-01-01T00:00:08.000Z'},
			});
		}
	});

	it('audit query shows and hashes every digit: two accounts a double cannot tell apart get their own digits and hashes', async () => {
		const payment = (account: string) => `{"topic":"p","value":{"orderId":"O1","type":"PaymentProcessed","timestamp":"2026-11-23T10:00:00Z","accountId":${account}}}\n`;
		const audit = async (account: string, format: string) => {
			const result = await runCli(['audit', 'query', '-', '--id', 'O1', '--format', format, '--show-pii'], {stdin: payment(account), cwd: temp.path});
			expect(result.code, result.stderr).toBe(0);
			return result.stdout;
		};

		const [high, low] = [await audit('9007199254740993', 'json'), await audit('9007199254740992', 'json')];
		expect(high).toContain('"accountId": 9007199254740993');
		expect(low).toContain('"accountId": 9007199254740992');
		const chainOf = (json: string) => (JSON.parse(json) as {chainSha256: string}).chainSha256;
		expect(chainOf(high)).not.toBe(chainOf(low));
		expect(await audit('9007199254740993', 'compliance-report')).toContain('"accountId": 9007199254740993');
	});

	it('check shows the values it saw with every digit, personal data masked unless --show-pii', async () => {
		const scenario = path.join(temp.path, 'one-account.yaml');
		fs.writeFileSync(scenario, 'scenarios:\n  - name: one account\n    expect:\n      - never: "type:PaymentProcessed"\n');
		const payment = '{"topic":"p","value":{"orderId":"O1","type":"PaymentProcessed","timestamp":"2026-11-23T10:00:00Z","accountId":9007199254740993,"amount":9007199254740995}}\n';
		const masked = await runCli(['check', scenario, '-'], {stdin: payment, cwd: temp.path});
		expect(masked.code, masked.stderr).toBe(1);
		// An account number is personal: masked by default, with no digit of it left; a value that is not keeps every digit.
		expect(masked.stdout).toContain('"accountId":"***"');
		expect(masked.stdout).not.toContain('9007199254740993');
		expect(masked.stdout).toContain('"amount":9007199254740995');
		const shown = await runCli(['check', scenario, '-', '--show-pii'], {stdin: payment, cwd: temp.path});
		expect(shown.code, shown.stderr).toBe(1);
		expect(shown.stdout).toContain('"accountId":9007199254740993');
	});

	it('state --id shows an aggregate\'s fields with every digit, in text and JSON, personal data masked or not', async () => {
		const claim = '{"aggregate_id":"a1","type":"ClaimSubmitted","timestamp":"2026-11-23T10:00:00Z","data":{"account":9007199254740993,"nested":{"ids":[1,9007199254740995]},"name":"x"}}\n';
		const text = await runCli(['state', '-', '--id', 'a1'], {stdin: claim, cwd: temp.path});
		expect(text.code, text.stderr).toBe(0);
		expect(text.stdout).toContain('account: 9007199254740993');
		expect(text.stdout).toContain('nested: {"ids":[1,9007199254740995]}');
		const json = await runCli(['state', '-', '--id', 'a1', '--json'], {stdin: claim, cwd: temp.path});
		expect(json.code, json.stderr).toBe(0);
		expect(json.stdout).toContain('"fields":{"account":9007199254740993,"nested":{"ids":[1,9007199254740995]},"name":"***"}');
		const shown = await runCli(['state', '-', '--id', 'a1', '--json', '--show-pii'], {stdin: claim, cwd: temp.path});
		expect(shown.stdout).toContain('"fields":{"account":9007199254740993,"nested":{"ids":[1,9007199254740995]},"name":"x"}');
	});
});


describe('integers beyond 2^53 inside a container sent as a string of JSON (a CloudEvent\'s data as text)', () => {
	const temp = useTempDir('pubsub-big-string-container-');
	/** A CloudEvent at second `second` whose `data` is the JSON text `data`. */
	const cloudEvent = (second: number, topic: string, type: string, data: string) => JSON.stringify({topic, value: {specversion: '1.0', type, source: 'shop', id: `e${second}`, time: `2026-12-07T10:00:0${second}Z`, datacontenttype: 'application/json', data}});
	// Order …993 placed and paid (the payment names a customer's email); order …992 placed: two transactions.
	const recording = `${[
		cloudEvent(0, 'orders', 'OrderPlaced', '{"orderId":9007199254740993,"amount":5}'),
		cloudEvent(1, 'payments', 'PaymentCaptured', '{"orderId":9007199254740993,"amount":5,"customerEmail":"jane@example.com"}'),
		cloudEvent(2, 'orders', 'OrderPlaced', '{"orderId":9007199254740992,"amount":5}'),
	].join('\n')}\n`;
	const run = async (...args: string[]) => {
		const result = await runCli(args, {stdin: recording, cwd: temp.path});
		expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(0);
		return result.stdout;
	};

	it('keeps every digit of the ids: metrics, flow analyze, query --group-by and audit query tell the orders apart', async () => {
		const metrics = JSON.parse(await run('metrics', '-', '--json')) as {edges: Record<string, {count: number}>};
		expect(Object.fromEntries(Object.entries(metrics.edges).map(([edge, {count}]) => [edge, count]))).toEqual({'orders->payments': 1});
		const flow = JSON.parse(await run('flow', 'analyze', '-', '--id', '9007199254740993', '--json')) as {events: Array<{type: string}>};
		expect(flow.events.map(event => event.type)).toEqual(['OrderPlaced', 'PaymentCaptured']);
		const query = JSON.parse(await run('query', '-', '--group-by', 'orderId', '--json')) as {groups: Record<string, {count: number}>};
		expect(Object.fromEntries(Object.entries(query.groups).map(([id, {count}]) => [id, count]))).toEqual({'9007199254740993': 2, '9007199254740992': 1});
		const audit = JSON.parse(await run('audit', 'query', '-', '--id', '9007199254740993', '--format', 'json')) as {events: number; chain: Array<{value: {data: string}}>};
		expect(audit.events).toBe(2);
		// Shown as sent when nothing in it is personal (a 16-digit id is no card number there), its digits kept where an email is masked.
		expect(audit.chain.map(step => step.value.data)).toEqual(['{"orderId":9007199254740993,"amount":5}', '{"orderId":9007199254740993,"amount":5,"customerEmail":"j***@example.com"}']);
	}, limit(120_000));
});
