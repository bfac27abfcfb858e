// Whether more input may come: "none yet" promises events, hops or sagas only while some source still reads.
import type {SourceState} from './sources/source.js';

/** True while any source may still deliver events (neither finished nor stopped); false once the input has ended. */
export function moreMayCome(sources: ReadonlyArray<{state: SourceState}>): boolean {
	return sources.some(source => source.state !== 'finished' && source.state !== 'stopped');
}

/** " yet" while more input may come (`more`), else nothing: "no hops yet" becomes "no hops" once the input ended. */
export function yet(more: boolean): string {
	return more ? ' yet' : '';
}
