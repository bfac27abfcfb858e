// Reading a duration typed by a person, the same for command flags (--duration 30s) and the TUI (:window 5m).

/** Milliseconds in each unit a duration may be written in (`min` only in configuration files, whose pattern takes it). */
export const durationUnitMs: Readonly<Record<string, number>> = {ms: 1, s: 1000, m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000};

/** Milliseconds of `250ms`, `10s`, `5m`, `1h`, `7d` (units in any case; a bare number is seconds); undefined when it is none. */
export function parseDurationMs(text: string): number | undefined {
	const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/i.exec(text.trim());
	return match ? Number(match[1]) * durationUnitMs[(match[2] ?? 's').toLowerCase()]! : undefined;
}

/** Milliseconds of a duration written in a file (YAML, JSON): a number of seconds or a text as parseDurationMs reads it. */
export function durationValueMs(value: unknown): number | undefined {
	if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value * 1000 : undefined;
	return typeof value === 'string' ? parseDurationMs(value) : undefined;
}
