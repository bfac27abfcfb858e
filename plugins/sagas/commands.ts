// The headless commands: `saga` (counts per saga, instances in a state, --fail-on for CI) and `saga visualize`.
import {counted, formatCount, formatTable, outageLines, sanitize, type Analysis, type CommandHost, type PluginCommand} from '../../source/plugin-api/index.js';
import type {SagaCatalog} from './catalog.js';
import {DefinitionError} from './definition.js';
import {capsLine, diagramLines} from './diagram.js';
import {instanceDetail, stateLabels} from './instance-text.js';
import {maxListed, sagaStageName, type SagasSnapshot} from './stage.js';
import type {SagaState} from './tracker.js';

/** `--list` values: the JSON's state names, and the words people type. */
const listStates: Record<string, SagaState> = {
	inProgress: 'inProgress', 'in-progress': 'inProgress',
	completed: 'completed',
	failed: 'failed',
	compensated: 'compensated',
	timedOut: 'timedOut', 'timed-out': 'timedOut', timeout: 'timedOut',
};

const sagasFlagHelp = `    --sagas FILE       saga definitions (YAML) besides the built-in ones and the config's (docs/plugin-api.md)`;

/** Add `--sagas FILE` to the catalog; a bad file is a usage error naming file:line:column. */
function useSagasFile(catalog: SagaCatalog, flags: Record<string, unknown>, host: CommandHost): void {
	if (typeof flags.sagas !== 'string') return;
	try {
		catalog.addFile(flags.sagas);
	} catch (error) {
		if (error instanceof DefinitionError) throw host.usageError(error.message);
		throw error;
	}
}

/** The run's outages, a line each (`not read: …`, as `metrics` says them), so counts read while a source was not read say so. */
function printOutages(analysis: Analysis, host: CommandHost): void {
	for (const line of outageLines(analysis.outages(), 'saga --json')) host.print(`${line}\n`);
}

/** `pubsub-tools saga <input>`. */
export function sagaCommand(catalog: SagaCatalog): PluginCommand {
	return {
		name: 'saga',
		summary: 'count saga instances: completed, failed, compensated, timed out, in progress',
		help: `
  Usage: pubsub-tools saga <recording|-> [--json] [--list STATE] [--fail-on failed|timeout] [--sagas FILE]

  Follows every saga definition (built-in: checkout, parcel, ride-booking, ecommerce-order; plus the config's
  pluginOptions.sagas and --sagas FILE) over the input in event time and counts its instances by state. A step
  overdue at the end of the input counts as timed out; a compensated saga counts as compensated, not failed.

  Options:
    --json             print {"sagas": {NAME: {instances, completed, failed, compensated, timedOut, inProgress, …}},
                       "outages": [...]} (outages: the times a source could not read, live or in a recording)
    --list STATE       also list the instances in STATE (completed, failed, compensated, timed-out, in-progress)
                       with id, current step and reason: the newest ${formatCount(maxListed)} decided and every one still open
                       (an endless input would keep them all); how many before them were left out is said
    --fail-on failed|timeout
                       exit 3 when any instance failed (uncompensated or with nothing to compensate) / timed out
${sagasFlagHelp}

  Examples:
    pubsub-tools saga recordings/checkout.jsonl
    pubsub-tools saga recordings/ride-booking.jsonl --list timed-out
    pubsub-tools saga recordings/ecommerce.jsonl.gz --json --fail-on failed`,
		flags: {json: {type: 'boolean'}, list: {type: 'string'}, failOn: {type: 'string'}, sagas: {type: 'string'}},
		async run(args, flags, host) {
			const list = flags.list === undefined ? undefined : listStates[String(flags.list)];
			if (flags.list !== undefined && list === undefined) throw host.usageError(`--list: expected completed, failed, compensated, timed-out or in-progress, got "${String(flags.list)}"`);
			const failOn = flags.failOn as string | undefined;
			if (failOn !== undefined && failOn !== 'failed' && failOn !== 'timeout') throw host.usageError(`--fail-on: expected failed or timeout, got "${failOn}"`);
			useSagasFile(catalog, flags, host);
			catalog.listState = list;
			const analysis = await host.analyze(args, flags);
			if (!analysis.reached) return analysis.exitCode();
			const snapshot = analysis.stage<SagasSnapshot>(sagaStageName) ?? {sagas: []};
			const found = snapshot.sagas.filter(report => report.applies && report.counts.instances > 0);
			const leftOut = snapshot.listedLeftOut ?? 0;
			const listed = (snapshot.listed ?? []).map(instance => ({
				saga: instance.saga, id: instance.id, state: instance.state, step: instance.step,
				...(instance.waitingFor === undefined ? {} : {waitingFor: instance.waitingFor}),
				...(instance.reason === undefined ? {} : {reason: instance.reason}),
				compensationsDone: instance.compensationsDone,
				compensationsMissing: instance.compensationsMissing,
			}));
			if (flags.json === true) {
				const sagas = Object.fromEntries(found.map(report => [report.name, report.counts]));
				const outages = analysis.outages();
				host.print(`${JSON.stringify(list === undefined ? {sagas, outages} : {sagas, instances: listed, instancesLeftOut: leftOut, outages}, null, 2)}\n`);
			} else if (found.length === 0) {
				host.print(`No saga found: no definition matched the input's events (${snapshot.sagas.map(report => report.name).join(', ')}).\n`);
			} else {
				host.print(`${formatTable(
					['saga', 'instances', 'completed', 'compensated', 'failed', 'uncompensated', 'timed out', 'in progress'],
					found.map(({name, counts}) => [name, counts.instances, counts.completed, counts.compensated, counts.failed, counts.compensationMissing, counts.timedOut, counts.inProgress]),
				)}\n`);
				for (const report of found) {
					const caps = capsLine(report);
					if (caps !== undefined) host.print(`${report.name}:${caps.slice(1)}\n`);
				}

				if (list !== undefined) {
					const heading = counted(listed.length + leftOut, `${stateLabels[list]} instance`);
					const kept = leftOut === 0 ? '' : `; the newest ${formatCount(maxListed)} decided listed with those still open, ${formatCount(leftOut)} before them left out`;
					host.print(`\n${heading}${kept}${listed.length === 0 ? '' : ':'}\n`);
					for (const instance of snapshot.listed ?? []) host.print(`  ${sanitize(`${instance.saga} ${instance.id} · ${instanceDetail(instance)}`)}\n`);
				}
			}

			if (flags.json !== true) printOutages(analysis, host);

			const tripped = failOn === 'failed' ? found.some(report => report.counts.failed > 0) : failOn === 'timeout' ? found.some(report => report.counts.timedOut > 0) : false;
			return analysis.exitCode(tripped ? 3 : 0);
		},
	};
}

/** `pubsub-tools saga visualize NAME <input>`. */
export function visualizeCommand(catalog: SagaCatalog): PluginCommand {
	return {
		name: 'saga visualize',
		summary: 'draw one saga as text: its steps with counts on the arrows, failures and compensations as branches',
		help: `
  Usage: pubsub-tools saga visualize NAME <recording|-> [--sagas FILE]

  Draws the saga NAME over the input: each step with the instances that reached it on the arrow below,
  failures (✗) and time-outs (⏱) branching off after the step they followed, and each step's compensations
  (↺) with how often they came and how often they were MISSING. Fits 80 columns.

  Options:
${sagasFlagHelp}

  Examples:
    pubsub-tools saga visualize checkout recordings/checkout.jsonl
    pubsub-tools saga visualize ecommerce-order recordings/ecommerce.jsonl.gz`,
		flags: {sagas: {type: 'string'}},
		async run(args, flags, host) {
			const [name, ...input] = args;
			useSagasFile(catalog, flags, host);
			const names = catalog.definitions().map(definition => definition.name);
			if (name === undefined || !names.includes(name)) {
				throw host.usageError(`saga visualize: ${name === undefined ? 'name a saga' : `no saga named "${name}"`} (known: ${names.join(', ')})`);
			}

			const analysis = await host.analyze(input, flags);
			if (!analysis.reached) return analysis.exitCode();
			const report = analysis.stage<SagasSnapshot>(sagaStageName)?.sagas.find(candidate => candidate.name === name);
			// Names come from definitions, not messages; sanitized all the same (a config can hold anything).
			if (report) host.print(`${diagramLines(report).map(line => sanitize(line)).join('\n')}\n`);
			printOutages(analysis, host);
			return analysis.exitCode();
		},
	};
}
