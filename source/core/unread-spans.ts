// The times a source could not read (a live outage, or one a recording says), and the alerts that fired in them:
// such an alert says so, so that a silence or a dip the tool caused does not pass for the system's own.
import type {Alert} from './alerts/types.js';
import {isoSecond, type RecordedOutage} from './sources/recording/outage-line.js';

/** What an alert fired while a source was not being read says of it (times: the arrival clock, as the outage's). */
export type AlertUnread = {source: string; from: number; to?: number; reason?: string};

/** One outage, and where the alerts' clock stood when it began (ms). */
type Span = {outage: RecordedOutage; clockFrom: number};

/** How many outages are kept to judge alerts by: the oldest go first. */
const keptSpans = 1000;

/** The outages of a run, told as they begin and end, and the alerts that fired inside them. */
export class UnreadSpans {
	private readonly spans: Span[] = [];
	private readonly byAlert = new Map<string, Span>();

	/**
	 * Note an outage (one without `to` began; one with it ended) while the alerts' clock stands at `alertClock`:
	 * alert times from there for as long as the outage lasted are inside it.
	 */
	note(outage: RecordedOutage, alertClock: number): void {
		const open = this.spans.find(span => span.outage.to === undefined && span.outage.source === outage.source && span.outage.from === outage.from);
		if (open) {
			open.outage = {...open.outage, ...outage};
			return;
		}

		// The end of an outage whose beginning was not read (cut by --from) lasted until now.
		const clockFrom = Number.isFinite(alertClock) ? alertClock - (outage.to === undefined ? 0 : outage.to - outage.from) : outage.from;
		this.spans.push({outage, clockFrom});
		if (this.spans.length > keptSpans) this.spans.shift();
	}

	/** Note the alerts that just fired: those fired inside an outage are kept with it. */
	fired(alerts: readonly Alert[]): void {
		for (const alert of alerts) {
			const span = this.spans.find(span => alert.firedAt >= span.clockFrom && (span.outage.to === undefined || alert.firedAt <= span.clockFrom + span.outage.to - span.outage.from));
			if (span) this.byAlert.set(alert.id, span);
		}
	}

	/** The outages noted, the newest keptSpans, as they stand now (an ended one with its `to`), oldest first. */
	outages(): RecordedOutage[] {
		return this.spans.map(span => span.outage);
	}

	/** `alert` saying the outage it fired in (the `unread` field, and its message), or as it is. */
	dress(alert: Alert): Alert {
		const span = this.byAlert.get(alert.id);
		if (!span) return alert;
		const {source, from, to, reason} = span.outage;
		const unread: AlertUnread = {source, from, ...(to !== undefined && {to}), ...(reason !== undefined && {reason})};
		return {...alert, unread, message: `${alert.message} (fired while ${unreadWords(unread)})`};
	}
}

/** An outage said for people: `kafka://b:9092 was not being read from 2026-12-07T05:00:05Z to 2026-12-07T05:00:46Z: REASON`. */
export function unreadWords({source, from, to, reason}: AlertUnread): string {
	return `${source} was not being read from ${isoSecond(from)}${to === undefined ? ' on' : ` to ${isoSecond(to)}`}${reason === undefined ? '' : `: ${reason}`}`;
}
