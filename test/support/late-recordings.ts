// Recordings whose events are read minutes after their event time (a lagging partition, a lagging pair of topics),
// for the alert rules that judge windows of event time: error-rate's late failures, slo.latency's late slow hops.

/** Event time 0 of these recordings. */
export const start = Date.UTC(2026, 10, 20, 9);
/** One second in ms. */
export const second = 1000;

type Line = {topic: string; partition: number; at: number; readAt: number; value: Record<string, unknown>};

/**
 * The lines in the order they were read, times in ms after `start`; with `quietAt`, a clock line there (a live run's
 * quiet second, docs/recording-format.md "Quiet time"), which makes the hops before it final.
 */
function recording(lines: Line[], quietAt?: number): string {
	const text = lines
		.sort((a, b) => a.readAt - b.readAt)
		.map(({topic, partition, at, readAt, value}) => ({readAt, line: JSON.stringify({
			topic,
			partition,
			recordedAt: new Date(start + readAt).toISOString(),
			value: {...value, timestamp: new Date(start + at).toISOString()},
		})}));
	if (quietAt !== undefined) {
		const at = text.findIndex(({readAt}) => readAt > quietAt);
		text.splice(at, 0, {readAt: quietAt, line: JSON.stringify({$recording: {version: 1, clock: new Date(start + quietAt).toISOString()}})});
	}

	return `${text.map(({line}) => line).join('\n')}\n`;
}

/**
 * payments: partition 0 has a fine payment every second from 0 to 240 s, read at once; partition 1's ten failed
 * payments from 20.5 s to 29.5 s are read at 200 s. In event time the minute ending at 21.5 s holds 24 payments,
 * 2 failed (8.3 %); it stays above 5 % until the failure of 26.5 s leaves the minute (after 86 s: 4 of 64).
 */
export function lateErrors(): string {
	const lines: Line[] = [];
	for (let s = 0; s <= 240; s++) lines.push({topic: 'payments', partition: 0, at: s * second, readAt: s * second + 100, value: {eventId: `ok-${s}`, transactionId: `tx-ok-${s}`, status: 'completed'}});
	for (let n = 0; n < 10; n++) {
		lines.push({topic: 'payments', partition: 1, at: (20.5 + n) * second, readAt: 200 * second + n, value: {eventId: `fail-${n}`, transactionId: `tx-fail-${n}`, status: 'failed'}});
	}

	return recording(lines);
}

/**
 * Orders paid 100 ms later every 500 ms from 0 to `until` ms (default 290 s), read at once; five orders of 10 to 14 s
 * paid 2 s later, both read 5 s after that (after a quiet second; with `quiet` false, in the same read as the newest). In the windows of their own time (up to 19.6 s: 40 fast hops and 5 slow)
 * the p99 is slow; in the five minutes ending at the clock 290 s, 5 of 585 hops are slow, under 1 %.
 */
export function lateSlowHops(until = 290 * second, quiet = true): string {
	const lines: Line[] = [];
	const order = (id: string, at: number, paidAfter: number, readAt: number) => {
		lines.push({topic: 'orders', partition: 0, at, readAt, value: {eventId: `o-${id}`, orderId: id}});
		lines.push({topic: 'payments', partition: 0, at: at + paidAfter, readAt: readAt + paidAfter, value: {eventId: `p-${id}`, orderId: id}});
	};

	for (let ms = 0; ms <= until; ms += 500) order(`ORD-${ms}`, ms, 100, ms + 150);
	for (let s = 10; s <= 14; s++) order(`SLOW-${s}`, s * second, 2000, until + 5 * second + s);
	// Read after a quiet second: the hops up to then are final before the late ones come.
	return recording(lines, quiet ? until + 5 * second : undefined);
}
