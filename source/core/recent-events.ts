// A bounded ring of the newest events, for live tails; older ones are still in the store.
import type {Envelope} from './envelope.js';

/** Keeps the newest `limit` events in arrival order. */
export class RecentEvents {
	private readonly ring: Array<Envelope | undefined>;
	private next = 0;
	private size = 0;

	constructor(private readonly limit: number) {
		this.ring = new Array<Envelope | undefined>(limit);
	}

	/** Add a batch; the oldest events fall out once the ring is full. */
	push(batch: Envelope[]): void {
		const start = Math.max(0, batch.length - this.limit);
		for (let i = start; i < batch.length; i++) {
			this.ring[this.next] = batch[i];
			this.next = (this.next + 1) % this.limit;
		}

		this.size = Math.min(this.limit, this.size + batch.length - start);
	}

	/** The events held, oldest first. */
	list(): Envelope[] {
		const out: Envelope[] = [];
		const first = (this.next - this.size + this.limit) % this.limit;
		for (let i = 0; i < this.size; i++) out.push(this.ring[(first + i) % this.limit]!);
		return out;
	}
}
