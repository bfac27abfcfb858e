// The readable report of `check` and its JSON form: each scenario, each failed expectation with its evidence.
import type {ScenarioResult} from '../../core/check/watch.js';
import {sanitize} from '../../core/sanitize.js';
import {counted, formatCount} from '../../core/units/format.js';

/**
 * Scenario results as lines for people; every message-derived string is sanitized here. `piiMasked`: the evidence
 * had personal data masked, said under a failed run's report with how to see it.
 */
export function formatCheckReport(results: ScenarioResult[], piiMasked: boolean): string {
	const lines: string[] = [];
	for (const result of results) {
		const {scenario} = result;
		if (result.skipped !== undefined) {
			lines.push(`- ${sanitize(scenario.name)}: skipped (${sanitize(result.skipped)})`);
			continue;
		}

		lines.push(`${result.passed ? '✓' : '✗'} ${sanitize(scenario.name)}  (${counted(result.transactions, 'transaction')})`);
		for (const problem of result.problems) lines.push(`    ✗ ${sanitize(problem)}`);
		for (const {expectation, passed, evidence} of result.results) {
			lines.push(`    ${passed ? '✓' : '✗'} ${sanitize(expectation.label)}: ${sanitize(evidence[0] ?? '')}${passed ? '' : `  (${sanitize(expectation.at)})`}`);
			if (!passed) for (const line of evidence.slice(1)) lines.push(`        ${sanitize(line)}`);
		}
	}

	const ran = results.filter(result => result.skipped === undefined);
	const failed = ran.filter(result => !result.passed).length;
	lines.push(`${counted(results.length, 'scenario')}: ${formatCount(ran.length - failed)} passed, ${formatCount(failed)} failed, ${formatCount(results.length - ran.length)} skipped`);
	if (failed > 0 && piiMasked) lines.push('Personal data in the evidence is masked; --show-pii shows it.');
	return lines.join('\n');
}

/** Scenario results as the `check --json` object (docs/headless-json.md). */
export function checkJson(file: string, results: ScenarioResult[], piiMasked: boolean): object {
	return {
		file,
		passed: results.every(result => result.passed),
		piiMasked,
		scenarios: results.map(result => ({
			name: result.scenario.name,
			passed: result.passed,
			...(result.skipped === undefined ? {} : {skipped: result.skipped}),
			transactions: result.transactions,
			problems: result.problems,
			expectations: result.results.map(({expectation, passed, evidence}) => ({kind: expectation.kind, label: expectation.label, at: expectation.at, passed, evidence})),
		})),
	};
}
