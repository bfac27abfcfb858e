// What one kind of source declares: how its specs are recognised and opened, what it publishes, what it keeps secret.
import type {Config, FieldConfig} from '../config.js';
import type {PublishOptions, Publisher, Source} from './source.js';

/** Options every kind of source may use. */
export type OpenSourceOptions = {
	config: Config;
	/** Where live sources start the first time: latest, earliest or an ISO time. */
	from?: string;
	/**
	 * `--to now`: a live source stops once it has read up to where each partition or stream ended when the run
	 * started (kinds that can: SourceKind.readsToNow).
	 */
	toNow?: boolean;
	/** Replay speed for recordings (1 = recorded pace); undefined = as fast as possible. */
	speed?: number | 'max';
	/** Replay only events in [fromMs, toMs). */
	range?: {from?: number; to?: number};
	/** Simulator seed. */
	seed?: number;
	/** Simulator: produce on a simulated clock as fast as possible for this long (headless runs). */
	demoDurationMs?: number;
};

/** What parsing a kind's URL yields for everyone: the name to show (credentials masked) and the values to mask. */
export type ParsedSourceUrl = {display: string; secrets: string[]};

/**
 * One kind of source. The record must be cheap to import: a kind's client library is imported inside `open` and
 * `publisher`, only when a spec of that kind is opened.
 */
export type SourceKind = {
	/** What the kind is called in messages (`Kafka`). */
	readonly name: string;
	/** URL schemes it reads (`kafka` for `kafka://…`), the first being the one help texts show; none if its specs are not URLs. */
	readonly schemes: readonly string[];
	/** Whether a spec that is not one of `schemes`' URLs is this kind's (`demo`). */
	readonly claims?: (spec: string) => boolean;
	/** A live broker: read positions are saved and resumed, and `--from` applies. */
	readonly live: boolean;
	/**
	 * Whether `--to now` can end its reading: a live broker stops where it ended when the run started, a finite input
	 * ends anyway; a kind without it (the simulator, which has no end) refuses `--to now`.
	 */
	readonly readsToNow?: boolean;
	/** How a spec of this kind looks, for `--source` help. */
	readonly example: string;
	/** Environment variables holding secrets (passwords), masked in everything printed. */
	readonly secretEnv: readonly string[];
	/** Parse one of its URLs (InputError when bad); `env` supplies credentials not in the URL. */
	readonly parseUrl?: (url: string, env?: NodeJS.ProcessEnv) => ParsedSourceUrl;
	/** Open a spec of this kind. */
	readonly open: (spec: string, options: OpenSourceOptions) => Promise<Source>;
	/**
	 * Open a publisher writing events to a URL of this kind; `topics` are created when missing where that applies,
	 * `fields` find an event's correlation id where the kind keys messages by it, and `options` say whether events that
	 * cannot be sent yet are held (where the kind has such a case) or fail the publish.
	 */
	readonly publisher?: (url: string, topics: string[], fields: FieldConfig, options?: PublishOptions) => Promise<Publisher>;
};
