// What size-based retention knows of the pages in use between measurements. A measurement (usedBytes, ~0.1–0.4 ms)
// is exact; between them the size is estimated from the events stored since, and measured again once the bytes
// written since could have used a good part of the room left, or whenever the estimate says the cap is near.
import {usedBytes, type Databases} from './databases.js';

/** Fraction of the room left under the target that may be written before the size is measured again. */
const driftFraction = 0.25;

/** Pages in use, as last measured plus what was stored since. */
export class SizeGauge {
	/** Bytes in use at the last measurement; undefined when never measured or when events were deleted since. */
	private measured: number | undefined;
	/** Bytes in use per stored event at the last measurement (every index entry and page overhead included). */
	private perEvent = 0;
	private eventsSince = 0;
	/** Encoded event bytes stored since the last measurement. */
	private bytesSince = 0;

	constructor(private readonly dbs: Databases) {}

	/** A batch committed `events` events of `bytes` encoded bytes. */
	added(events: number, bytes: number): void {
		this.eventsSince += events;
		this.bytesSince += bytes;
	}

	/** Events were deleted (or a commit failed): the next estimate measures. */
	forget(): void {
		this.measured = undefined;
	}

	/**
	 * Bytes in use once `incoming` more events are stored, and the bytes one event takes; measured rather than
	 * estimated when the estimate may have drifted or reaches `target`.
	 */
	estimate(storedEvents: number, incoming: number, target: number): {bytes: number; perEvent: number} {
		if (this.measured === undefined || this.bytesSince >= (target - this.measured) * driftFraction) this.measure(storedEvents);
		let bytes = this.measured! + ((this.eventsSince + incoming) * this.perEvent);
		if (bytes > target && this.eventsSince > 0) {
			this.measure(storedEvents);
			bytes = this.measured! + (incoming * this.perEvent);
		}

		return {bytes, perEvent: this.perEvent};
	}

	private measure(storedEvents: number): void {
		this.measured = usedBytes(this.dbs);
		this.perEvent = storedEvents > 0 ? this.measured / storedEvents : 0;
		this.eventsSince = 0;
		this.bytesSince = 0;
	}
}
