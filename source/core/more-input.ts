// Whether more input may come: "none yet" promises events, hops or sagas only while some source still reads.
import type {SourceState} from './sources/source.js';

/** States a source never leaves: it has ended (`error` is an error that stopped it for good, e.g. a truncated file). */
const ended: ReadonlySet<SourceState> = new Set(['finished', 'stopped', 'error']);

/** True while any source may still deliver events (it has not finished, been stopped or failed for good); false once the input has ended. */
export function moreMayCome(sources: ReadonlyArray<{state: SourceState}>): boolean {
	return sources.some(source => !ended.has(source.state));
}

/** " yet" while more input may come (`more`), else nothing: "no hops yet" becomes "no hops" once the input ended. */
export function yet(more: boolean): string {
	return more ? ' yet' : '';
}
