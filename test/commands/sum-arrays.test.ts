// `query --sum items.qty` on orders whose items are an array: each order adds the sum of its elements' numbers (qty 2
// and 3 add 5, as `jq '[.items[].qty] | add'`), arrays within arrays and containers too, numeric strings as a plain
// --sum reads them; the JSON and the text say how many events were summed so. The same answers from a recording's
// temporary store, a kept store with and without group columns for the field, on one thread and two. A field sent
// as a header more than once (sum its values, or one of them?) is refused, exit 2. CLI subprocesses.
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli} from '../support/cli.js';
import {limit} from '../support/limits.js';
import {useTempDir} from '../support/temp-dir.js';

const temp = useTempDir('pubsub-sum-arrays-');

/** An order of `customer` at second `second`, with the value's other members as JSON text (and the line's own, after). */
const order = (second: number, id: string, customer: string, members: string, line = '') => `{"topic":"orders","timestamp":"2026-12-07T10:00:0${second}.000Z","value":{"type":"OrderPlaced","orderId":"${id}","customerId":"${customer}",${members}}${line}}`;

const recording = `${[
	order(1, 'O1', 'C-1', '"items":[{"sku":"A-1","qty":2},{"sku":"B-7","qty":3}]'),
	order(2, 'O2', 'C-1', '"items":[{"sku":"A-1","qty":1},{"sku":"C-3","qty":"4"},{"sku":"D-1"}]'),
	order(3, 'O3', 'C-2', '"items":[{"sku":"E-5","qty":7},{"sku":"F-6","qty":"many"}]'),
	order(4, 'O4', 'C-2', '"data":{"items":[{"sku":"G-2","qty":1.5}]}'),
	order(5, 'O5', 'C-3', '"items":[]'),
	order(6, 'O6', 'C-3', '"items":[[{"qty":2}],[{"qty":2},{"qty":0.25}]]'),
	order(7, 'O7', 'C-4', '"qty":6'),
].join('\n')}\n`;

/** What each customer's orders add (O5's empty items add nothing, nor O7's qty outside items), and how many orders held items.qty inside an array. */
const expectedSums = {'C-1': 10, 'C-2': 8.5, 'C-3': 4.25, 'C-4': 0};
const summedInArrays = 5;

type QueryJson = {sum: string; sumInArrays?: number; groups: Record<string, {count: number; sum?: number}>};

describe('query --sum of a field inside an array', () => {
	it('adds every element\'s number, from the stored JSON and from group columns, on one thread and two', async () => {
		const file = path.join(temp.path, 'orders.jsonl');
		fs.writeFileSync(file, recording);
		const config = path.join(temp.path, 'columns.yaml');
		fs.writeFileSync(config, 'store:\n  columns: [customerId, items.qty]\n');
		const columnar = path.join(temp.path, 'columnar');
		const plain = path.join(temp.path, 'plain');
		expect((await runCli(['replay', file, '--speed', 'max', '--headless', '--data-dir', columnar, '--config', config], {cwd: temp.path})).code).toBe(0);
		expect((await runCli(['replay', file, '--speed', 'max', '--headless', '--data-dir', plain], {cwd: temp.path})).code).toBe(0);
		for (const input of [[file], ['--data-dir', columnar, '--config', config], ['--data-dir', plain]]) {
			for (const threads of ['1', '2']) {
				const what = `${input.join(' ')} --threads ${threads}`;
				const result = await runCli(['query', ...input, '--group-by', 'customerId', '--sum', 'items.qty', '--threads', threads, '--json'], {cwd: temp.path});
				expect(result.code, `${what}: ${result.stderr}`).toBe(0);
				const json = JSON.parse(result.stdout) as QueryJson;
				expect(Object.fromEntries(Object.entries(json.groups).map(([customer, group]) => [customer, group.sum])), what).toEqual(expectedSums);
				expect(json.sumInArrays, what).toBe(summedInArrays);
			}
		}

		const text = await runCli(['query', '--data-dir', columnar, '--config', config, '--group-by', 'customerId', '--sum', 'items.qty'], {cwd: temp.path});
		expect(text.code, text.stderr).toBe(0);
		expect(text.stdout).toContain(`items.qty inside an array in ${summedInArrays} events: each element's number added`);
		expect(text.stdout).toMatch(/C-1 +2 +10 /);
	}, limit(240_000));

	it('refuses a field sent as a header more than once, whether group columns or the stored JSON read it', async () => {
		const file = path.join(temp.path, 'headers.jsonl');
		fs.writeFileSync(file, `${[
			order(1, 'O1', 'C-1', '"note":"one header"', ',"headers":{"qty":"2"}'),
			order(2, 'O2', 'C-1', '"note":"the header twice"', ',"headers":{"qty":["2","3"]}'),
		].join('\n')}\n`);
		const config = path.join(temp.path, 'qty.yaml');
		fs.writeFileSync(config, 'store:\n  columns: [qty]\n');
		const columnar = path.join(temp.path, 'headers-columnar');
		expect((await runCli(['replay', file, '--speed', 'max', '--headless', '--data-dir', columnar, '--config', config], {cwd: temp.path})).code).toBe(0);
		for (const input of [[file], ['--data-dir', columnar, '--config', config]]) {
			const result = await runCli(['query', ...input, '--group-by', 'customerId', '--sum', 'qty', '--json'], {cwd: temp.path});
			expect(result.code, input.join(' ')).toBe(2);
			expect(result.stdout).toBe('');
			expect(result.stderr).toContain('query: --sum qty: 1 event holds it as a header sent more than once');
		}
	}, limit(120_000));
});
