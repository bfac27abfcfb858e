// How much one fetch round asks for: as much as the source can take on a fast link, less on a slow one (a VPN, a jump
// host), so that events reach the engine every second or so instead of in bursts many seconds apart.

/**
 * What one round may return on a link that keeps up, and per partition. 1 MiB per partition (kafkajs' default) read
 * faster than 4 MiB (drains of 200 k events on a loaded machine: median 28 k events/s over 3 runs, against 22 k over
 * 5): smaller batches reach the engine sooner while the next fetch is under way.
 */
const fullRoundBytes = 8 * 1024 * 1024;
const fullPartitionBytes = 1024 * 1024;

/**
 * The first round's size, before anything is known of the link: 1 MiB comes in a second at 1 MB/s, and a fast
 * link's next round is already full.
 */
const firstRoundBytes = 1024 * 1024;

/** How long a round should take to arrive on a slow link. */
const roundTargetMs = 1000;

/** The least a round asks for, however slow the link: the overhead of a round stays small beside its data. */
const leastRoundBytes = 64 * 1024;

/** The size of the next fetch round, from how fast the last rounds' bytes arrived. */
export class RoundSize {
	/** What the next round may return in all. */
	bytes = firstRoundBytes;

	/** What the next round may return per partition when `partitions` are asked for. */
	partitionBytes(partitions: number): number {
		// Shared fairly, up to the full share each: the shares add up to no more than the round (unless there are so many
		// that each gets the least), so that no partition's turn comes after the answer is full and it gets nothing (a
		// backlog's partitions would run apart in event time, round-bound.ts), and one partition's backlog does not hold
		// back the others until it is read.
		return Math.min(fullPartitionBytes, Math.max(leastRoundBytes / 4, Math.floor(this.bytes / Math.max(1, partitions))));
	}

	/**
	 * A round brought `bytes` in `ms`; `starved`: it gave a partition that had more nothing (its share was smaller
	 * than its first batch, or the answer was full before its turn). Only a round that was full or starved (the
	 * round's size, not the data, set its pace) or slow says how fast the link is: a quiet topic's small rounds say
	 * nothing about it.
	 */
	measured(bytes: number, ms: number, starved = false): void {
		if (!starved && bytes < this.bytes / 2 && ms <= roundTargetMs) return;
		const perMs = bytes / Math.max(1, ms);
		this.bytes = Math.round(Math.min(fullRoundBytes, Math.max(leastRoundBytes, perMs * roundTargetMs)));
	}
}
