// Durations as people write them (`250ms`, `10s`, `5m`, `1h`, `7d`; a bare number is seconds).

const units: Record<string, number> = {ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000};

/** Milliseconds of a duration text, or undefined when it is not one. */
export function durationMs(text: string): number | undefined {
	const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.exec(text.trim());
	return match ? Number(match[1]) * units[match[2] ?? 's']! : undefined;
}
