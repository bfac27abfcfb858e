// A progress line on stderr while long work runs, only when stderr is a terminal.
import type {Engine} from '../../core/engine.js';
import {counted, formatCount} from '../../core/units/format.js';

/** Show events, rate and bytes read on stderr until the returned function is called. */
export function showProgress(engine: Engine, stream: NodeJS.WriteStream = process.stderr): () => void {
	if (!stream.isTTY) return () => undefined;
	const started = Date.now();
	const draw = () => {
		const totals = engine.totals();
		const sources = engine.sources();
		const seconds = Math.max(0.001, (Date.now() - started) / 1000);
		const read = sources.reduce((sum, source) => sum + (source.progress?.bytesRead ?? 0), 0);
		const total = sources.reduce((sum, source) => sum + (source.progress?.bytesTotal ?? 0), 0);
		const percent = total > 0 ? ` ${Math.min(100, Math.round((read / total) * 100))} %` : '';
		stream.write(`\r\u001B[K${counted(totals.events, 'event')} · ${formatCount(totals.events / seconds)} ev/s${percent}`);
	};

	const timer = setInterval(draw, 200);
	return () => {
		clearInterval(timer);
		stream.write('\r\u001B[K');
	};
}
