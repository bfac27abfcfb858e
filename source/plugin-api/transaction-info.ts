// Lines a plugin adds to the transaction view (a saga's state, a flow's verdict): computed from the view itself.
import type {EngineSnapshot} from '../core/engine.js';
import type {TransactionView} from '../core/queries/transaction.js';

/**
 * A line with the outcome it tells: `outcome` (a symbol and words, `⏱ timed out`) replaces the header's `✓ ok`
 * when the transaction's events show no error or block; the first line with one decides.
 */
export type TransactionLine = {text: string; outcome?: string};

/** A source of lines about one transaction, shown under its ids in the transaction view. */
export type TransactionInfo = {
	/** Shown before each line ("sagas: checkout chk_1 compensated …"). */
	name: string;
	/** The lines for `view` (none when nothing applies); `snapshot.now` is the engine's clock. Keep it cheap. */
	lines(view: TransactionView, snapshot: EngineSnapshot): Array<string | TransactionLine>;
};
