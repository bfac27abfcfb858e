// A producer that encodes its event twice (JSON.stringify of a JSON string; a connector's string converter) sends
// a JSON string holding the event's JSON. Such a value was read as a string: every event of its topic's type, no
// ids, no event time, no errors, no hops and no alerts, in silence. It is read as the JSON it holds, and recorded
// as the string it was. Run as subprocesses on recordings and kcat dumps on standard input.
import {describe, expect, it} from 'vitest';
import {runCli} from '../support/cli.js';

const start = Date.UTC(2026, 10, 20, 9);

/** The JSON string of an event's JSON, non-ASCII escaped as Python's json.dumps writes it (JSON.stringify would not). */
function encodedTwice(event: unknown): string {
	return JSON.stringify(JSON.stringify(event)).replace(/[\u0080-\uffff]/g, char => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Ten orders a second apart, each paid 300 ms later (every fifth payment declined, order 7 for 25 000), every value
 * a JSON string of the event's JSON, as a recording's envelope lines; the value texts as the lines write them.
 */
function recording(): {text: string; values: string[]} {
	const values: string[] = [];
	const lines: string[] = [];
	for (let i = 0; i < 10; i++) {
		const at = start + (i * 1000);
		const events = [
			{topic: 'orders', at, event: {orderId: `O-${i}`, eventType: 'OrderCreated', customerId: 'C-1', note: 'café', createdAt: new Date(at).toISOString()}},
			{topic: 'payments', at: at + 300, event: {orderId: `O-${i}`, eventType: 'PaymentProcessed', status: i % 5 === 0 ? 'declined' : 'ok', customerId: 'C-1', amount: i === 7 ? 25_000 : 20, createdAt: new Date(at + 300).toISOString()}},
		];
		for (const {topic, at: sent, event} of events) {
			const value = encodedTwice(event);
			values.push(value);
			lines.push(`{"topic": "${topic}", "value": ${value}, "timestamp": ${sent + 2}, "recordedAt": ${sent + 5}}`);
		}
	}

	return {text: `${lines.join('\n')}\n`, values};
}

type Metrics = {events: number; topics: Record<string, {count: number; errors: number}>; edges: Record<string, {count: number; errors: number; p50: number}>; delivery: {p99: number}};

/** The text of each line's `value` member (the lines `record` writes: a header first). */
function valueTexts(lines: string): string[] {
	return lines.split('\n').filter(line => line.startsWith('{"topic"')).map(line => /"value":("(?:[^"\\]|\\.)*")/.exec(line)![1]!);
}

describe('a JSON string holding JSON (a value encoded twice)', () => {
	it('is read as that JSON: types, ids, event times, errors, hops and alerts', async () => {
		const {text} = recording();
		const metrics = await runCli(['metrics', '-', '--json'], {stdin: text});
		expect(metrics.code, metrics.stderr).toBe(0);
		const figures = JSON.parse(metrics.stdout) as Metrics;
		expect(figures).toMatchObject({events: 20, topics: {orders: {count: 10, errors: 0}, payments: {count: 10, errors: 2}}});
		expect(figures.edges).toEqual({'orders->payments': expect.objectContaining({count: 10, errors: 2, p50: 300}) as unknown});
		// Delivery from the payload's own time: 5 ms; from the broker's (2 ms before arrival) it was 3.
		expect(figures.delivery.p99).toBe(5);

		const alerts = await runCli(['alerts', '-', '--json'], {stdin: text});
		expect(alerts.code, alerts.stderr).toBe(0);
		const fired = alerts.stdout.trim().split('\n').map(line => JSON.parse(line) as {rule: string; key: string; value: number});
		expect(fired).toEqual(expect.arrayContaining([
			expect.objectContaining({rule: 'fraud.amount', key: 'O-7', value: 25_000}),
			expect.objectContaining({rule: 'fraud.velocity', key: 'C-1'}),
		]));

		const flow = await runCli(['flow', 'analyze', '--id', 'O-7', '-', '--json'], {stdin: text});
		expect(flow.code, flow.stderr).toBe(0);
		expect((JSON.parse(flow.stdout) as {events: Array<{type: string}>}).events.map(event => event.type)).toEqual(['OrderCreated', 'PaymentProcessed']);

		// The store's group-by reads such values from the decoded event, not from the string's bytes.
		const grouped = await runCli(['query', '-', '--group-by', 'orderId', '--sum', 'amount', '--where', 'topic:payments', '--json'], {stdin: text});
		expect(grouped.code, grouped.stderr).toBe(0);
		const groups = (JSON.parse(grouped.stdout) as {withoutField: number; groups: Record<string, {count: number; sum: number}>});
		expect(groups.withoutField).toBe(0);
		expect(groups.groups['O-7']).toMatchObject({count: 1, sum: 25_000});
	});

	it('is recorded as the string it was, byte for byte, and says so where values are shown', async () => {
		const {text, values} = recording();
		const first = await runCli(['record', '-', '-o', '-'], {stdin: text});
		expect(first.code, first.stderr).toBe(0);
		expect(valueTexts(first.stdout)).toEqual(values);
		expect(first.stdout).not.toContain('valueEncoding');
		const second = await runCli(['record', '-', '-o', '-'], {stdin: first.stdout});
		expect(valueTexts(second.stdout)).toEqual(values);

		const audit = await runCli(['audit', 'query', '--id', 'O-3', '-', '--format', 'json', '--show-pii'], {stdin: text});
		expect(audit.code, audit.stderr).toBe(0);
		const chain = (JSON.parse(audit.stdout) as {chain: Array<{value: unknown; valueEncoding?: string}>}).chain;
		expect(chain[0]).toMatchObject({valueEncoding: 'json-string', value: {orderId: 'O-3', eventType: 'OrderCreated', note: 'café'}});
	});

	it('keeps the digits of a 64-bit id inside the string', async () => {
		const line = `{"topic": "orders", "value": "{\\"orderId\\": 9007199254740993, \\"eventType\\": \\"OrderCreated\\"}", "timestamp": ${start}}\n`;
		const audit = await runCli(['audit', 'query', '--id', '9007199254740993', '-', '--format', 'json'], {stdin: line});
		expect(audit.code, audit.stderr).toBe(0);
		expect(audit.stdout).toContain('"orderId": 9007199254740993');
		const other = await runCli(['audit', 'query', '--id', '9007199254740992', '-', '--format', 'json'], {stdin: line});
		expect(other.code).not.toBe(0);
	});

	it('gives its own time to --from when the line carries no other', async () => {
		const lines = [0, 1, 2, 3].map(i => `{"topic": "orders", "value": ${encodedTwice({orderId: `O-${i}`, createdAt: new Date(start + (i * 60_000)).toISOString()})}}`);
		const recorded = await runCli(['record', '-', '-o', '-', '--from', new Date(start + 120_000).toISOString()], {stdin: `${lines.join('\n')}\n`});
		expect(recorded.code, recorded.stderr).toBe(0);
		expect(valueTexts(recorded.stdout)).toEqual(lines.slice(2).map(line => /"value": (".*")\}$/.exec(line)![1]));
	});

	it('reads a kcat dump of such messages the same way', async () => {
		const payload = JSON.stringify(JSON.stringify({orderId: 'O-1', eventType: 'PaymentFailed', timestamp: start}));
		const line = `${JSON.stringify({topic: 'payments', partition: 0, offset: 4, tstype: 'create', ts: start + 40, broker: 1, key: 'O-1', payload})}\n`;
		const metrics = await runCli(['metrics', '-', '--json'], {stdin: line});
		expect(metrics.code, metrics.stderr).toBe(0);
		expect(JSON.parse(metrics.stdout)).toMatchObject({events: 1, topics: {payments: {count: 1, errors: 1}}});
	});

	it('leaves other strings as they are: text, a JSON scalar, JSON that does not parse', async () => {
		const lines = ['"hello"', '"{not json"', '"[1, 2"', '"42"'].map((value, index) => `{"topic": "notes", "value": ${value}, "timestamp": ${start + index}}`);
		const recorded = await runCli(['record', '-', '-o', '-'], {stdin: `${lines.join('\n')}\n`});
		expect(recorded.code, recorded.stderr).toBe(0);
		expect(valueTexts(recorded.stdout)).toEqual(['"hello"', '"{not json"', '"[1, 2"', '"42"']);
		const metrics = await runCli(['metrics', '-', '--json'], {stdin: `${lines.join('\n')}\n`});
		expect(JSON.parse(metrics.stdout)).toMatchObject({events: 4, topics: {notes: {count: 4, errors: 0}}});
	});
});
