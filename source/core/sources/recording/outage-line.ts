// A recording's outage line (recording-format.md "Outages"): a live source that could not read from a time, and
// read again at another (or never, by the end of the recording), so that a replay tells an outage from a quiet gap.
import {parseEventTime} from '../../envelope.js';
import {isRecord} from '../../fields.js';
import {maskUrl} from '../../redact.js';
import {sanitize} from '../../sanitize.js';
import {formatMs} from '../../units/format.js';

/** A time a source could not read, as a recording says it; times are the live run's arrival clock (ms), as `recordedAt`. */
export type RecordedOutage = {
	/** The source that could not read, as the live run named it (credentials masked). */
	source: string;
	/** When reading stopped. */
	from: number;
	/** When reading went on; absent on the line written when it stopped (and when it never went on). */
	to?: number;
	/** Why it stopped (the broker's error), credentials masked. */
	reason?: string;
	/**
	 * On the line that ends it: how reading went on when not from where it stopped (the offsets of a topic made again
	 * meanwhile went back, a topic gone): what the source found as it read again.
	 */
	resumed?: string;
};

/** Longest reason or source name kept from a line: a hostile line must not carry megabytes into every warning. */
const maxTextLength = 500;

/** A text member of an outage line: credentials masked, control characters escaped, cut to maxTextLength. */
function text(value: string): string {
	const masked = sanitize(maskUrl(value));
	return masked.length > maxTextLength ? `${masked.slice(0, maxTextLength - 1)}…` : masked;
}

/** The outage a header's `outage` member says, or why it is no outage (a bad line). */
export function parseOutage(value: unknown): RecordedOutage | {problem: string} {
	const bad = (why: string) => ({problem: `recording outage: ${why}; skipped`});
	if (!isRecord(value)) return bad('"outage" is not an object');
	const {source, from, to, reason, resumed} = value;
	if (typeof source !== 'string' || source === '') return bad('"source" is not a non-empty string');
	const fromMs = parseEventTime(from);
	if (fromMs === undefined) return bad('"from" is not a time');
	const toMs = to === undefined ? undefined : parseEventTime(to);
	if (to !== undefined && toMs === undefined) return bad('"to" is not a time');
	if (toMs !== undefined && toMs < fromMs) return bad('"to" is before "from"');
	if (reason !== undefined && typeof reason !== 'string') return bad('"reason" is not a string');
	if (resumed !== undefined && (typeof resumed !== 'string' || toMs === undefined)) return bad('"resumed" is not a string on a line with "to"');
	return {source: text(source), from: fromMs, ...(toMs !== undefined && {to: toMs}), ...(reason !== undefined && {reason: text(reason)}), ...(resumed !== undefined && {resumed: text(resumed)})};
}

/** An outage as JSON writes it (recording-format.md "Outages", headless-json.md `outages`): times ISO-8601 with milliseconds. */
export type OutageJson = {source: string; from: string; to?: string; reason?: string; resumed?: string};

/** The outage written as JSON (recording-format.md "Outages", headless-json.md `outages`): times as ISO-8601, its texts as a reader takes them. */
export function outageJson(outage: RecordedOutage): OutageJson {
	const {from, to} = outage;
	const source = text(outage.source);
	const reason = outage.reason === undefined ? undefined : text(outage.reason);
	const resumed = outage.resumed === undefined || to === undefined ? undefined : text(outage.resumed);
	const iso = (ms: number) => new Date(ms).toISOString();
	return {source, from: iso(from), ...(to !== undefined && {to: iso(to)}), ...(reason !== undefined && {reason}), ...(resumed !== undefined && {resumed})};
}

/** The header line that says `outage` (recording-format.md "Outages"). */
export function outageLine(version: number, outage: RecordedOutage): string {
	return JSON.stringify({$recording: {version, outage: outageJson(outage)}});
}

/** A time as outages are said: ISO-8601 to the second. */
export function isoSecond(ms: number): string {
	return new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
}

/** How reading went on after an outage: from where it stopped, or what the source found changed as it read again (`resumed`). */
export function resumedWords(resumed: string | undefined): string {
	return resumed === undefined ? ', from where it stopped' : `, not from where it stopped: ${resumed}`;
}

/** What a replay says of an outage line, at the recording's times: that reading stopped (and why), or that it went on, after how long and how. */
export function outageWords({from, to, reason, resumed}: Omit<RecordedOutage, 'source'>): string {
	if (to === undefined) return `reading stopped at ${isoSecond(from)}${reason === undefined ? '' : ` (${reason})`}: nothing was read until reading went on`;
	return `reading again at ${isoSecond(to)} after ${formatMs(to - from)}${resumedWords(resumed)}`;
}
