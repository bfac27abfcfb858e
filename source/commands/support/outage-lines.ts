// The outages of a run in a command's text (`not read: …`), so that its figures do not pass for a quiet system's.
import type {OutageJson} from '../../core/sources/recording/outage-line.js';
import {sanitize} from '../../core/sanitize.js';
import {unreadWords} from '../../core/unread-spans.js';
import {counted} from '../../core/units/format.js';

/** Outages named one a line in a text output; the rest are counted. */
const namedOutages = 5;

/**
 * A line per outage of the run (`outages` as headless JSON lists them), up to five, then how many more and
 * `listedBy` (the command that lists them all, `metrics --json`); none when there was none.
 */
export function outageLines(outages: readonly OutageJson[], listedBy: string): string[] {
	const lines = outages.slice(0, namedOutages).map(({source, from, to, reason}) => {
		const words = unreadWords({source, from: Date.parse(from), ...(to !== undefined && {to: Date.parse(to)}), ...(reason !== undefined && {reason})});
		return `not read: ${sanitize(words)}`;
	});
	if (outages.length > namedOutages) lines.push(`not read: ${counted(outages.length - namedOutages, 'more outage')} (${listedBy} lists them)`);
	return lines;
}
