// One place that turns a `--source` spec or an input argument into a Source.
import type {Config} from '../config.js';
import type {Source} from './source.js';
import {payloadTime, type RawEvent} from '../envelope.js';
import {recordingSource} from './recording/source.js';
import {demoPhases, simulatorSource} from './simulator/source.js';
import {redisStreamsSource} from './redis/source.js';
import {pacedSource} from './paced-source.js';

/** Options every kind of source may use. */
export type OpenSourceOptions = {
	config: Config;
	/** Where live sources start the first time: latest, earliest or an ISO time. */
	from?: string;
	/** Replay speed for recordings (1 = recorded pace); undefined = as fast as possible. */
	speed?: number | 'max';
	/** Replay only events in [fromMs, toMs). */
	range?: {from?: number; to?: number};
	/** Simulator seed. */
	seed?: number;
	/** Simulator: produce on a simulated clock as fast as possible for this long (headless runs). */
	demoDurationMs?: number;
};

/** Whether a spec names a live broker (read positions resume) rather than a recording, `-` or the simulator. */
export function isLiveSpec(spec: string): boolean {
	return /^(kafka|redis|rediss):\/\//.test(spec);
}

/** Open the source a spec names: `demo`, `kafka://…`, `redis://…`, a recording path, or `-` for stdin. */
export async function openSource(spec: string, options: OpenSourceOptions): Promise<Source> {
	if (spec === 'demo') {
		return simulatorSource({
			seed: options.seed ?? 42,
			mode: options.demoDurationMs === undefined ? 'realtime' : 'fast',
			durationMs: options.demoDurationMs,
			// The recovery lasts until the incident's alerts, under this config's windows, have resolved.
			phases: demoPhases(options.config),
		});
	}

	if (spec.startsWith('kafka://')) {
		// Loaded only when asked for: the Kafka client compiles its schemas on import (~0.3–1.5 s), which commands on a
		// recording must not pay.
		const {kafkaSource} = await import('./kafka/source.js');
		return kafkaSource(spec, {from: options.from});
	}

	if (isLiveSpec(spec)) return redisStreamsSource(spec, {from: options.from});
	const recording = recordingSource(spec, {maxLineBytes: options.config.recording.maxLineBytes});
	const paced = options.speed !== undefined || options.range !== undefined;
	const payloadTimeOf = (raw: RawEvent) => payloadTime(raw, options.config.fields);
	return paced ? pacedSource(recording, {speed: options.speed ?? 'max', from: options.range?.from, to: options.range?.to, payloadTime: payloadTimeOf}) : recording;
}
