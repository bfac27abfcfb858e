// Lines a plugin adds to the transaction view (a saga's state, a flow's verdict): computed from the view itself.
import type {EngineSnapshot} from '../core/engine.js';
import type {TransactionView} from '../core/queries/transaction.js';

/** A source of lines about one transaction, shown under its ids in the transaction view. */
export type TransactionInfo = {
	/** Shown before each line ("sagas: checkout chk_1 compensated …"). */
	name: string;
	/** The lines for `view` (none when nothing applies); `snapshot.now` is the engine's clock. Keep it cheap. */
	lines(view: TransactionView, snapshot: EngineSnapshot): string[];
};
