// The alert as stored, shown and streamed out (event-model.md "Default alert rules").
import type {AlertUnread} from '../unread-spans.js';

/** How urgent an alert is. */
export type Severity = 'critical' | 'warning' | 'info';

/** One alert, from firing to resolved. */
export type Alert = {
	/** Unique: rule, key and firing time. */
	id: string;
	rule: string;
	key: string;
	severity: Severity;
	/** Event time (ms) when it fired. */
	firedAt: number;
	/** Event time (ms) when it resolved; absent while firing. */
	resolvedAt?: number;
	value: number;
	threshold: number;
	message: string;
	/** Correlation ids of transactions that triggered it, newest first (while it fires, the newest), so a viewer can open one. */
	exampleIds: string[];
	/** The key names a party (a customer, an IP, a recipient): set by a stage that raised it so (StageAlert `party`). */
	party?: true;
	acknowledged?: boolean;
	/** Fired while a source was not being read (an outage, live or recorded): which, from when to when, why. */
	unread?: AlertUnread;
};
