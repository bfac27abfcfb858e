// How far V8 lets the heap grow past what survives a full collection. On a machine with a few GB it allows up to
// 4×; ingest promotes a steady stream of batches that die soon after, so the heap sat at ~270 MB over ~65 MB live
// and the process at ~470 MB. Capping the growth costs more frequent full collections (README, Memory).
import v8 from 'node:v8';
import {UserError} from './errors.js';

/** Percent the old generation may grow past what survived the last full collection, unless told otherwise. */
export const defaultHeapGrowthPercent = 40;

/** The environment variable that overrides the cap; 0 leaves the growth to V8. */
export const heapGrowthVariable = 'PUBSUB_TOOLS_HEAP_GROWTH';

/** The growth percent to apply: the variable's value when set, else the default; undefined means V8's own. */
export function heapGrowthPercent(setting: string | undefined): number | undefined {
	if (setting === undefined || setting.trim() === '') return defaultHeapGrowthPercent;
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

/** Cap the heap's growth for this process (V8 reads the setting at every full collection); node's own flag wins. */
export function capHeapGrowth(setting = process.env[heapGrowthVariable]): void {
	const percent = heapGrowthPercent(setting);
	if (percent !== undefined && !nodeSetsHeapGrowth(process.execArgv)) v8.setFlagsFromString(`--heap-growing-percent=${percent}`);
}
