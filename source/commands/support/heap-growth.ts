// How far V8 lets the heap grow past what survives a full collection. On a machine with a few GB it allows up to
// 4×, and a replay of 1 M events peaked at ~385 MB of RSS over ~65 MB of live heap. Capped at 40 % it peaks at
// ~290 MB; the extra full collections cost ~7 % of replay speed and 10-15 % of live ingest (README, Memory).
import v8 from 'node:v8';
import {UserError} from './errors.js';

/** The environment variable that sets the cap, in percent past the live heap; 0 leaves it to V8. */
const heapGrowthVariable = 'PUBSUB_TOOLS_HEAP_GROWTH';

/** The cap when the variable is unset or blank. */
export const defaultHeapGrowth = 40;

/** The growth percent the variable asks for; undefined leaves it to V8. */
export function heapGrowthPercent(setting: string | undefined): number | undefined {
	if (setting === undefined || setting.trim() === '') return defaultHeapGrowth;
	const percent = Number(setting);
	if (!Number.isInteger(percent) || percent < 0 || percent > 1000) {
		throw new UserError(`${heapGrowthVariable} must be a whole percent from 0 to 1000 (0: V8 decides), got "${setting}"`, 2);
	}

	return percent === 0 ? undefined : percent;
}

/** Whether node's own command line gives V8 option `words` (dashes or underscores, with or without `no-`). */
function nodeSets(execArgv: readonly string[], words: string[]): boolean {
	const option = new RegExp(`^--(no-)?${words.join('[-_]')}\\b`);
	return execArgv.some(each => option.test(each));
}

/** Whether node's own command line sets the heap's growth (node does not accept it in NODE_OPTIONS). */
export function nodeSetsHeapGrowth(execArgv: readonly string[]): boolean {
	return nodeSets(execArgv, ['heap', 'growing', 'percent']);
}

/** Cap the heap's growth as the variable asks, or by default (V8 reads it at every full collection); node's own flag wins. */
export function capHeapGrowth(setting = process.env[heapGrowthVariable]): void {
	const percent = heapGrowthPercent(setting);
	if (percent !== undefined && !nodeSetsHeapGrowth(process.execArgv)) v8.setFlagsFromString(`--heap-growing-percent=${percent}`);
}

/** Whether node's own command line turns V8's allocation-site pretenuring on or off. */
export function nodeSetsPretenuring(execArgv: readonly string[]): boolean {
	return nodeSets(execArgv, ['allocation', 'site', 'pretenuring']);
}

/**
 * Turn off V8's allocation-site pretenuring unless node's own command line sets it. A site whose objects all
 * survived the scavenges that sampled it (a batch's container, caught while its batch was in flight) allocates in
 * the old generation from then on; there, dead, it keeps what it holds (the batch's young objects) alive through
 * scavenges, which promote them, until the next full collection. Which runs that struck depended on timing: ~260
 * or ~630 bytes promoted an event (docs/benchmark-history.md).
 */
export function keepAllocationsYoung(execArgv: readonly string[] = process.execArgv): void {
	if (!nodeSetsPretenuring(execArgv)) v8.setFlagsFromString('--no-allocation-site-pretenuring');
}
