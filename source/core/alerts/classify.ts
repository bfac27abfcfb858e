// What the rules need to know about an event: its time on the alert clock, and whether it is a payment or a notification.
import type {AlertsConfig} from '../config.js';
import type {Envelope} from '../envelope.js';

/** A producer clock this far ahead of the arrival time is broken: trusting it would make every later event late. */
const futureToleranceMs = 3600_000;

/** The time an event counts at: its event time, else its arrival time (also when the event time is absurdly ahead). */
export function eventTime(env: Envelope): number {
	const {timestamp} = env;
	if (timestamp === undefined) return env.receivedAt;
	return env.deliveryMs !== undefined && env.deliveryMs < -futureToleranceMs ? env.receivedAt : timestamp;
}

/** Bit of `RuleInput.kinds`: the event is a payment (topic or type matches the payment pattern). */
export const paymentKind = 1;
/** Bit of `RuleInput.kinds`: the event is a notification. */
export const notificationKind = 2;

/** Most distinct topic and type names remembered; past it the memory starts over (types can be unbounded). */
const memoLimit = 10_000;

/** Builds the kind bits of each event of a batch, once for every rule. */
export type BatchClassifier = (events: readonly Envelope[]) => Uint8Array;

/** The classifier for the configured payment and notification patterns (case-insensitive, on topic or type). */
export function createClassifier(config: Pick<AlertsConfig, 'paymentPattern' | 'notificationPattern'>): BatchClassifier {
	const payment = new RegExp(config.paymentPattern, 'i');
	const notification = new RegExp(config.notificationPattern, 'i');
	// Topics and types repeat: two regex tests per event would cost more than everything else the rules do.
	const memo = new Map<string, number>();
	const kindOf = (name: string) => {
		let kind = memo.get(name);
		if (kind === undefined) {
			if (memo.size >= memoLimit) memo.clear();
			kind = (payment.test(name) ? paymentKind : 0) | (notification.test(name) ? notificationKind : 0);
			memo.set(name, kind);
		}

		return kind;
	};

	return events => {
		const kinds = new Uint8Array(events.length);
		for (let i = 0; i < events.length; i++) {
			const {topic, type} = events[i]!;
			kinds[i] = (topic === undefined ? 0 : kindOf(topic)) | (type === topic ? 0 : kindOf(type));
		}

		return kinds;
	};
}
