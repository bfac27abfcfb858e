// What a headless run says of a source's lost connections: nothing for a blink under a second, one line when an
// outage has lasted a second, one when it ends, and at the end of the run their number and time in all.
import {describe, expect, it} from 'vitest';
import {ConnectionOutages} from '../../source/commands/support/connection-outages.js';

describe('ConnectionOutages', () => {
	it('says nothing of a blink shorter than a second', () => {
		const outages = new ConnectionOutages();
		expect(outages.note(0, true, 'Connection closed')).toBeUndefined();
		expect(outages.note(750, true, 'Connection closed')).toBeUndefined();
		expect(outages.note(1000 - 1, false, '')).toBeUndefined();
		expect(outages.summary()).toBeUndefined();
	});

	it('says an outage once after a second, its end, and the outages in all', () => {
		const outages = new ConnectionOutages();
		const start = Date.parse('2026-12-07T02:46:12.300Z');
		expect(outages.note(start, true, 'Connection closed')).toBeUndefined();
		expect(outages.note(start + 1000, true, 'Connection closed')).toBe('reading stopped (Connection closed): nothing is read until the broker answers again, then reading goes on from where it stopped');
		expect(outages.note(start + 1250, true, 'ECONNREFUSED')).toBeUndefined();
		expect(outages.note(start + 12_400, false, '')).toBe('reading again after 12.4 s, from where it stopped');
		expect(outages.note(start + 20_000, true, 'ECONNREFUSED')).toBeUndefined();
		expect(outages.note(start + 22_000, true, 'ECONNREFUSED')).toMatch(/^reading stopped \(ECONNREFUSED\)/);
		expect(outages.note(start + 25_000, false, '')).toBe('reading again after 5,000 ms, from where it stopped');
		expect(outages.summary()).toBe('reading stopped 2 times during the run, 17.4 s in all (the first at 2026-12-07T02:46:12Z): nothing was read meanwhile, and what came then was read once it went on');
	});
});
