// What the Overview's charts are given: a second before the run watched, or without events while no source was
// connected, is no value, not 0 events; a second without a measured delivery is no value, not 0 ms.
import {describe, expect, it} from 'vitest';
import type {EngineSnapshot} from '../../source/core/engine.js';
import {latencySeries, throughputSeries} from '../../source/ui/snapshot-view.js';

/**
 * A snapshot holding only the per-second chart data of a window of `counts.length` seconds from 10:00:00 (ms 0 here),
 * `seen` of them watched, and the spans no source was connected in.
 */
function snapshot(counts: number[], deliveryP99: number[], seen: number, blind: EngineSnapshot['blind'] = [], finished = true): EngineSnapshot {
	return {view: {chart: {start: 0, counts, deliveryP99}, seenMs: seen * 1000}, blind, finished} as unknown as EngineSnapshot;
}

describe('chart series', () => {
	it('gives no value for the seconds of the window before the run watched, and the counts after (0 included)', () => {
		expect(throughputSeries(snapshot([0, 0, 0, 4, 0, 2], [], 3))).toEqual([Number.NaN, Number.NaN, Number.NaN, 4, 0, 2]);
		expect(throughputSeries(snapshot([1, 0, 2], [], 3))).toEqual([1, 0, 2]);
		expect(throughputSeries(snapshot([], [], 60))).toEqual([]);
	});

	it('gives no value for a second without events that a span without a connected source reaches into', () => {
		const counts = [0, 0, 0, 0, 2, 0, 0, 0];
		// Not connected from 1.5 s to 2.2 s, and again from 4.5 s on: seconds 1, 2 and 5 to 7, but second 4 had events.
		const blind = [{from: 1500, to: 2200}, {from: 4500}];
		expect(throughputSeries(snapshot(counts, [], 8, blind))).toEqual([0, Number.NaN, Number.NaN, 0, 2, Number.NaN, Number.NaN, Number.NaN]);
		// Spans outside the window change nothing.
		expect(throughputSeries(snapshot([0, 1], [], 2, [{from: -5000, to: -1200}, {from: 2000, to: 2500}]))).toEqual([0, 1]);
	});

	it('gives no value for the newest second while the run goes on (still counting), and its count once the run ended', () => {
		expect(throughputSeries(snapshot([30, 31, 7], [], 3, [], false))).toEqual([30, 31, Number.NaN]);
		expect(throughputSeries(snapshot([30, 31, 7], [], 3, [], true))).toEqual([30, 31, 7]);
		// The delivery p99 of the part of a second read so far is a measurement: it stays.
		expect(latencySeries(snapshot([30, 31, 7], [40, 50, 60], 3, [], false))).toEqual([40, 50, 60]);
	});

	it('gives no value for a second without a measured delivery', () => {
		expect(latencySeries(snapshot([3, 0, 1], [40, Number.NaN, 80], 3))).toEqual([40, Number.NaN, 80]);
	});
});
