// Filter paths go into arrays: `items.sku:B-7` matches an order any of whose items has that sku, `!items.sku:B-7` one
// none of whose items has it, `tags:urgent` an element of an array of scalars, through arrays of arrays and inside
// containers, integers beyond 2^53 by their digits. Every command that filters agrees: record --filter, query
// --where on a kept store (one thread and two) and check, run as subprocesses.
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli} from '../support/cli.js';
import {limit} from '../support/limits.js';
import {useTempDir} from '../support/temp-dir.js';

const temp = useTempDir('pubsub-filter-arrays-');

/** An order event at second `second` with the value's other members as JSON text. */
const order = (second: number, id: string, members: string) => `{"topic":"orders","timestamp":"2026-12-07T10:00:0${second}.000Z","value":{"type":"OrderPlaced","orderId":"${id}",${members}}}`;

const recording = `${[
	order(1, 'O1', '"items":[{"sku":"A-1","qty":2},{"sku":"B-7","qty":1}],"tags":["urgent","vip"],"txnIds":[1,9007199254740993]'),
	order(2, 'O2', '"items":[{"sku":"C-3","qty":1}],"tags":["vip"],"txnIds":[9007199254740992]'),
	order(3, 'O3', '"grid":[[{"sku":"B-7"}],[]]'),
	order(4, 'O4', '"data":{"items":[{"sku":"D-9","qty":5}],"txnIds":[[9007199254740993]]}'),
].join('\n')}\n`;

/** Each filter and the orders it matches (check tries each; record and query, slower a run, the first four). */
const cases: Array<[string, string[]]> = [
	['items.sku:B-7', ['O1']],
	['!items.sku:B-7', ['O2', 'O3', 'O4']],
	['items.qty>1', ['O1', 'O4']],
	['txnIds>9007199254740992', ['O1', 'O4']],
	['tags:urgent', ['O1']],
	['tags:VIP', ['O1', 'O2']],
	['grid.sku:B-7', ['O3']],
	['items.sku:D-9', ['O4']],
	['txnIds:9007199254740993', ['O1', 'O4']],
	['txnIds<=9007199254740992', ['O1', 'O2']],
];

describe('filter paths into arrays', () => {
	it('record --filter keeps the orders any element of whose array matches', async () => {
		const file = path.join(temp.path, 'orders.jsonl');
		fs.writeFileSync(file, recording);
		for (const [filter, expected] of cases.slice(0, 4)) {
			const result = await runCli(['record', file, '--filter', filter, '-o', '-'], {cwd: temp.path});
			expect(result.code, result.stderr).toBe(0);
			const kept = result.stdout.trim().split('\n').map(line => JSON.parse(line) as {value?: {orderId: string}}).flatMap(line => line.value?.orderId ?? []);
			expect(kept, filter).toEqual(expected);
		}
	}, limit(120_000));

	it('query --where on a kept store counts the same orders on one thread and on two', async () => {
		const file = path.join(temp.path, 'orders.jsonl');
		fs.writeFileSync(file, recording);
		const dataDir = path.join(temp.path, 'kept');
		expect((await runCli(['replay', file, '--speed', 'max', '--headless', '--data-dir', dataDir], {cwd: temp.path})).code).toBe(0);
		for (const [filter, expected] of cases.slice(0, 4)) {
			for (const threads of ['1', '2']) {
				const result = await runCli(['query', '--data-dir', dataDir, '--group-by', 'orderId', '--where', filter, '--threads', threads, '--json'], {cwd: temp.path});
				expect(result.code, result.stderr).toBe(0);
				expect(Object.keys((JSON.parse(result.stdout) as {groups: object}).groups).sort(), `${filter} --threads ${threads}`).toEqual(expected);
			}
		}
	}, limit(180_000));

	it('query --group-by a field inside an array is refused, whether stored bytes, group columns or threads read it', async () => {
		const file = path.join(temp.path, 'orders.jsonl');
		fs.writeFileSync(file, recording);
		const config = path.join(temp.path, 'columns.yaml');
		fs.writeFileSync(config, 'store:\n  columns: [items.sku, tags]\n');
		const columnar = path.join(temp.path, 'columnar');
		expect((await runCli(['replay', file, '--speed', 'max', '--headless', '--data-dir', columnar, '--config', config], {cwd: temp.path})).code).toBe(0);
		for (const [field, events] of [['items.sku', 3], ['tags', 2]] as const) {
			for (const input of [[file], ['--data-dir', columnar]]) {
				for (const threads of ['1', '2']) {
					const result = await runCli(['query', ...input, '--group-by', field, '--threads', threads, '--json'], {cwd: temp.path});
					expect(result.code, `${field} ${input.join(' ')} --threads ${threads}`).toBe(2);
					expect(result.stdout).toBe('');
					expect(result.stderr).toContain(`query: --group-by ${field}: ${events} events hold it inside an array`);
				}
			}
		}
	}, limit(180_000));

	it('check counts the same orders', async () => {
		const file = path.join(temp.path, 'orders.jsonl');
		fs.writeFileSync(file, recording);
		const scenarios = path.join(temp.path, 'arrays.yaml');
		fs.writeFileSync(scenarios, `scenarios:\n${cases.map(([filter, expected]) => `  - name: ${JSON.stringify(filter)}\n    expect:\n      - count: {where: ${JSON.stringify(filter)}, exactly: ${expected.length}}\n`).join('')}`);
		const result = await runCli(['check', scenarios, file, '--json'], {cwd: temp.path});
		expect(result.code, result.stdout).toBe(0);
	}, limit(60_000));
});
