// A CloudEvent (and other envelopes) may carry its `data` as a string holding the event's JSON
// (datacontenttype application/json, sent by a producer that serialized the payload first). Such a container was
// skipped: its ids, event time, status and amounts unread, 30 of 30 such events without an id. A container that is
// a string holding a JSON object is read as that object by every look-up, and recorded as the string it was.
// Run as subprocesses on a recording.
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli} from '../support/cli.js';
import {useTempDir} from '../support/temp-dir.js';

const start = Date.UTC(2026, 10, 20, 9);

/**
 * Ten orders a second apart, each paid 300 ms later (every fifth payment declined, order 7 for 25 000), each a
 * CloudEvent whose `data` is the JSON text of its payload, as a recording's envelope lines; the value texts as written.
 */
function recording(): {text: string; values: string[]} {
	const values: string[] = [];
	const lines: string[] = [];
	for (let i = 0; i < 10; i++) {
		const at = start + (i * 1000);
		const events = [
			{topic: 'orders', at, type: 'order.created', data: {orderId: `ORD-${i}`, aggregateId: `ORD-${i}`, customerId: 'C-1', note: 'café', createdAt: new Date(at).toISOString()}},
			{topic: 'payments', at: at + 300, type: 'payment.processed', data: {orderId: `ORD-${i}`, aggregateId: `ORD-${i}`, status: i % 5 === 0 ? 'declined' : 'ok', customerId: 'C-1', amount: i === 7 ? 25_000 : 12.5, createdAt: new Date(at + 300).toISOString()}},
		];
		for (const [index, {topic, at: sent, type, data}] of events.entries()) {
			const value = JSON.stringify({specversion: '1.0', type, source: '/shop', id: `e${i}-${index}`, datacontenttype: 'application/json', data: JSON.stringify(data)});
			values.push(value);
			lines.push(`{"topic": "${topic}", "value": ${value}, "timestamp": ${sent + 2}, "recordedAt": ${sent + 5}}`);
		}
	}

	return {text: `${lines.join('\n')}\n`, values};
}

type Metrics = {events: number; topics: Record<string, {count: number; errors: number}>; edges: Record<string, {count: number; errors: number; p50: number}>; delivery: {p99: number}};

/** The text of each line's `value` member (the lines `record` writes: a header first). */
function valueTexts(lines: string): string[] {
	return lines.split('\n').filter(line => line.startsWith('{"topic"')).map(line => /"value":(\{.*\}),"/.exec(line)?.[1] ?? line);
}

describe('a CloudEvent whose data is a string holding JSON', () => {
	const {text, values} = recording();
	const temp = useTempDir('cloudevent-string-data-');

	it('gives ids, hops, event times, errors and alerts from inside data', async () => {
		const metrics = await runCli(['metrics', '-', '--json'], {stdin: text});
		expect(metrics.code, metrics.stderr).toBe(0);
		const figures = JSON.parse(metrics.stdout) as Metrics;
		expect(figures).toMatchObject({events: 20, topics: {orders: {count: 10, errors: 0}, payments: {count: 10, errors: 2}}});
		expect(figures.edges).toEqual({'orders->payments': expect.objectContaining({count: 10, errors: 2, p50: 300}) as unknown});
		// Delivery from data's own time: 5 ms; from the broker's (2 ms before arrival) it would be 3.
		expect(figures.delivery.p99).toBe(5);

		const alerts = await runCli(['alerts', '-', '--json'], {stdin: text});
		expect(alerts.code, alerts.stderr).toBe(0);
		const fired = alerts.stdout.trim().split('\n').map(line => JSON.parse(line) as {rule: string; key: string; value: number});
		expect(fired).toEqual(expect.arrayContaining([
			expect.objectContaining({rule: 'fraud.amount', key: 'ORD-7', value: 25_000}),
			expect.objectContaining({rule: 'fraud.velocity', key: 'C-1'}),
		]));

		const flow = await runCli(['flow', 'analyze', '--id', 'ORD-7', '-', '--json'], {stdin: text});
		expect(flow.code, flow.stderr).toBe(0);
		expect((JSON.parse(flow.stdout) as {events: Array<{type: string}>}).events.map(event => event.type)).toEqual(['order.created', 'payment.processed']);
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
