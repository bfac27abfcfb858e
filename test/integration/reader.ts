// Test helper: pulls a source's batches in the background and lets a test wait for a number of events.
import {setTimeout as delay} from 'node:timers/promises';
import {vi} from 'vitest';
import type {RawEvent} from '../../source/core/envelope.js';
import type {Source, SourceHealth} from '../../source/core/sources/source.js';
import type {Positions, RestartedPartition} from '../../source/core/store/types.js';
import {limit} from '../support/limits.js';

export {uniqueName} from '../support/unique-name.js';

/** Let `ms` pass with the reader still open: time itself is tested, for an event that must not come (a duplicate, one past the end). */
export async function noMoreWithin(ms: number): Promise<void> {
	await delay(ms);
}

/** Reads every batch of a source as fast as it comes, keeping the events, the latest positions and the states seen. */
export class Reader {
	readonly events: RawEvent[] = [];
	positions: Positions = {};
	/** Partitions the source said it started again (their offsets went back). */
	readonly restarted: RestartedPartition[] = [];
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
				this.restarted.push(...batch.restarted ?? []);
			}
		})().catch((error: unknown) => {
			this.error = error;
		});
	}

	/** Wait until at least `count` events arrived. */
	async waitFor(count: number, timeoutMs = limit(60_000)): Promise<void> {
		await vi.waitFor(() => {
			if (this.error !== undefined) return;
			if (this.events.length < count) throw new Error(`waiting for ${count} events: ${this.events.length} so far; health ${JSON.stringify(this.source.health())}`);
		}, {timeout: timeoutMs, interval: 50});
		if (this.error !== undefined) throw this.error;
	}

	/** Wait until the source reports `state`. */
	async waitForState(state: SourceHealth['state'], timeoutMs = limit(60_000)): Promise<void> {
		await vi.waitFor(() => {
			const health = this.source.health();
			if (health.state !== state) throw new Error(`waiting for the state ${state}; health ${JSON.stringify(health)}`);
		}, {timeout: timeoutMs, interval: 50});
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
