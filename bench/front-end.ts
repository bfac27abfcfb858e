// The front end every event passes before anything is stored or measured: the recording source (read, split,
// parse) and the engine's normalization and redelivery check. Its rate bounds what any pipeline built on it reaches.
import {defaultConfig} from '../source/core/config.js';
import {DuplicateTracker} from '../source/core/duplicates.js';
import {createNormalizer, type RawEvent} from '../source/core/envelope.js';
import {recordingSource} from '../source/core/sources/recording.js';

/** Events/s of reading `file` through the recording source, normalizing and checking every event for redelivery. */
export async function frontEndRate(file: string): Promise<number> {
	const {fields, duplicates, recording} = defaultConfig;
	const normalize = createNormalizer(fields);
	const tracker = new DuplicateTracker(duplicates.windowMs, duplicates.maxTracked);
	const source = recordingSource(file, {maxLineBytes: recording.maxLineBytes});
	const started = process.hrtime.bigint();
	let events = 0;
	let redelivered = 0;
	for await (const batch of source.batches()) {
		const wall = Date.now();
		for (const raw of batch.events) {
			const envelope = normalize(raw as RawEvent, wall);
			if (tracker.check(envelope)) redelivered++;
			events++;
		}
	}

	const seconds = Number(process.hrtime.bigint() - started) / 1e9;
	// The generated recording holds no redelivery; a count here would mean the tracker is not what the engine runs.
	if (redelivered > 0) throw new Error(`front end: ${redelivered} redeliveries in a recording that has none`);
	return events / seconds;
}
