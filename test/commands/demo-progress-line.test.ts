// The demo's line of each second says what the publisher did of its own accord (topics made again) once, and still fits a narrow terminal.
import {describe, expect, it} from 'vitest';
import {progressLine} from '../../source/commands/demo.js';
import {displayWidth} from '../../source/ui/text/width.js';

const news = 'the broker had lost 6 topics: made them again (orders.created, payment.transactions, inventory.updates, …)';

describe('demo progress line', () => {
	it('ends with the news, after what is held', () => {
		const line = progressLine({published: 1204, perSecond: 48, to: 'kafka://127.0.0.1:19092', phase: 'normal', held: {events: 37, dropped: 0, where: 'kafka://127.0.0.1:19092 to answer (x)'}, news});
		expect(line).toBe(`published 1,204 events (+48/s) to kafka://127.0.0.1:19092, phase normal; 37 waiting for kafka://127.0.0.1:19092 to answer (x); ${news}`);
	});

	it('fits a narrow terminal with the news, its counts kept and the news cut at its end', () => {
		const line = progressLine({published: 1204, perSecond: 48, to: 'kafka://127.0.0.1:19092', phase: 'normal', news}, 60);
		expect(displayWidth(line)).toBeLessThanOrEqual(60);
		expect(line).toMatch(/^published 1,204 events \(\+48\/s\).*; the broker had lost/);
	});
});
