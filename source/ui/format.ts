// How times of day and states read on screen; words and symbols, never colour alone. Numbers and durations read
// as core/units/format.ts writes them, the same as in the headless commands.
import type {SourceState} from '../core/sources/source.js';
import type {Severity} from '../core/alerts/types.js';
import {sanitize} from '../core/sanitize.js';
import {displayWidth} from './text/width.js';

/** A time of day in UTC with milliseconds (`10:00:05.123`); `-` when unknown. */
export function formatTime(ms: number | undefined): string {
	if (ms === undefined || !Number.isFinite(ms) || ms <= 0) return '-';
	return new Date(ms).toISOString().slice(11, 23);
}

const sourceStates: Record<SourceState, string> = {
	connecting: '… connecting',
	connected: '✓ connected',
	reconnecting: '⚠ reconnecting',
	error: '✗ error',
	finished: '✓ finished',
	stopped: '■ stopped',
};

/** A source state as a symbol and a word. */
export function formatSourceState(state: SourceState): string {
	return sourceStates[state];
}

/** Severities, most severe first, for sorting. */
export const severityRank: Record<Severity, number> = {critical: 0, warning: 1, info: 2};

/** A URL's scheme, masked credentials and first host:port (`kafka://***@broker-1:9092` of a list of brokers). */
const urlHead = /^[a-z][\w+.-]*:\/\/(?:[^@/?#]*@)?[^,/?#]*/i;

/** The first host:port a source's URL names (`broker-1:9092`), what its line shows of it at least; none for a file. */
export function sourceAddress(name: string): string | undefined {
	return urlHead.exec(sanitize(name))?.[0].replace(/^.*?:\/\/(?:[^@]*@)?/, '');
}

/**
 * A source's name as a piece of a line that gives way: a URL keeps its start and at least its scheme and first
 * host:port (where the room allows; an error beside it keeps its own start), a file its end (its name).
 */
export function sourceNamePiece(name: string): {text: string; name: 'start' | 'end'; least?: number} {
	const text = sanitize(name);
	const head = urlHead.exec(text)?.[0];
	if (head === undefined) return {text, name: 'end'};
	return {text, name: 'start', least: head.length < text.length ? displayWidth(head) + 1 : undefined};
}

