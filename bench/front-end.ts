// The front end every event passes before anything is stored or measured: the recording source (read, split,
// parse) and the engine's own front end (normalization, redelivery check). Its rate bounds the pipeline's.
import {defaultConfig} from '../source/core/config.js';
import {createFrontEnd} from '../source/core/front-end.js';
import type {RawEvent} from '../source/core/envelope.js';
import {recordingSource} from '../source/core/sources/recording/source.js';

/** Events/s of reading `file` through the recording source, normalizing and checking every event for redelivery. */
export async function frontEndRate(file: string): Promise<number> {
	const frontEnd = createFrontEnd(defaultConfig);
	const source = recordingSource(file, {maxLineBytes: defaultConfig.recording.maxLineBytes});
	const started = process.hrtime.bigint();
	let events = 0;
	let redelivered = 0;
	for await (const batch of source.batches()) {
		const wall = Date.now();
		for (const raw of batch.events) {
			if (frontEnd(raw as RawEvent, wall).duplicate) redelivered++;
			events++;
		}
	}

	const seconds = Number(process.hrtime.bigint() - started) / 1e9;
	// The generated recording holds no redelivery; a count here would mean the tracker is not what the engine runs.
	if (redelivered > 0) throw new Error(`front end: ${redelivered} redeliveries in a recording that has none`);
	return events / seconds;
}
