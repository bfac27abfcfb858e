// The simulator's only source of randomness: a seeded PRNG, so a seed always yields the same events.

/** Mix numbers into one 32-bit seed (murmur3 finalizer per input), e.g. a seed with a start time. */
export function mixSeed(...inputs: number[]): number {
	let hash = 0x9E_37_79_B9;
	for (const input of inputs) {
		// Split into 32-bit halves: start times in ms do not fit in one.
		for (const part of [input >>> 0, Math.floor(input / 4_294_967_296) >>> 0]) {
			hash = Math.imul(hash ^ part, 0x85_EB_CA_6B);
			hash ^= hash >>> 13;
			hash = Math.imul(hash, 0xC2_B2_AE_35);
			hash ^= hash >>> 16;
		}
	}

	return hash >>> 0;
}

const hexDigits = '0123456789abcdef';

/** mulberry32: fast, 32-bit state, good enough statistics for synthetic traffic (not for cryptography). */
export class Random {
	private state: number;

	constructor(seed: number) {
		this.state = mixSeed(seed);
	}

	/** Uniform in [0, 1). */
	next(): number {
		this.state = (this.state + 0x6D_2B_79_F5) | 0;
		let t = this.state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	}

	/** Uniform integer in [min, max]. */
	int(min: number, max: number): number {
		return min + Math.floor(this.next() * (max - min + 1));
	}

	/** Uniform real in [min, max). */
	between(min: number, max: number): number {
		return min + this.next() * (max - min);
	}

	/** True with probability p. */
	chance(p: number): boolean {
		return this.next() < p;
	}

	/** One element of a non-empty list. */
	pick<T>(list: readonly T[]): T {
		return list[Math.floor(this.next() * list.length)]!;
	}

	/** `length` random lowercase hex digits, for ids like `chk_3f9a2c1d`. */
	hex(length: number): string {
		let text = '';
		for (let i = 0; i < length; i++) text += hexDigits[Math.floor(this.next() * 16)];
		return text;
	}

	/** Exponentially distributed with the given mean: the long tail of real delivery times. */
	exponential(mean: number): number {
		return -Math.log(1 - this.next()) * mean;
	}
}
