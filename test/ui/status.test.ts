import {describe, expect, it} from 'vitest';
import {fitSegments, type StatusSegment} from '../../source/ui/state/status.js';

describe('status bar fitting', () => {
	const segments: StatusSegment[] = [
		{text: '‖ PAUSED', priority: 0},
		{text: '▶ replay 10× at 10:00:05.000', priority: 1},
		{text: '1,234 ev/s', priority: 1},
		{text: '12,345 events', priority: 2},
		{text: 'window 1m', priority: 1},
		{text: 'orders.jsonl ✓ finished', priority: 3},
	];

	it('keeps everything when it fits', () => {
		expect(fitSegments(segments, 200, ' │ ')).toEqual(segments);
	});

	it('drops the least important segments, last first, until the rest fit', () => {
		expect(fitSegments(segments, 70, ' │ ').map(segment => segment.text)).toEqual(['‖ PAUSED', '▶ replay 10× at 10:00:05.000', '1,234 ev/s', 'window 1m']);
		expect(fitSegments(segments, 5, ' │ ').map(segment => segment.text)).toEqual(['‖ PAUSED']);
	});
});

describe('status bar names giving way', () => {
	const url = 'kafka://127.0.0.1:9?topics=orders.*,payment.*,inventory.*,customer.*,shipping.*';
	const redis = 'redis://***@127.0.0.1:6379?streams=orders:*,payments:*';
	const segments: StatusSegment[] = [
		{text: '0 ev/s', priority: 1},
		{text: 'window 1m', priority: 1},
		{text: `${url} ⚠ reconnecting: connect ECONNREFUSED 127.0.0.1:9`, name: url, detail: ': connect ECONNREFUSED 127.0.0.1:9', priority: 0},
		{text: `${redis} ✗ error: authentication failed`, name: redis, detail: ': authentication failed', priority: 0},
	];

	it('leaves out why and cuts the URLs before dropping a source or a figure, each state whole, within the width', () => {
		const fitted = fitSegments(segments, 80, ' │ ');
		const line = fitted.map(segment => segment.text).join(' │ ');
		expect(line.length).toBeLessThanOrEqual(80);
		expect(fitted.map(segment => segment.text)).toEqual([
			'0 ev/s',
			'window 1m',
			expect.stringMatching(/^kafka:\/\/127\.0\.0\.\S*… ⚠ reconnecting$/),
			expect.stringMatching(/^redis:\/\/\*\*\*@127\S*… ✗ error$/),
		]);
	});
});
