// The mask `check` evidence is written through: an event's personal data masked with its whole transaction's.
import type {FieldConfig} from '../config.js';
import {transactionMask} from '../personal-data.js';
import type {TransactionView} from '../queries/transaction.js';
import {transactionValues} from '../queries/transaction-values.js';
import type {EvidenceMask} from './checkers.js';

/**
 * Evidence masked as `audit query` masks (personal-data.ts transactionMask): a personal value one event of the
 * transaction carries in a personal field is masked in another's text. The transaction is read from the store once
 * per example the evidence names, when it is written (at the end), never per event.
 */
export function evidenceMask(fields: FieldConfig, transaction: (id: string) => TransactionView | undefined): NonNullable<EvidenceMask> {
	return (value, event) => transactionMask(fields, transactionValues(event, transaction))(value);
}
