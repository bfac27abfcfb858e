// The recording source kind: a JSONL recording's path (gzip or not), or `-` for standard input.
import {payloadTime, type RawEvent} from '../../envelope.js';
import type {SourceKind} from '../kind.js';
import {pacedSource} from '../paced-source.js';
import {recordingSource} from './source.js';

/** Recordings: any spec no other kind claims; paced when a replay speed or time range is given. */
export const recordingKind: SourceKind = {
	name: 'recording',
	schemes: [],
	live: false,
	readsToNow: true,
	example: 'FILE',
	secretEnv: [],
	async open(spec, options) {
		const recording = recordingSource(spec, {maxLineBytes: options.config.recording.maxLineBytes});
		const paced = options.speed !== undefined || options.range !== undefined;
		const payloadTimeOf = (raw: RawEvent) => payloadTime(raw, options.config.fields);
		return paced ? pacedSource(recording, {speed: options.speed ?? 'max', from: options.range?.from, to: options.range?.to, payloadTime: payloadTimeOf}) : recording;
	},
};
