// The values of an event's whole transaction: where masking looks for the personal values a text may repeat.
import type {Envelope} from '../envelope.js';
import type {TransactionView} from './transaction.js';

/**
 * The values whose personal values a text of `event` must not show: those of every event of its transaction, the
 * stored ones (the store's timeline of its first id, `transaction`) and those of `unstored` (a batch the stages read
 * before it is stored) in it; only its own when it has neither id nor transaction.
 */
export function transactionValues(event: Pick<Envelope, 'ids' | 'txId' | 'value'>, transaction: (id: string) => TransactionView | undefined, unstored: readonly Envelope[] = []): unknown[] {
	const view = event.ids[0] === undefined ? undefined : transaction(event.ids[0]);
	const stored = view ? view.steps.map(step => step.event.value) : [event.value];
	if (event.txId === 0) return stored;
	return [...stored, ...unstored.filter(other => other.txId === event.txId).map(other => other.value)];
}
