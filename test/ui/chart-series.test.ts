// What the Overview's charts are given: a second before the run watched is no value, not 0 events; a second
// without a measured delivery is no value, not 0 ms.
import {describe, expect, it} from 'vitest';
import type {EngineSnapshot} from '../../source/core/engine.js';
import {latencySeries, throughputSeries} from '../../source/ui/snapshot-view.js';

/** A snapshot holding only the per-second chart data of a window of `counts.length` seconds, `seen` of them watched. */
function snapshot(counts: number[], deliveryP99: number[], seen: number): EngineSnapshot {
	return {view: {chart: {start: 0, counts, deliveryP99}, seenMs: seen * 1000}} as unknown as EngineSnapshot;
}

describe('chart series', () => {
	it('gives no value for the seconds of the window before the run watched, and the counts after (0 included)', () => {
		expect(throughputSeries(snapshot([0, 0, 0, 4, 0, 2], [], 3))).toEqual([Number.NaN, Number.NaN, Number.NaN, 4, 0, 2]);
		expect(throughputSeries(snapshot([1, 0, 2], [], 3))).toEqual([1, 0, 2]);
		expect(throughputSeries(snapshot([], [], 60))).toEqual([]);
	});

	it('gives no value for a second without a measured delivery', () => {
		expect(latencySeries(snapshot([3, 0, 1], [40, Number.NaN, 80], 3))).toEqual([40, Number.NaN, 80]);
	});
});
