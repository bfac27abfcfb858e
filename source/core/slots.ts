// Numbered slots in typed arrays (state kept off the JS heap: duplicates, pending events, key windows, hop
// transactions): growing the arrays, and an order over the slots without an object per slot.

/** A copy of `array` with room for `length` elements (the new ones zero). */
export function grown<Numbers extends Float64Array | Int32Array | Uint32Array | Uint8Array>(array: Numbers, length: number): Numbers {
	const copy = new (array.constructor as new (length: number) => Numbers)(length);
	copy.set(array);
	return copy;
}

const none = -1;

/** Slots in order from oldest to newest, as a doubly linked list in two arrays: append, remove, renew in O(1). */
export class SlotOrder {
	/** First slot (-1: empty). */
	oldest = none;
	/** Last slot (-1: empty). */
	newest = none;
	private older = new Int32Array(0);
	private newer = new Int32Array(0);

	/** Make room for slots below `length`. */
	resize(length: number): void {
		this.older = grown(this.older, length);
		this.newer = grown(this.newer, length);
	}

	/** The slot after `slot`, towards the newest (-1: none). */
	next(slot: number): number {
		return this.newer[slot]!;
	}

	/** Put a slot that is not in the order at the newest end. */
	append(slot: number): void {
		this.older[slot] = this.newest;
		this.newer[slot] = none;
		if (this.newest === none) this.oldest = slot;
		else this.newer[this.newest] = slot;
		this.newest = slot;
	}

	/** Take a slot out of the order. */
	remove(slot: number): void {
		const older = this.older[slot]!;
		const newer = this.newer[slot]!;
		if (older === none) this.oldest = newer;
		else this.newer[older] = newer;
		if (newer === none) this.newest = older;
		else this.older[newer] = older;
		this.older[slot] = none;
		this.newer[slot] = none;
	}

	/** Move a slot of the order to the newest end. */
	renew(slot: number): void {
		if (slot === this.newest) return;
		this.remove(slot);
		this.append(slot);
	}
}
