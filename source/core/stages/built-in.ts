// The built-in stages, in the order they run: hops (which events follow which), metrics, alert rules.
import type {Metrics} from '../metrics/metrics.js';
import type {HopTracker} from '../metrics/hops.js';
import type {IdCoverage} from '../metrics/id-coverage.js';
import type {AlertEngine} from '../alerts/engine.js';
import type {CoreStage} from './core-batch.js';

const idle = {onTick: () => undefined, close: () => undefined};

/** Hops between consecutive events of a transaction, final once the reordering window passed them. */
export function hopStage(tracker: HopTracker): CoreStage {
	return {
		name: 'hops',
		...idle,
		onBatch(batch) {
			if (batch.merges.length > 0) tracker.merge(batch.merges);
			batch.hops = batch.quiet ? tracker.passQuietTime(batch.quiet.time, batch.quiet.wall) : tracker.ingest(batch.events, !batch.more);
		},
		finish(batch) {
			batch.hops = tracker.flush();
		},
		snapshot: () => tracker.stats(),
	};
}

/**
 * Throughput, delivery latency, and the hops' latencies, in one-second buckets; `tracker` says how far hops are
 * final; `coverage` counts the events without a correlation id.
 */
export function metricsStage(metrics: Metrics, tracker: HopTracker, coverage: IdCoverage): CoreStage {
	return {
		name: 'metrics',
		...idle,
		onBatch(batch) {
			metrics.ingest(batch.events);
			coverage.observe(batch.events);
			if (batch.hops.length > 0) metrics.addHops(batch.hops);
			// Quiet time: hop windows end where hops are final, as event windows end at the wall clock.
			if (batch.quiet) metrics.advanceHopsTo(tracker.stats().watermark);
		},
		finish(batch) {
			if (batch.hops.length > 0) metrics.addHops(batch.hops);
		},
		snapshot: () => metrics.summary(),
	};
}

/** The alert rules over events and hops; firing and resolving in event time. Their clock is the batch's `now`. */
export function alertStage(alerts: AlertEngine): CoreStage {
	return {
		name: 'alerts',
		...idle,
		onBatch(batch) {
			batch.transitions.push(...alerts.onBatch(batch.events, batch.hops));
			batch.now = alerts.clock();
		},
		finish(batch) {
			batch.transitions.push(...alerts.onBatch([], batch.hops), ...alerts.flush());
			batch.now = alerts.clock();
		},
		snapshot: () => alerts.firing(),
	};
}
