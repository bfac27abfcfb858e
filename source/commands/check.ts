// `pubsub-tools check`: run scenario files (publish, watch, expect) on a recording, the simulator or live brokers.
import fs from 'node:fs';
import {setTimeout as delay} from 'node:timers/promises';
import {loadScenarios, ScenarioFileError} from '../core/check/scenario-file.js';
import {openStepPublisher, publishStep} from '../core/check/publish.js';
import {watchScenarios} from '../core/check/watch.js';
import {evidenceMask} from '../core/check/evidence-mask.js';
import {junitReport} from '../core/check/junit.js';
import type {Scenario} from '../core/check/scenario.js';
import {isLiveSpec} from '../core/sources/open.js';
import {kindOf, publishableText} from '../core/sources/registry.js';
import {safeErrorMessage} from '../core/redact.js';
import {sanitize, sanitizeMultiline} from '../core/sanitize.js';
import type {Publisher} from '../core/sources/source.js';
import {defineCommand} from './support/command.js';
import {usageError, UserError} from './support/errors.js';
import {analysisStore, connectTimeoutOf, durationOf, inputFlags, inputHelp, sourceSpecs} from './support/inputs.js';
import {configFrom, openSession, type Session} from './support/session.js';
import {runExitCode, runToEnd} from './support/headless.js';
import {checkJson, formatCheckReport} from './support/check-report.js';
import {closeInTurn} from './support/close-in-turn.js';

/** Exit code of a run whose expectations did not all hold. */
const failedCheckExitCode = 1;

/**
 * Where a scenario publishes: its own `to`, else --publish, else the first source of a kind that publishes (its URL
 * as given: TLS, CA and credentials apply to publishing too; the topic or stream selection is not used).
 */
function publishTarget(scenario: Scenario, flag: string | undefined, specs: string[]): string | undefined {
	return scenario.publish?.to ?? flag ?? specs.find(spec => kindOf(spec).publisher !== undefined);
}

/** The check command. */
export const checkCommand = defineCommand({
	name: 'check',
	summary: 'run scenario checks (publish, watch, expect) on a recording, the simulator or live brokers, for CI',
	help: `
  Usage: pubsub-tools check SCENARIOS.yaml <recording|-> [--junit FILE] [--json] [--show-pii]
         pubsub-tools check SCENARIOS.yaml --source URL [--publish URL] [--junit FILE] [--json] [--show-pii]
${inputHelp}

  Options:
    --publish URL      where publish steps go when a scenario does not say (default: the first --source that
                       is a ${publishableText()} URL)
    --junit FILE       also write a JUnit XML report (one test case per expectation)
    --json             one JSON object with every scenario and expectation (docs/headless-json.md)
    --show-pii         show personal data in the evidence as sent; by default it is masked there (customer ids,
                       emails, IPs, card numbers, names, …, fields.personal), correlation ids such as order ids
                       left readable (docs/event-model.md, "Personal data")

  A scenario publishes its events (live sources only; ids hold {{run}}, unique to each run), watches for its
  'within' time, then judges its expectations: counts, order within each transaction, field values, never,
  transaction / hop / delivery latency, alerts, saga outcomes. On a recording or the simulator (--source demo
  --duration 2m) the whole input is read first; scenarios that publish are skipped there. The format is in
  docs/scenarios.md.

  Exit codes: 0 every expectation held; 1 one failed (or a source failed); 2 a bad scenario file (file:line:col).

  Examples:
    pubsub-tools check scenarios/ecommerce.yaml recordings/ecommerce.jsonl.gz --junit check.xml
    pubsub-tools check scenarios/ecommerce.yaml --source demo --duration 2m
    pubsub-tools check scenarios/ecommerce-live.yaml --source 'kafka://127.0.0.1:19092?topics=orders.*,payment.*,inventory.*,customer.*,shipping.*'`,
	flags: {...inputFlags, publish: {type: 'string'}, junit: {type: 'string'}, json: {type: 'boolean'}, showPii: {type: 'boolean'}},
	async run(args, input) {
		const [file, ...inputs] = args;
		if (file === undefined) throw usageError('check: give a scenario file, then a recording (or - for stdin) or --source URL; see pubsub-tools check --help');
		const {fields} = configFrom({config: input.config});
		let scenarios: Scenario[];
		try {
			scenarios = loadScenarios(file, fields.containers);
		} catch (error) {
			if (error instanceof ScenarioFileError) throw usageError(sanitizeMultiline(error.message));
			throw error;
		}

		if (input.to !== undefined) throw usageError('check: --to does not apply: a check reads on while its scenarios wait for events (give --duration)');
		const specs = sourceSpecs(inputs, input, 'check');
		const live = specs.some(spec => isLiveSpec(spec));
		const durationMs = durationOf(input);
		const startAt = live ? Date.now() : undefined;
		const publishing = live ? scenarios.map((scenario, index) => ({scenario, index})).filter(({scenario}) => scenario.publish) : [];
		// Publishers first: they create missing Kafka topics, which the sources must find when they start.
		const publishers = new Map<number, Publisher>();
		const closePublishers = async () => Promise.all([...publishers.values()].map(async publisher => publisher.close()));
		let session: Session;
		try {
			for (const {scenario, index} of publishing) {
				const url = publishTarget(scenario, input.publish, specs);
				if (url === undefined) throw usageError(`${scenario.at}: scenario "${scenario.name}" publishes, but there is no ${publishableText()} target (publish.to, --publish or --source)`);
				publishers.set(index, await openStepPublisher(scenario.publish!, url, fields));
			}

			// Live sources read from a second before the check started, so nothing published is missed while they connect.
			const from = input.from ?? (live ? new Date(startAt! - 1000).toISOString() : undefined);
			session = await openSession(specs, analysisStore(input), {from, seed: input.seed, demoDurationMs: durationMs});
		} catch (error) {
			await closePublishers();
			throw error;
		}

		// Evidence goes to CI logs, read widely: personal data in it is masked unless --show-pii (docs/event-model.md).
		const piiMasked = !input.showPii;
		const evidence = {mask: piiMasked ? evidenceMask(session.config.fields, id => session.engine.transaction(id)) : undefined, containers: session.config.fields.containers};
		const watch = watchScenarios(session.engine, scenarios, {startAt, evidence});
		if (!live) for (const [index, scenario] of scenarios.entries()) if (scenario.publish) watch.skip(index, `publishes events: needs a live ${publishableText()} source`);
		const publishProblems: string[] = [];
		const started = performance.now();
		try {
			const watching = live ? Promise.all(scenarios.map(async (scenario, index) => {
				const publisher = publishers.get(index);
				if (publisher) {
					try {
						const published = await publishStep(scenario.publish!, publisher, session.config.fields);
						watch.published(index, published.ids);
					} catch (error) {
						publishProblems.push(`${scenario.name}: publishing to ${publisher.name} failed: ${safeErrorMessage(error, [])}`);
					}
				}

				await delay(scenario.withinMs);
			})).then(() => {
				if (durationMs === undefined) void session.engine.stop();
			}) : undefined;
			const end = await runToEnd(session, {durationMs: durationMs ?? (live ? 24 * 3600_000 : undefined), connectTimeoutMs: connectTimeoutOf(input)});
			if (!end.anyReached) return runExitCode(end);
			await watching;
			const results = watch.results();
			for (const problem of publishProblems) process.stderr.write(`pubsub-tools: ${sanitize(problem)}\n`);
			process.stdout.write(input.json ? `${JSON.stringify(checkJson(file, results, piiMasked))}\n` : `${formatCheckReport(results, piiMasked)}\n`);
			if (input.junit) {
				try {
					fs.writeFileSync(input.junit, junitReport(file, results, (performance.now() - started) / 1000));
				} catch (error) {
					throw new UserError(`--junit: cannot write ${input.junit}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
				}
			}

			const failed = publishProblems.length > 0 || results.some(result => !result.passed);
			return runExitCode(end, failed ? failedCheckExitCode : 0);
		} finally {
			await closeInTurn(closePublishers, async () => session.close());
		}
	},
});
