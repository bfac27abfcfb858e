// A bounded map that forgets the least recently used entries in bulk: two generations of at most `generation`
// entries each; when the young one fills up, the old one is dropped. O(1) per operation, no per-entry bookkeeping.

/** Bounded key/value cache keeping roughly the `2 × generation` most recently used entries. */
export class GenerationalCache<K, V> {
	private young = new Map<K, V>();
	private old = new Map<K, V>();
	private holdsAll: boolean;
	private dropped = 0;

	/** `holdsAll`: whether every key there is will be set here (the keys' source starts empty); see holdsEveryKey. */
	constructor(private readonly generation: number, holdsAll = false) {
		this.holdsAll = holdsAll;
	}

	/** Entries held now (both generations; a key can be in both after a refresh): what the cache costs in memory. */
	get size(): number {
		return this.young.size + this.old.size;
	}

	/**
	 * Whether a key it lacks exists nowhere: it was made holding all keys there are and has let none go since (no
	 * generation dropped, nothing cleared).
	 */
	get holdsEveryKey(): boolean {
		return this.holdsAll;
	}

	/**
	 * How many times it has let entries go (a generation dropped counts one, a clear two): a key set when this read
	 * n is still held while it reads less than n + 2, unless deleted.
	 */
	get drops(): number {
		return this.dropped;
	}

	/** The cached value, refreshed as recently used. */
	get(key: K): V | undefined {
		const value = this.young.get(key);
		if (value !== undefined) return value;
		const aged = this.old.get(key);
		if (aged !== undefined) this.set(key, aged);
		return aged;
	}

	/** Remember a value. */
	set(key: K, value: V): void {
		this.young.set(key, value);
		if (this.young.size >= this.generation) {
			if (this.old.size > 0) this.holdsAll = false;
			this.dropped++;
			this.old = this.young;
			this.young = new Map();
		}
	}

	/** Forget one key. */
	delete(key: K): void {
		this.young.delete(key);
		this.old.delete(key);
	}

	/** Forget everything. */
	clear(): void {
		this.young = new Map();
		this.old = new Map();
		this.holdsAll = false;
		this.dropped += 2;
	}
}
