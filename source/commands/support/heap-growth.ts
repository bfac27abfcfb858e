// How far V8 lets the heap grow past what survives a full collection. On a machine with a few GB it allows up to
// 4×; ingest promotes a steady stream of batches that die soon after, so the heap sits at ~270 MB over ~65 MB live
// and the process at ~460 MB. A cap (40 %: ~300 MB) costs full collections whose marking competes for the cores,
// measured at 20-25 % of replay speed, ~10 % of live ingest and a slower TUI under load, so it is opt-in (README, Memory).
import v8 from 'node:v8';
import {UserError} from './errors.js';

/** The environment variable that sets the cap, in percent past the live heap; unset or 0 leaves it to V8. */
const heapGrowthVariable = 'PUBSUB_TOOLS_HEAP_GROWTH';

/** The growth percent the variable asks for; undefined leaves it to V8. */
export function heapGrowthPercent(setting: string | undefined): number | undefined {
	if (setting === undefined || setting.trim() === '') return undefined;
	const percent = Number(setting);
	if (!Number.isInteger(percent) || percent < 0 || percent > 1000) {
		throw new UserError(`${heapGrowthVariable} must be a whole percent from 0 to 1000 (0: V8 decides), got "${setting}"`, 2);
	}

	return percent === 0 ? undefined : percent;
}

/** Whether node's own command line sets the heap's growth (node does not accept it in NODE_OPTIONS). */
export function nodeSetsHeapGrowth(execArgv: readonly string[]): boolean {
	return execArgv.some(option => /^--heap[-_]growing[-_]percent\b/.test(option));
}

/** Cap the heap's growth as the variable asks (V8 reads the setting at every full collection); node's own flag wins. */
export function capHeapGrowth(setting = process.env[heapGrowthVariable]): void {
	const percent = heapGrowthPercent(setting);
	if (percent !== undefined && !nodeSetsHeapGrowth(process.execArgv)) v8.setFlagsFromString(`--heap-growing-percent=${percent}`);
}
