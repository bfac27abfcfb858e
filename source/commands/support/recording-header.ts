// The header `record` writes: where its events came from, carried on from an input recording's own header.
import type {RecordingWriterHeader} from '../../core/recording-writer.js';
import {maskUrl} from '../../core/redact.js';
import {kindOf} from '../../core/sources/registry.js';
import type {Source} from '../../core/sources/source.js';

/**
 * The header of a recording of `specs` selected by `filter`. A recording of one recording says what its header said:
 * its `source`, its filter with `filter` after it (an event holds both), and `recordedFrom` the input; asked once its
 * header has been read (openRecordingWriter).
 */
export function recordingHeader(specs: string[], filter: string | undefined, sources: Source[]): RecordingWriterHeader | (() => RecordingWriterHeader) {
	const source = specs.map(spec => maskUrl(spec)).join(',');
	if (specs.length !== 1 || kindOf(specs[0]!).name !== 'recording') return {source, filter};
	return () => {
		const said = sources[0]?.health().provenance;
		const filters = [said?.filter, filter].filter(part => part !== undefined);
		return {source: said?.source ?? source, filter: filters.length > 0 ? filters.join(' ') : undefined, recordedFrom: specs[0]};
	};
}
