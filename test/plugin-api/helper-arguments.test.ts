// A plugin written in plain JavaScript passes the plugin API's helpers what it guesses, unchecked by any compiler: a
// number where a text goes is said by the helper's name, its argument and what it was given, not as
// `text.includes is not a function` from deep inside, nor answered quietly with a wrong value.
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli} from '../support/cli.js';
import {useTempDir} from '../support/temp-dir.js';

const root = path.resolve(import.meta.dirname, '../..');
const temp = useTempDir('pubsub-helper-arguments-');

/** Run a `.mjs` plugin's command that makes each call in `calls` (JavaScript on the API as `api`) and prints their results and errors as one JSON array. */
async function call(calls: string[]) {
	fs.mkdirSync(path.join(temp.path, 'node_modules'), {recursive: true});
	if (!fs.existsSync(path.join(temp.path, 'node_modules/pubsub-tools'))) fs.symlinkSync(root, path.join(temp.path, 'node_modules/pubsub-tools'), 'dir');
	const file = path.join(temp.path, 'guess.mjs');
	fs.writeFileSync(file, [
		`import * as api from 'pubsub-tools/plugin-api';`,
		`const calls = [${calls.map(text => `() => ${text}`).join(', ')}];`,
		`export default {name: 'guess', apiVersion: 1, setup(context) {`,
		`	context.registerCommand({name: 'guess', summary: 'calls', help: '', async run(args, flags, host) {`,
		`		const answers = calls.map(made => { try { return {result: made()}; } catch (error) { return {error: error.constructor.name + ': ' + error.message}; } });
		host.print(JSON.stringify(answers));`,
		`		return 0;`,
		`	}});`,
		`}};`,
	].join('\n'));
	const result = await runCli(['guess', '--plugin', file], {cwd: temp.path});
	expect(result.stderr).toBe('');
	return JSON.parse(result.stdout) as Array<{result?: unknown; error?: string}>;
}

describe('the plugin API helpers given what a plain-JavaScript plugin guesses', () => {
	it('name the helper, the argument and what it was given', async () => {
		const answers = await call([
			'api.sanitize(42)',
			'api.truncate(undefined, 10)',
			'api.fit("total", "10")',
			'api.fit("total", 10, "centre")',
			'api.wrap("a note", 10)',
			'api.displayWidth(7)',
			'api.formatDuration(null)',
			'api.formatMs("12")',
			'api.parseDuration(5, "window")',
			'api.maskInText({note: "x"})',
			'api.findPath({orderId: "ORD-1"}, undefined, "orderId", [])',
			'api.distinctCut("orders", 4)',
			'api.outageLines(undefined, "metrics")',
			'api.personalDataMask(undefined)',
			'api.correlationNotes({events: 1, withoutId: 0, candidates: []}, 3)',
		]);
		expect(answers.map(answer => answer.error)).toEqual([
			'TypeError: sanitize(text): text is number (42), not a string',
			'TypeError: truncate(text, width): text is undefined, not a string',
			'TypeError: fit(text, width, align, keep): width is string ("10"), not a number',
			`TypeError: fit(text, width, align, keep): align is string ("centre"), not 'left', 'right' or undefined`,
			'TypeError: wrap(text, width, lines): lines is undefined, not a number',
			'TypeError: displayWidth(text): text is number (7), not a string',
			'TypeError: formatDuration(ms): ms is null, not a number',
			'TypeError: formatMs(ms): ms is string ("12"), not a number or undefined',
			'TypeError: parseDuration(text, flag): text is number (5), not a string',
			'TypeError: maskInText(text): text is object, not a string',
			'TypeError: findPath(value, headers, path, containers): path is string ("orderId"), not an array',
			'TypeError: distinctCut(names, width, keep): names is string ("orders"), not an array or other iterable of texts',
			'TypeError: outageLines(outages, listedBy): outages is undefined, not an array',
			'TypeError: personalDataMask(fields): fields is undefined, not an object',
			'TypeError: correlationNotes(correlation, formatCount): formatCount is number (3), not a function',
		]);
	});

	it('answer as before when given what they take', async () => {
		const answers = await call([
			'api.sanitize("a\\u001b[31mred")',
			'api.fit("total", 8, "right")',
			'api.formatMs(undefined)',
			'api.formatCount(44171)',
			'api.formatDuration(185000)',
			'api.parseDuration("250ms", "window")',
			'api.findPath({data: {orderId: "ORD-1"}}, undefined, ["orderId"], ["data"])',
			'api.distinctCut(["orders.created", "orders.paid"], 20)("orders.paid")',
			'api.counted(3, "alert")',
			'api.moreMayCome([{state: "finished"}])',
		]);
		expect(answers).toEqual([
			{result: 'a\\e[31mred'},
			{result: '   total'},
			{result: '-'},
			{result: '44,171'},
			{result: '3m 05s'},
			{result: 250},
			{result: 'ORD-1'},
			{result: 'orders.paid'},
			{result: '3 alerts'},
			{result: false},
		]);
	});
});
