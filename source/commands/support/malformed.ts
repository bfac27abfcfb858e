// Tell the user what an input held that was skipped, and why: bad lines by number, messages read a second time.
import {sanitize} from '../../core/sanitize.js';
import {counted} from '../../core/units/format.js';
import type {Engine, SourceView} from '../../core/engine.js';

/** Lines like `rec.jsonl: 3 malformed lines skipped (line 7: not JSON, …)`, one per source that had any. */
export function malformedReport(sources: SourceView[]): string[] {
	return sources
		.filter(source => source.malformed > 0)
		.map(source => {
			const samples = source.malformedSamples.map(sample => `line ${sample.line}: ${sanitize(sample.reason)}`).join('; ');
			const more = source.malformed > source.malformedSamples.length ? '; …' : '';
			return `${sanitize(source.name)}: ${counted(source.malformed, 'malformed line')} skipped (${samples}${more})`;
		});
}

/** The malformed lines of each source, then the messages skipped as read twice (a position already stored), if any. */
export function skippedReport(engine: Pick<Engine, 'sources' | 'totals'>): string[] {
	const {readTwice} = engine.totals();
	const lines = malformedReport(engine.sources());
	if (readTwice > 0) lines.push(`${counted(readTwice, 'event')} read twice skipped: each at a topic, partition and offset (or entry id) already stored`);
	return lines;
}
