// The plugins' lines about a transaction, each led by its plugin's name; a plugin that throws gets a line saying so.
import type {TransactionInfo} from '../../plugin-api/index.js';
import type {EngineSnapshot} from '../../core/engine.js';
import type {TransactionView} from '../../core/queries/transaction.js';

/** Every plugin's lines for `view`, as `name: line` (not yet sanitized: Line does that when drawing). */
export function infoLines(info: readonly TransactionInfo[], view: TransactionView, snapshot: EngineSnapshot): string[] {
	return info.flatMap(source => {
		try {
			return source.lines(view, snapshot).map(line => `${source.name}: ${line}`);
		} catch (error) {
			return [`${source.name}: could not describe this transaction (${error instanceof Error ? error.message : String(error)})`];
		}
	});
}
