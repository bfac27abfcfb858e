// `check --junit` shows the control characters of names and evidence escaped, as the terminal does, as a subprocess:
// before, it dropped them, so `ORD-\u0000nul` read `ORD-nul` and an ESC left `[31m`: two ids read alike in a CI report.
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli} from '../support/cli.js';
import {useTempDir} from '../support/temp-dir.js';
import {limit} from '../support/limits.js';

const temp = useTempDir('pubsub-junit-controls-');

/** Ids that read alike once their control characters are dropped, each beside its look-alike, and one with a noncharacter (evidence names five). */
const ids = ['ORD-\u0000nul', 'ORD-nul', 'ORD-\u001B[31m', 'ORD-[31m', 'ORD-\uFFFFend'];

/** Characters XML 1.0 cannot hold, even as entities. */
const notXml = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

describe('check --junit on ids and names with control characters', () => {
	it('escapes them visibly (\\u0000, \\e, \\uffff) and stays valid XML', async () => {
		const start = Date.parse('2026-12-07T05:00:00.000Z');
		const lines = [{$recording: {version: 1, source: 'kafka://127.0.0.1:9092'}}, ...ids.map((orderId, index) => ({topic: 'orders', value: {orderId, type: 'OrderCreated'}, timestamp: new Date(start + (index * 1000)).toISOString()}))];
		const recording = path.join(temp.path, 'controls.jsonl');
		fs.writeFileSync(recording, `${lines.map(line => JSON.stringify(line)).join('\n')}\n`);
		const scenarios = path.join(temp.path, 'controls.yaml');
		fs.writeFileSync(scenarios, 'scenarios:\n  - name: "no orders \\e[31mred"\n    expect:\n      - never: "type:OrderCreated"\n');
		const junit = path.join(temp.path, 'controls.xml');
		const result = await runCli(['check', scenarios, recording, '--junit', junit], {cwd: temp.path});
		expect(result.code, result.stderr).toBe(1);
		const xml = fs.readFileSync(junit, 'utf8');
		expect(xml).not.toMatch(notXml);
		expect(xml).toContain('<testcase classname="no orders \\e[31mred" name="never type:OrderCreated" time="0">');
		// Each id starts a line of evidence, escaped as the terminal report shows it; the look-alikes stay apart.
		const shown = ['ORD-\\u0000nul', 'ORD-nul', 'ORD-\\e[31m', 'ORD-[31m', 'ORD-\\uffffend'];
		const starts = xml.split('\n').map(line => line.split(':')[0]);
		for (const id of shown) expect(starts, id).toContain(id);
		for (const id of shown.slice(0, 4)) expect(result.stdout, id).toContain(`${id}: OrderCreated`);
	}, limit(60_000));
});
