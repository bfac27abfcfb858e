// A producer that encodes its event twice (JSON.stringify of a JSON string; a connector's string converter) sends
// a JSON string holding the event's JSON. Such a value was read as a string: every event of its topic's type, no
// ids, no event time, no errors, no hops and no alerts, in silence. It is read as the JSON it holds, and recorded
// as the string it was. Run as subprocesses on recordings and kcat dumps on standard input.
import {describe, expect, it} from 'vitest';
import {runCli} from '../support/cli.js';
import {expectPaidOrderFigures, ordersStart, paidOrderEvents, paidOrdersRecording} from '../support/paid-orders.js';


/** The JSON string of an event's JSON, non-ASCII escaped as Python's json.dumps writes it (JSON.stringify would not). */
function encodedTwice(event: unknown): string {
	return JSON.stringify(JSON.stringify(event)).replace(/[\u0080-\uffff]/g, char => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The paid orders (paid-orders.ts), every value a JSON string of the event's JSON; the value texts as the lines write them. */
function recording(): {text: string; values: string[]} {
	const events = paidOrderEvents(({step}) => ({eventType: step === 0 ? 'OrderCreated' : 'PaymentProcessed'}));
	return paidOrdersRecording(events, event => encodedTwice(event.payload));
}

/** The text of each line's `value` member (the lines `record` writes: a header first). */
function valueTexts(lines: string): string[] {
	return lines.split('\n').filter(line => line.startsWith('{"topic"')).map(line => /"value":("(?:[^"\\]|\\.)*")/.exec(line)![1]!);
}

describe('a JSON string holding JSON (a value encoded twice)', () => {
	it('is read as that JSON: types, ids, event times, errors, hops and alerts', async () => {
		const {text} = recording();
		await expectPaidOrderFigures(text, ['OrderCreated', 'PaymentProcessed']);

		// The store's group-by reads such values from the decoded event, not from the string's bytes.
		const grouped = await runCli(['query', '-', '--group-by', 'orderId', '--sum', 'amount', '--where', 'topic:payments', '--json'], {stdin: text});
		expect(grouped.code, grouped.stderr).toBe(0);
		const groups = (JSON.parse(grouped.stdout) as {withoutField: number; groups: Record<string, {count: number; sum: number}>});
		expect(groups.withoutField).toBe(0);
		expect(groups.groups['ORD-7']).toMatchObject({count: 1, sum: 25_000});
	});

	it('is recorded as the string it was, byte for byte, and says so where values are shown', async () => {
		const {text, values} = recording();
		const first = await runCli(['record', '-', '-o', '-'], {stdin: text});
		expect(first.code, first.stderr).toBe(0);
		expect(valueTexts(first.stdout)).toEqual(values);
		expect(first.stdout).not.toContain('valueEncoding');
		const second = await runCli(['record', '-', '-o', '-'], {stdin: first.stdout});
		expect(valueTexts(second.stdout)).toEqual(values);

		const audit = await runCli(['audit', 'query', '--id', 'ORD-3', '-', '--format', 'json', '--show-pii'], {stdin: text});
		expect(audit.code, audit.stderr).toBe(0);
		const chain = (JSON.parse(audit.stdout) as {chain: Array<{value: unknown; valueEncoding?: string}>}).chain;
		expect(chain[0]).toMatchObject({valueEncoding: 'json-string', value: {orderId: 'ORD-3', eventType: 'OrderCreated', note: 'café'}});
	});

	it('keeps the digits of a 64-bit id inside the string', async () => {
		const line = `{"topic": "orders", "value": "{\\"orderId\\": 9007199254740993, \\"eventType\\": \\"OrderCreated\\"}", "timestamp": ${ordersStart}}\n`;
		const audit = await runCli(['audit', 'query', '--id', '9007199254740993', '-', '--format', 'json'], {stdin: line});
		expect(audit.code, audit.stderr).toBe(0);
		expect(audit.stdout).toContain('"orderId": 9007199254740993');
		const other = await runCli(['audit', 'query', '--id', '9007199254740992', '-', '--format', 'json'], {stdin: line});
		expect(other.code).not.toBe(0);
	});

	it('gives its own time to --from when the line carries no other', async () => {
		const lines = [0, 1, 2, 3].map(i => `{"topic": "orders", "value": ${encodedTwice({orderId: `O-${i}`, createdAt: new Date(ordersStart + (i * 60_000)).toISOString()})}}`);
		const recorded = await runCli(['record', '-', '-o', '-', '--from', new Date(ordersStart + 120_000).toISOString()], {stdin: `${lines.join('\n')}\n`});
		expect(recorded.code, recorded.stderr).toBe(0);
		expect(valueTexts(recorded.stdout)).toEqual(lines.slice(2).map(line => /"value": (".*")\}$/.exec(line)![1]));
	});

	it('reads a kcat dump of such messages the same way', async () => {
		const payload = JSON.stringify(JSON.stringify({orderId: 'O-1', eventType: 'PaymentFailed', timestamp: ordersStart}));
		const line = `${JSON.stringify({topic: 'payments', partition: 0, offset: 4, tstype: 'create', ts: ordersStart + 40, broker: 1, key: 'O-1', payload})}\n`;
		const metrics = await runCli(['metrics', '-', '--json'], {stdin: line});
		expect(metrics.code, metrics.stderr).toBe(0);
		expect(JSON.parse(metrics.stdout)).toMatchObject({events: 1, topics: {payments: {count: 1, errors: 1}}});
	});

	it('leaves other strings as they are: text, a JSON scalar, JSON that does not parse', async () => {
		const lines = ['"hello"', '"{not json"', '"[1, 2"', '"42"'].map((value, index) => `{"topic": "notes", "value": ${value}, "timestamp": ${ordersStart + index}}`);
		const recorded = await runCli(['record', '-', '-o', '-'], {stdin: `${lines.join('\n')}\n`});
		expect(recorded.code, recorded.stderr).toBe(0);
		expect(valueTexts(recorded.stdout)).toEqual(['"hello"', '"{not json"', '"[1, 2"', '"42"']);
		const metrics = await runCli(['metrics', '-', '--json'], {stdin: `${lines.join('\n')}\n`});
		expect(JSON.parse(metrics.stdout)).toMatchObject({events: 4, topics: {notes: {count: 4, errors: 0}}});
	});
});
