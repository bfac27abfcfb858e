// Scenario results as a JUnit XML report, the format CI systems read: a test case per expectation.
import {escaped, sanitize, sanitizeMultiline} from '../sanitize.js';
import type {ScenarioResult} from './watch.js';

/**
 * Text made safe for XML 1.0 and readable in a CI log: control characters shown as the terminal shows them (`\e`,
 * `\u0000`: dropped, two ids read alike), the noncharacters sanitize leaves (U+FFFE, U+FFFF) escaped too, as XML
 * cannot hold them, and markup escaped. `lines` keeps line breaks (a failure's body).
 */
function xml(text: string, lines = false): string {
	return (lines ? sanitizeMultiline(text) : sanitize(text))
		.replace(/[\uFFFE\uFFFF]/g, escaped)
		.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

type Case = {classname: string; name: string; failure?: {message: string; body: string}; skipped?: string};

/** The test cases of one scenario: its problems (when any), then one per expectation. */
function casesOf(result: ScenarioResult): Case[] {
	const classname = result.scenario.name;
	if (result.skipped !== undefined) return [{classname, name: classname, skipped: result.skipped}];
	const cases: Case[] = [];
	const [firstProblem] = result.problems;
	if (firstProblem !== undefined) cases.push({classname, name: `${classname}: scope`, failure: {message: firstProblem, body: result.problems.join('\n')}});
	for (const {expectation, passed, evidence} of result.results) {
		cases.push({classname, name: expectation.label, failure: passed ? undefined : {message: evidence[0] ?? 'failed', body: [`at ${expectation.at}`, ...evidence].join('\n')}});
	}

	return cases;
}

/** The JUnit XML document for one scenario file's results. */
export function junitReport(file: string, results: ScenarioResult[], seconds: number): string {
	const cases = results.flatMap(result => casesOf(result));
	const failures = cases.filter(item => item.failure).length;
	const skipped = cases.filter(item => item.skipped !== undefined).length;
	const counts = `tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}" time="${seconds.toFixed(3)}"`;
	const lines = [
		'<?xml version="1.0" encoding="UTF-8"?>',
		`<testsuites name="pubsub-tools check" ${counts}>`,
		`  <testsuite name="${xml(file)}" ${counts}>`,
		...cases.map(item => {
			const open = `    <testcase classname="${xml(item.classname)}" name="${xml(item.name)}" time="0"`;
			if (item.failure) return `${open}>\n      <failure message="${xml(item.failure.message)}">${xml(item.failure.body, true)}</failure>\n    </testcase>`;
			if (item.skipped !== undefined) return `${open}>\n      <skipped message="${xml(item.skipped)}"/>\n    </testcase>`;
			return `${open}/>`;
		}),
		'  </testsuite>',
		'</testsuites>',
	];
	return `${lines.join('\n')}\n`;
}
