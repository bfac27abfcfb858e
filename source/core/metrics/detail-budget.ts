// The memory all series may spend on latency detail, and which minutes give it back first (the oldest).
import type {Minute} from './minute.js';

/** Minutes in the order they started holding something, with the start they had then (minutes get reused). */
class MinuteQueue {
	private minutes: Minute[] = [];
	private starts: number[] = [];
	private head = 0;
	private compactAt = 1024;

	/** Queue a minute; now and then drop entries that no longer hold anything. */
	push(minute: Minute, holds: (minute: Minute) => boolean): void {
		this.minutes.push(minute);
		this.starts.push(minute.start);
		if (this.minutes.length - this.head < this.compactAt) return;
		const minutes: Minute[] = [];
		const starts: number[] = [];
		for (let i = this.head; i < this.minutes.length; i++) {
			if (this.minutes[i]!.start === this.starts[i] && holds(this.minutes[i]!)) {
				minutes.push(this.minutes[i]!);
				starts.push(this.starts[i]!);
			}
		}

		this.minutes = minutes;
		this.starts = starts;
		this.head = 0;
		this.compactAt = Math.max(1024, minutes.length * 2);
	}

	/** The oldest queued minute that still holds something, removed from the queue. */
	shift(holds: (minute: Minute) => boolean): Minute | undefined {
		while (this.head < this.minutes.length) {
			const minute = this.minutes[this.head]!;
			const start = this.starts[this.head++]!;
			if (minute.start === start && holds(minute)) return minute;
		}

		return undefined;
	}
}

const holdsDetail = (minute: Minute) => minute.detailBytes > 0;
const holdsMerged = (minute: Minute) => minute.mergedBytes > 0;

/**
 * Bytes of latency detail (raw values, per-second sketches) and merged minute sketches held by every series of
 * one `Metrics`. Past the limit the oldest minutes shed their detail (keeping a merged sketch: their quantiles
 * become per minute), then the oldest merged sketches go (those minutes then count events but add no latency).
 */
export class DetailBudget {
	/** Bytes held now. */
	bytes = 0;
	private readonly detail = new MinuteQueue();
	private readonly merged = new MinuteQueue();

	constructor(readonly limit: number) {}

	/** A minute started holding detail (raw values or per-second sketches). */
	trackDetail(minute: Minute): void {
		this.detail.push(minute, holdsDetail);
	}

	/** A minute built a merged sketch. */
	trackMerged(minute: Minute): void {
		this.merged.push(minute, holdsMerged);
	}

	/** Give back detail, oldest first, until the bytes fit the limit (called after each batch). */
	enforce(): void {
		while (this.bytes > this.limit) {
			const detailed = this.detail.shift(holdsDetail);
			if (detailed) {
				detailed.shedDetail();
				continue;
			}

			const merged = this.merged.shift(holdsMerged);
			if (!merged) return;
			merged.dropMerged();
		}
	}
}
