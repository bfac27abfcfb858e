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
