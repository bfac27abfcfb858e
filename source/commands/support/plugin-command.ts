// A plugin's headless subcommand as a CLI command: the input options of `metrics`, and an analysis of the input
// (the same engine and stages) that the plugin reads its answer from.
import type {Analysis, CommandHost} from '../../plugin-api/index.js';
import type {Command} from './command.js';
import {analysisStore, connectTimeoutOf, durationOf, inputFlags, inputHelp, sourceSpecs, type InputFlags} from './inputs.js';
import {openSession, type Session} from './session.js';
import {outagesJson, runExitCode, runToEnd, settledUnlessStopped, stoppedWorkExitCode} from './headless.js';
import {stoppableWork, type Stoppable} from './stop-signals.js';
import {counted} from '../../core/units/format.js';
import {usageError} from './errors.js';
import type {RegisteredCommand} from './plugin-setup.js';
import {closeInTurn} from './close-in-turn.js';

/** A plugin command's help with the input options before its examples (examples stay last, as in every command). */
function withInputHelp(help: string): string {
	const at = help.indexOf('\n  Examples:');
	return at === -1 ? `${help}\n${inputHelp}` : `${help.slice(0, at)}\n${inputHelp}\n${help.slice(at)}`;
}

/** The CLI command that runs a plugin's command. */
export function pluginCommand(registered: RegisteredCommand): Command {
	return {
		name: registered.name,
		summary: `${registered.summary} (plugin ${registered.plugin})`,
		help: withInputHelp(registered.help),
		flags: {...registered.flags, ...inputFlags},
		async run(args, flags) {
			const sessions: Session[] = [];
			/** The plugin's work on what its analysis read: a stop signal from then on gives it up. */
			let afterRead: Stoppable | undefined;
			/** What the plugin printed: written once its work is over, so that a stopped command prints nothing. */
			const printed: string[] = [];
			const host: CommandHost = {
				async analyze(inputArgs, inputFlagValues) {
					const input = inputFlagValues as InputFlags;
					const durationMs = durationOf(input);
					const session = await openSession(sourceSpecs(inputArgs, input, registered.name), analysisStore(input), {from: input.from, to: input.to, seed: input.seed, demoDurationMs: durationMs});
					sessions.push(session);
					afterRead?.end();
					const end = await runToEnd(session, {durationMs, connectTimeoutMs: connectTimeoutOf(input)});
					afterRead = stoppableWork();
					const analysis: Analysis = {
						stage: name => session.engine.stage(name),
						transaction: id => session.engine.transaction(id),
						summary: () => session.engine.summary(),
						edges: windowMs => session.engine.edges(windowMs),
						alerts: () => session.engine.runAlerts(),
						outages: () => outagesJson(session),
						reached: end.anyReached,
						exitCode: otherwise => runExitCode(end, otherwise),
					};
					return analysis;
				},
				print(text) {
					printed.push(text);
				},
				usageError,
			};
			try {
				const running = registered.run(args, flags, host);
				// Settled first: whether it read an input (and worked on it) is known then.
				await running.catch(() => undefined);
				const answered = afterRead ? await settledUnlessStopped(afterRead, () => `running ${registered.name} on the ${counted(sessions.reduce((events, session) => events + session.store.stats().events, 0), 'event')} read`, running.then(code => ({code}))) : {code: await running};
				if (!answered) return stoppedWorkExitCode;
				for (const text of printed) process.stdout.write(text);
				return answered.code;
			} finally {
				await closeInTurn(...sessions.map(session => async () => session.close()));
			}
		},
	};
}
