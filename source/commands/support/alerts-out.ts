// `--alerts-out FILE|-`: stream alerts as JSON Lines while they fire and resolve, for jq, pagers and other tools.
import fs from 'node:fs';
import type {Engine} from '../../core/engine.js';
import {usageError} from './errors.js';

/** The flag, shared by the commands that run the engine. */
export const alertsOutFlag = {alertsOut: {type: 'string'}} as const;

/** Help line for the flag. */
export const alertsOutHelp = '    --alerts-out FILE  append alerts as JSON Lines as they fire and resolve (- for standard output)';

/** Write every alert transition of `engine` to `target` (appending to a file); returns the function that stops. */
export function streamAlerts(engine: Engine, target: string): () => Promise<void> {
	let out: NodeJS.WritableStream;
	try {
		out = target === '-' ? process.stdout : fs.createWriteStream(target, {flags: 'a'});
	} catch (error) {
		throw usageError(`--alerts-out: cannot write ${target}: ${(error as Error).message}`);
	}

	const subscription = engine.alerts$.subscribe(({kind, alert}) => {
		out.write(`${JSON.stringify({event: kind, ...alert})}\n`);
	});
	return async () => {
		subscription.unsubscribe();
		if (out !== process.stdout) await new Promise<void>(resolve => (out as fs.WriteStream).end(resolve));
	};
}
