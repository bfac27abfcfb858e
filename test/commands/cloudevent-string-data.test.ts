// A CloudEvent (and other envelopes) may carry its `data` as a string holding the event's JSON
// (datacontenttype application/json, sent by a producer that serialized the payload first). Such a container was
// skipped: its ids, event time, status and amounts unread, 30 of 30 such events without an id. A container that is
// a string holding a JSON object is read as that object by every look-up, and recorded as the string it was.
// Run as subprocesses on a recording.
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli} from '../support/cli.js';
import {expectPaidOrderFigures, paidOrderEvents, paidOrdersRecording} from '../support/paid-orders.js';
import {useTempDir} from '../support/temp-dir.js';

/** The paid orders (paid-orders.ts), each a CloudEvent whose `data` is the JSON text of its payload; the value texts as written. */
function recording(): {text: string; values: string[]} {
	const events = paidOrderEvents(({order}) => ({aggregateId: `ORD-${order}`}));
	return paidOrdersRecording(events, ({order, step, payload}) => JSON.stringify({
		specversion: '1.0', type: step === 0 ? 'order.created' : 'payment.processed', source: '/shop', id: `e${order}-${step}`, datacontenttype: 'application/json', data: JSON.stringify(payload),
	}));
}

/** The text of each line's `value` member (the lines `record` writes: a header first). */
function valueTexts(lines: string): string[] {
	return lines.split('\n').filter(line => line.startsWith('{"topic"')).map(line => /"value":(\{.*\}),"/.exec(line)?.[1] ?? line);
}

describe('a CloudEvent whose data is a string holding JSON', () => {
	const {text, values} = recording();
	const temp = useTempDir('cloudevent-string-data-');

	it('gives ids, hops, event times, errors and alerts from inside data', async () => {
		await expectPaidOrderFigures(text, ['order.created', 'payment.processed']);
	});

	it.each(['1', '2'])('filters and groups by a field inside data (--threads %s)', async threads => {
		const grouped = await runCli(['query', '-', '--group-by', 'orderId', '--sum', 'amount', '--where', 'status:declined', '--threads', threads, '--json'], {stdin: text});
		expect(grouped.code, grouped.stderr).toBe(0);
		const groups = (JSON.parse(grouped.stdout) as {matched: number; withoutField: number; groups: Record<string, {count: number; sum: number}>});
		expect(groups).toMatchObject({matched: 2, withoutField: 0});
		expect(Object.keys(groups.groups).sort()).toEqual(['ORD-0', 'ORD-5']);
		expect(groups.groups['ORD-5']).toMatchObject({count: 1, sum: 12.5});
		const all = await runCli(['query', '-', '--group-by', 'customerId', '--sum', 'amount', '--threads', threads, '--json'], {stdin: text});
		expect(JSON.parse(all.stdout)).toMatchObject({matched: 20, withoutField: 0, groups: {'C-1': {count: 20, sum: 25_000 + (9 * 12.5)}}});
	});

	it('groups by a field inside data from group columns (store.columns)', async () => {
		const config = path.join(temp.path, 'columns.yaml');
		fs.writeFileSync(config, 'store:\n  columns: [customerId, amount]\n');
		const grouped = await runCli(['query', '-', '--config', config, '--group-by', 'customerId', '--sum', 'amount', '--json'], {stdin: text});
		expect(grouped.code, grouped.stderr).toBe(0);
		expect(JSON.parse(grouped.stdout)).toMatchObject({matched: 20, withoutField: 0, groups: {'C-1': {count: 20, sum: 25_000 + (9 * 12.5)}}});
	});

	it('gives state its aggregates from inside data', async () => {
		const state = await runCli(['state', '-', '--json'], {stdin: text});
		expect(state.code, state.stderr).toBe(0);
		const summary = JSON.parse(state.stdout) as {aggregates: Record<string, unknown>};
		expect(Object.keys(summary.aggregates).sort()).toEqual(Array.from({length: 10}, (_, i) => `ORD-${i}`));
	});

	it('is recorded as it was, byte for byte', async () => {
		const first = await runCli(['record', '-', '-o', '-'], {stdin: text});
		expect(first.code, first.stderr).toBe(0);
		expect(valueTexts(first.stdout)).toEqual(values);
		const second = await runCli(['record', '-', '-o', '-'], {stdin: first.stdout});
		expect(valueTexts(second.stdout)).toEqual(values);
	});
});
