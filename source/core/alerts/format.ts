// How alert messages write durations and numbers: short, and the same in every rule.

/** A duration as messages show it: "250 ms", "30 s", "90.5 s", "5 min", "60 min". */
export function formatDuration(ms: number): string {
	if (ms < 1000) return `${round(ms)} ms`;
	if (ms >= 120_000 && ms % 60_000 === 0) return `${ms / 60_000} min`;
	return `${round(ms / 1000)} s`;
}

/** A number with at most one decimal (amounts and rates keep what they need to be recognised). */
export function round(value: number): string {
	return String(Math.round(value * 10) / 10);
}

/** A fraction as a percentage with up to two decimals, so a rate just over a threshold does not read as equal to it: 0.0501 → "5.01 %". */
export function formatPercent(fraction: number): string {
	return `${Math.round(fraction * 10_000) / 100} %`;
}
