// What a headless run of the engine (`replay --headless`, `monitor --headless`) prints at its end: how it ended,
// what it read and raised, what the store kept, and the metrics tables.
import {tallyTotals} from '../../core/alerts/tally.js';
import {counted, formatCount, formatNumber} from '../../core/units/format.js';
import {formatMetrics} from '../metrics.js';
import {outagesJson, stoppedWords, type RunEnd} from './headless.js';
import {skippedReport} from './malformed.js';
import type {Session} from './session.js';

/** What the store holds after the run: retention may have deleted the oldest events to stay under its caps. */
function storeLine(session: Session): string {
	const {events, bytes} = session.store.stats();
	const {maxEvents, maxBytes} = session.config.store.retention;
	return `store: ${counted(events, 'event')} kept (cap ${formatNumber(maxEvents)}), file ${formatNumber(bytes)} bytes (cap ${formatNumber(maxBytes)})`;
}

/**
 * The end-of-run summary of `command` (replay, monitor), one string of lines; `skipped`: with what the input skipped
 * (bad lines, messages read twice), for a command that does not leave that to runToEnd's standard error.
 */
export function runSummary(command: string, session: Session, end: RunEnd, skipped = true): string {
	const {totals, interrupted} = end;
	const {firing} = session.engine.snapshot(3600_000);
	return [
		`${command} ${interrupted ? stoppedWords(end) : 'finished'}: ${counted(totals.events, 'event')}, ${formatCount(totals.malformed)} malformed, ${counted(firing.length, 'alert')} firing, ${counted(tallyTotals(session.engine.alertTally()).fired, 'alert')} in all`,
		...(skipped ? skippedReport(session.engine) : []),
		storeLine(session),
		formatMetrics(session.engine.summary(), outagesJson(session)),
	].join('\n');
}
