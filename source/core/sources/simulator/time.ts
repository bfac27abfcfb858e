// ISO-8601 timestamps for generated payloads, fast enough for millions of events per second.

const millis = Array.from({length: 1000}, (_, ms) => `${String(ms).padStart(3, '0')}Z`);
const slots = 16;

/**
 * Formats epoch ms like `Date#toISOString` (UTC, millisecond precision). Events being generated span a few
 * seconds at a time, so the per-second prefix is cached in a small direct-mapped table instead of building a
 * Date for every event.
 */
export class IsoFormatter {
	private readonly seconds = new Float64Array(slots).fill(Number.NaN);
	private readonly prefixes = new Array<string>(slots).fill('');

	/** `2026-11-27T08:00:00.123Z` for the given epoch ms (integers). */
	format(ms: number): string {
		const second = Math.floor(ms / 1000);
		const slot = second & (slots - 1);
		if (this.seconds[slot] !== second) {
			this.seconds[slot] = second;
			this.prefixes[slot] = new Date(second * 1000).toISOString().slice(0, 20);
		}

		return this.prefixes[slot]! + millis[ms - second * 1000]!;
	}
}
