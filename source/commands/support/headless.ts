// Run a session to the end of its input without a UI, with progress on stderr and a clean stop on Ctrl-C.
import type {EngineTotals} from '../../core/engine.js';
import type {Session} from './session.js';
import {showProgress} from './progress.js';
import {onOutputClosed} from './closed-output.js';

/** How a headless run ended: its totals, and whether Ctrl-C or SIGTERM stopped it before its input ended. */
export type RunEnd = {totals: EngineTotals; interrupted: boolean};

/** Ingest every source to its end (or until Ctrl-C / SIGTERM / `durationMs`), then resolve with the totals. */
export async function runToEnd(session: Session, options: {durationMs?: number} = {}): Promise<RunEnd> {
	const stopProgress = showProgress(session.engine);
	let interrupted = false;
	const stop = () => {
		void session.engine.stop();
	};

	const interrupt = () => {
		interrupted = true;
		stop();
	};

	process.once('SIGINT', interrupt);
	process.once('SIGTERM', interrupt);
	const unwatch = onOutputClosed(stop);
	const timer = options.durationMs === undefined ? undefined : setTimeout(stop, options.durationMs);
	try {
		const totals = await session.engine.run();
		return {totals, interrupted};
	} finally {
		if (timer) clearTimeout(timer);
		process.off('SIGINT', interrupt);
		process.off('SIGTERM', interrupt);
		unwatch();
		stopProgress();
	}
}
