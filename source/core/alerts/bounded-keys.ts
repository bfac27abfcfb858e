// Per-key rule state with a hard cap: memory follows the keys active in the window, not every key ever seen.
import type {KeyCount} from './rule.js';

/** A key's state in the recency list; `touched`: used again since it was last put at the newest end. */
type Node<State> = {key: string; state: State; older: Node<State> | undefined; newer: Node<State> | undefined; touched: boolean};

/**
 * Keys in (nearly) least-recently-used order, so expiry and eviction work from the oldest end without scanning.
 * A touch only flags the key ("second chance"): it is moved to the newest end when it reaches the oldest end,
 * which costs a write per event instead of relinking (or re-inserting into a Map, which costs microseconds).
 */
export class BoundedKeys<State> {
	private readonly nodes = new Map<string, Node<State>>();
	private oldest: Node<State> | undefined;
	private newest: Node<State> | undefined;
	// Runs of events with the same key (a partition's batch, one topic) skip the Map.
	private last: Node<State> | undefined;
	private droppedKeys = 0;

	/**
	 * `live`: whether a key's state still holds something in its window at the clock; a key kept only for late
	 * events (behind the window, inside the allowed lateness) that is dropped at the cap is not counted as dropped.
	 */
	constructor(private readonly maxKeys: number, private readonly live: (state: State) => boolean = () => true) {}

	/** The state of `key`, created when missing; may drop the least recently used key to stay within the cap. */
	touch(key: string, create: (key: string) => State): State {
		const last = this.last;
		if (last !== undefined && last.key === key) {
			last.touched = true;
			return last.state;
		}

		let node = this.nodes.get(key);
		if (node === undefined) {
			if (this.nodes.size >= this.maxKeys) this.dropOldest();
			node = {key, state: create(key), older: this.newest, newer: undefined, touched: false};
			if (this.newest === undefined) this.oldest = node;
			else this.newest.newer = node;
			this.newest = node;
			this.nodes.set(key, node);
		} else {
			node.touched = true;
		}

		this.last = node;
		return node.state;
	}

	/** Forget keys from the oldest end while `expired` says their window is empty; keys used since move to the newest end. */
	expire(expired: (state: State) => boolean): void {
		for (let node = this.oldest; node !== undefined; node = this.oldest) {
			if (expired(node.state)) this.remove(node);
			else if (node.touched) this.renew(node);
			else return;
		}
	}

	/** Every tracked key with its state, oldest first; `forget` may remove the current one. */
	each(visit: (key: string, state: State, forget: () => void) => void): void {
		for (let node = this.oldest; node !== undefined;) {
			const current = node;
			node = node.newer;
			visit(current.key, current.state, () => this.remove(current));
		}
	}

	/** Tracked and dropped key counts. */
	count(): KeyCount {
		return {tracked: this.nodes.size, dropped: this.droppedKeys};
	}

	private dropOldest(): void {
		while (this.oldest!.touched) this.renew(this.oldest!);
		const oldest = this.oldest!;
		if (this.live(oldest.state)) this.droppedKeys++;
		this.remove(oldest);
	}

	/** Give a used key another round: clear its flag and put it at the newest end. */
	private renew(node: Node<State>): void {
		node.touched = false;
		if (node === this.newest) return;
		this.unlink(node);
		node.older = this.newest;
		this.newest!.newer = node;
		this.newest = node;
	}

	private remove(node: Node<State>): void {
		this.unlink(node);
		this.nodes.delete(node.key);
		if (this.last === node) this.last = undefined;
	}

	private unlink(node: Node<State>): void {
		if (node.older === undefined) this.oldest = node.newer;
		else node.older.newer = node.newer;
		if (node.newer === undefined) this.newest = node.older;
		else node.newer.older = node.older;
		node.older = undefined;
		node.newer = undefined;
	}
}
