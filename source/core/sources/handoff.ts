// A one-slot meeting point between a push-style client callback and a pulled async iterator.

type Slot<T> = {item: T; delivered: (taken: boolean) => void};

/**
 * `put` (from a client callback such as kafkajs `eachBatch`) resolves only once `take` (from `batches()`) has
 * handed the item on, so the client stops fetching while the engine is busy: backpressure with at most one batch
 * in memory per waiting callback.
 */
export class Handoff<T> {
	private readonly slots: Array<Slot<T>> = [];
	private waiter: ((slot: Slot<T> | undefined) => void) | undefined;
	private ended = false;
	private failure: unknown;

	/** Offer an item; resolves true when taken, false when dropped or closed. */
	async put(item: T): Promise<boolean> {
		if (this.ended) return false;
		return new Promise<boolean>(resolve => {
			const slot = {item, delivered: resolve};
			if (this.waiter) {
				const waiter = this.waiter;
				this.waiter = undefined;
				waiter(slot);
			} else {
				this.slots.push(slot);
			}
		});
	}

	/** The next item; undefined once closed; throws the error given to `fail`. */
	async take(): Promise<T | undefined> {
		const slot = this.slots.shift() ?? (this.ended ? undefined : await new Promise<Slot<T> | undefined>(resolve => {
			this.waiter = resolve;
		}));
		if (this.failure !== undefined) throw this.failure;
		if (!slot) return undefined;
		slot.delivered(true);
		return slot.item;
	}

	/** Whether a producer is waiting for its item to be taken. */
	get busy(): boolean {
		return this.slots.length > 0;
	}

	/** Release every waiting producer without delivering its item (it will be read again from the saved position). */
	drop(): void {
		for (const slot of this.slots.splice(0)) slot.delivered(false);
	}

	/** End the iteration: pending items are dropped, a waiting `take` resolves undefined. */
	close(): void {
		this.ended = true;
		this.drop();
		const waiter = this.waiter;
		this.waiter = undefined;
		waiter?.(undefined);
	}

	/** End the iteration with an error that `take` throws. */
	fail(error: unknown): void {
		this.failure = error;
		this.close();
	}
}
