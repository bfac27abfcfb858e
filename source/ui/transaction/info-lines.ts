// The plugins' lines about a transaction, each led by its plugin's name, and the outcome the first of them to tell
// one tells; a plugin that throws gets a line saying so.
import type {TransactionInfo, TransactionLine} from '../../plugin-api/index.js';
import type {EngineSnapshot} from '../../core/engine.js';
import type {TransactionView} from '../../core/queries/transaction.js';

/** The plugins' lines as drawn, and the outcome their first line with one tells. */
export type InfoLines = {lines: string[]; outcome?: string};

/** Every plugin's lines for `view`, as `name: line` (not yet sanitized: Line does that when drawing). */
export function infoLines(info: readonly TransactionInfo[], view: TransactionView, snapshot: EngineSnapshot): InfoLines {
	const told: TransactionLine[] = info.flatMap(source => {
		try {
			return source.lines(view, snapshot).map(line => typeof line === 'string' ? {text: `${source.name}: ${line}`} : {...line, text: `${source.name}: ${line.text}`});
		} catch (error) {
			return [{text: `${source.name}: could not describe this transaction (${error instanceof Error ? error.message : String(error)})`}];
		}
	});
	return {lines: told.map(line => line.text), outcome: told.find(line => line.outcome !== undefined)?.outcome};
}
