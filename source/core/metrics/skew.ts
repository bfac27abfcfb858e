// Which delivery latencies are clock skew rather than a delivery: event-model.md, "Latency".
/** The longest delivery latency believed (a year): beyond it a clock was wrong, the producer's or the recorder's. */
export const longestDeliveryMs = 365 * 24 * 3600_000;

/** Whether a delivery latency is clock skew: negative (arrived before it happened) or longer than a year. */
export function isSkewed(deliveryMs: number): boolean {
	return deliveryMs < 0 || deliveryMs > longestDeliveryMs;
}
