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

/**
 * How many of its largest record batches a partition's share holds at least: the rest of one held back and the next
 * (a producer's later batches are often a little larger than its first: two were not always enough).
 */
const batchesPerShare = 3;

/** The size of the next fetch round, from how fast the last rounds' bytes arrived, and each partition's share of it. */
export class RoundSize {
	/** What the next round may return in all. */
	bytes = firstRoundBytes;

	/**
	 * Per partition, the least share that brings it something: its largest record batch seen, or, starved before one
	 * came, twice the share that brought nothing (a broker gives a partition none of a batch larger than its share
	 * unless it comes first in the answer).
	 */
	private readonly batchBytes = new Map<string, number>();

	/**
	 * What the next round may return per partition when `partitions` are asked for; with `key`, that partition's share,
	 * never less than its batches need.
	 */
	partitionBytes(partitions: number, key?: string): number {
		// Shared fairly, up to the full share each, so that one partition's backlog does not hold back the others until it
		// is read. A partition whose batches are larger gets what they need: a share that brings nothing starves it, and
		// the other partitions' events run ahead of its own in event time (round-bound.ts). The round grows to fit the
		// shares (fetchBytes).
		const fair = Math.min(fullPartitionBytes, Math.max(leastRoundBytes / 4, Math.floor(this.bytes / Math.max(1, partitions))));
		return Math.max(fair, key === undefined ? 0 : this.batchBytes.get(key) ?? 0);
	}

	/**
	 * What a fetch of partitions whose shares add up to `shares` may return: the round, or more so that every share
	 * fits (no partition's turn comes after the answer is full), up to a full round.
	 */
	fetchBytes(shares: number): number {
		return Math.max(this.bytes, Math.min(shares, fullRoundBytes));
	}

	/**
	 * Partition `key` sent a record batch of `bytes`: its share is at least `batchesPerShare` such, so that a round that
	 * resumes it inside a batch (the rest of it was held back, round-bound.ts) brings the next batch too, not the rest
	 * alone (each round would then hand out about one event a partition).
	 */
	sawBatch(key: string, bytes: number): void {
		const need = Math.min(fullRoundBytes, batchesPerShare * bytes);
		if (need > (this.batchBytes.get(key) ?? 0)) this.batchBytes.set(key, need);
	}

	/**
	 * Partition `key`, given a share of `share` that the answer had room for, got nothing though it has more to read.
	 * False when its share cannot grow (it is a full round already).
	 */
	starvedWith(key: string, share: number): boolean {
		const before = this.batchBytes.get(key) ?? 0;
		const after = Math.max(before, Math.min(fullRoundBytes, 2 * share));
		this.batchBytes.set(key, after);
		return after > before;
	}

	/**
	 * The fetches of a round brought `bytes` in `ms` (the wait for the broker's answers, not their decoding: a loaded
	 * machine is not a slow link); `starved`: it gave a partition that had more nothing (its share was smaller
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
