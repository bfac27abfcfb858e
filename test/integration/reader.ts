// Test helper: pulls a source's batches in the background and lets a test wait for a number of events.
import type {RawEvent} from '../../source/core/envelope.js';
import type {Source, SourceHealth} from '../../source/core/sources/source.js';
import type {Positions} from '../../source/core/store/types.js';

/** Run-unique names, so tests never see each other's topics or streams. */
export function uniqueName(prefix: string): string {
	return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/** Poll `check` every 50 ms until it is true or `timeoutMs` passes (then throw with `describe()`). */
export async function eventually(check: () => boolean, timeoutMs: number, describe: () => string): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!check()) {
		if (Date.now() > deadline) throw new Error(`timed out: ${describe()}`);
		await new Promise(resolve => setTimeout(resolve, 50));
	}
}

/** Reads every batch of a source as fast as it comes, keeping the events, the latest positions and the states seen. */
export class Reader {
	readonly events: RawEvent[] = [];
	positions: Positions = {};
	error: unknown;
	readonly states = new Set<SourceHealth['state']>();
	private readonly done: Promise<void>;
	private readonly watcher: NodeJS.Timeout;

	constructor(readonly source: Source, resume?: Positions) {
		this.watcher = setInterval(() => this.states.add(source.health().state), 20);
		this.done = (async () => {
			for await (const batch of source.batches(resume)) {
				this.events.push(...batch.events);
				if (batch.positions) this.positions = batch.positions;
			}
		})().catch((error: unknown) => {
			this.error = error;
		});
	}

	/** Wait until at least `count` events arrived. */
	async waitFor(count: number, timeoutMs = 60_000): Promise<void> {
		await eventually(() => this.events.length >= count || this.error !== undefined, timeoutMs,
			() => `${this.events.length}/${count} events; health ${JSON.stringify(this.source.health())}`);
		if (this.error !== undefined) throw this.error;
	}

	/** Wait until the source reports `state`. */
	async waitForState(state: SourceHealth['state'], timeoutMs = 60_000): Promise<void> {
		await eventually(() => this.source.health().state === state, timeoutMs, () => `health ${JSON.stringify(this.source.health())}`);
	}

	/** Close the source and wait for the iteration to end. */
	async close(): Promise<void> {
		await this.source.close();
		await this.done;
		clearInterval(this.watcher);
	}

	/** Resolves once the iteration has ended by itself (e.g. with an error). */
	async ended(): Promise<void> {
		await this.done;
		clearInterval(this.watcher);
	}
}
