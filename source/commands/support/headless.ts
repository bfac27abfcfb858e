// Run a session to the end of its input without a UI, with progress on stderr and a clean stop on Ctrl-C.
import type {EngineTotals} from '../../core/engine.js';
import type {Session} from './session.js';
import {showProgress} from './progress.js';

/** Ingest every source to its end (or until Ctrl-C / SIGTERM / `durationMs`), then resolve with the totals. */
export async function runToEnd(session: Session, options: {durationMs?: number} = {}): Promise<EngineTotals> {
	const stopProgress = showProgress(session.engine);
	const stop = () => {
		void session.engine.stop();
	};

	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
	const timer = options.durationMs === undefined ? undefined : setTimeout(stop, options.durationMs);
	try {
		return await session.engine.run();
	} finally {
		if (timer) clearTimeout(timer);
		process.off('SIGINT', stop);
		process.off('SIGTERM', stop);
		stopProgress();
	}
}
