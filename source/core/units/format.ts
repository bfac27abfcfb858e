// How numbers, rates, durations and counted words read, the same in the TUI and in every headless command:
// `6,955 ms`, `12.4 s`, `3m 05s`, `1 alert`, `2 alerts`.

// One formatter each for every call: toLocaleString with options builds a new one each time (~50 µs, every frame).
const wholeFormat = new Intl.NumberFormat('en-US', {maximumFractionDigits: 0});
const numberFormat = new Intl.NumberFormat('en-US', {maximumFractionDigits: 2});

/** A count with thousands separators (`44,171`); `-` when unknown. */
export function formatCount(value: number | undefined): string {
	if (value === undefined || !Number.isFinite(value)) return '-';
	const whole = Math.round(value);
	// Below 1,000 there is no separator to place (−0 is the formatter's `-0`): alert rules count in every report.
	if (whole > 0 && whole < 1000) return String(whole);
	return wholeFormat.format(whole);
}

/** A number with thousands separators and at most two decimals (`1,234.5`); `-` when unknown. */
export function formatNumber(value: number | undefined): string {
	if (value === undefined || Number.isNaN(value)) return '-';
	return numberFormat.format(value);
}

/**
 * A rate per second: whole numbers as they are, fractions with one decimal below 10, two significant digits below
 * 0.1 (`0.017`) and `<0.001` below that, where one decimal would read `0.0` for a system that is slow, not stopped.
 */
export function formatRate(value: number | undefined): string {
	if (value === undefined || !Number.isFinite(value)) return '-';
	if (value > 0 && value < 0.001) return '<0.001';
	if (value > 0 && value < 0.1) return String(Number(value.toPrecision(2)));
	return value >= 10 || Number.isInteger(value) ? formatCount(value) : value.toFixed(1);
}

/** Milliseconds with a unit: `2.5 ms`, `6,955 ms`, `12.4 s`, `3m 05s`; `-` when unknown. */
export function formatMs(value: number | undefined): string {
	if (value === undefined || !Number.isFinite(value)) return '-';
	const sign = value < 0 ? '-' : '';
	const abs = Math.abs(value);
	if (abs < 10) return `${sign}${Math.round(abs * 10) / 10} ms`;
	if (abs < 10_000) return `${sign}${formatCount(abs)} ms`;
	if (abs < 60_000) return `${sign}${(abs / 1000).toFixed(1)} s`;
	return sign + formatDuration(abs);
}

/** A span of time for people, to the second: `45s`, `3m 05s`, `2h 10m`. */
export function formatDuration(ms: number): string {
	const seconds = Math.max(0, Math.floor(ms / 1000));
	if (seconds < 60) return `${seconds}s`;
	const minutes = Math.floor(seconds / 60);
	if (minutes < 60) return `${minutes}m ${String(seconds % 60).padStart(2, '0')}s`;
	const hours = Math.floor(minutes / 60);
	return `${hours}h ${String(minutes % 60).padStart(2, '0')}m`;
}

/** A window or threshold of time, as short as it is exact: `250 ms`, `30s`, `5m`, `1h`; else as formatMs (`12.4 s`). */
export function formatSpan(ms: number): string {
	if (ms >= 3_600_000 && ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
	if (ms >= 60_000 && ms % 60_000 === 0) return `${ms / 60_000}m`;
	if (ms >= 1000 && ms % 1000 === 0 && ms < 60_000) return `${ms / 1000}s`;
	return formatMs(ms);
}

/** A fraction as a percentage with up to two decimals, so a rate just over a threshold does not read as equal to it: 0.0501 → `5.01 %`. */
export function formatPercent(fraction: number | undefined): string {
	if (fraction === undefined || !Number.isFinite(fraction)) return '-';
	return `${Math.round(fraction * 10_000) / 100} %`;
}

/** A count and its noun, singular for one: `1 alert`, `3 alerts`, `1,204 events` (`plural` when not noun + s). */
export function counted(count: number, noun: string, plural = `${noun}s`): string {
	return `${formatCount(count)} ${Math.round(count) === 1 ? noun : plural}`;
}
