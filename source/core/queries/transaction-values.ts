// The values of an event's whole transaction: where masking looks for the personal values a text may repeat.
import type {Envelope} from '../envelope.js';
import type {TransactionView} from './transaction.js';

/**
 * What of an event masking reads personal values from: its value, and its headers, named as fields are (a
 * `customer-email` or `x-user-name` header is personal by its name).
 */
const carried = (event: Pick<Envelope, 'value' | 'headers'>): unknown[] => [event.value, event.headers];

/** The values and headers of events (an aggregate's, `state --id`), for transactionMask (personal-data.ts). */
export function eventsValues(events: ReadonlyArray<Pick<Envelope, 'value' | 'headers'>>): unknown[] {
	return events.flatMap(event => carried(event));
}

/** The values and headers of every event of a transaction, for transactionMask (personal-data.ts). */
export function viewValues(view: TransactionView): unknown[] {
	return eventsValues(view.steps.map(step => step.event));
}

/**
 * The values whose personal values a text of `event` must not show: those of every event of its transaction (their
 * values and headers), the stored ones (the store's timeline of its first id, `transaction`) and those of `unstored`
 * (a batch the stages read before it is stored) in it; only its own when it has neither id nor transaction.
 */
export function transactionValues(event: Pick<Envelope, 'ids' | 'txId' | 'value' | 'headers'>, transaction: (id: string) => TransactionView | undefined, unstored: readonly Envelope[] = []): unknown[] {
	const view = event.ids[0] === undefined ? undefined : transaction(event.ids[0]);
	const stored = view ? viewValues(view) : carried(event);
	if (event.txId === 0) return stored;
	return [...stored, ...eventsValues(unstored.filter(other => other.txId === event.txId))];
}
