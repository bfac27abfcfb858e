// Tell the user which input lines were bad and why (they were skipped; everything else was read).
import {sanitize} from '../../core/sanitize.js';
import {counted} from '../../core/units/format.js';
import type {SourceView} from '../../core/engine.js';

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
