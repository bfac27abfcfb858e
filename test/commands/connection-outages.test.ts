// What a headless run says of a source's lost connections: nothing for a blink under a second, one line when an
// outage has lasted a second, one when it ends, and at the end of the run their number and time in all; how reading
// went on after a blink, when not from where it stopped, as news of its own and said at once.
import {describe, expect, it} from 'vitest';
import {ConnectionOutages} from '../../source/commands/support/connection-outages.js';

describe('ConnectionOutages', () => {
	it('says nothing of a blink shorter than a second', () => {
		const outages = new ConnectionOutages();
		expect(outages.note(0, true, 'Connection closed')).toBeUndefined();
		expect(outages.note(750, true, 'Connection closed')).toBeUndefined();
		expect(outages.note(1000 - 1, false, '')).toBeUndefined();
		expect(outages.summary(5000)).toEqual([]);
	});

	it('says an outage once after a second, its end, and the outages in all', () => {
		const changes: unknown[] = [];
		const outages = new ConnectionOutages(change => changes.push(change));
		const start = Date.parse('2026-12-07T02:46:12.300Z');
		expect(outages.note(start, true, 'Connection closed')).toBeUndefined();
		expect(outages.note(start + 1000, true, 'Connection closed')).toBe('reading stopped (Connection closed): nothing is read meanwhile; how reading goes on is said when it does');
		expect(outages.note(start + 1250, true, 'ECONNREFUSED')).toBeUndefined();
		expect(outages.note(start + 12_400, false, '')).toBe('reading again after 12.4 s, from where it stopped');
		expect(outages.note(start + 20_000, true, 'ECONNREFUSED')).toBeUndefined();
		expect(outages.note(start + 22_000, true, 'ECONNREFUSED')).toMatch(/^reading stopped \(ECONNREFUSED\)/);
		expect(outages.note(start + 25_000, false, '')).toBe('reading again after 5,000 ms, from where it stopped');
		// What a recorder writes: each outage when it is said, and when it ends.
		expect(changes).toEqual([
			{from: start, reason: 'Connection closed'}, {from: start, to: start + 12_400},
			{from: start + 20_000, reason: 'ECONNREFUSED'}, {from: start + 20_000, to: start + 25_000},
		]);
		expect(outages.summary(start + 30_000)).toEqual(['reading stopped 2 times during the run, 17.4 s in all (the first at 2026-12-07T02:46:12Z): nothing was read meanwhile, and what came then was read once it went on']);
	});

	it('says how reading went on when the source found it was not from where it stopped, and writes it', () => {
		const changes: unknown[] = [];
		const outages = new ConnectionOutages(change => changes.push(change));
		outages.note(0, true, 'ECONNREFUSED');
		outages.note(1000, true, 'ECONNREFUSED');
		const resumed = 'topic orders was deleted and made again, read from its new start';
		expect(outages.note(9000, false, '', resumed)).toBe(`reading again after 9,000 ms, not from where it stopped: ${resumed}`);
		expect(changes).toEqual([{from: 0, reason: 'ECONNREFUSED'}, {from: 0, to: 9000, resumed}]);
	});

	it('tells how reading went on after a break too short to say, or unseen between two looks, once, as news of its own', () => {
		const changes: unknown[] = [];
		const news: string[] = [];
		const outages = new ConnectionOutages(change => changes.push(change), resumed => news.push(resumed));
		const remade = 'topic orders was deleted and made again, read from its new start';
		// Under a second: no outage said, and before, its finding was said nowhere while the run went on (the TUI's
		// news, and a headless run's line on stderr, in the words of the line that ends an outage).
		const said = `reading again after a short break, not from where it stopped: ${remade}`;
		outages.note(0, true, 'Connection closed');
		expect(outages.note(400, false, '', remade, 390)).toBe(said);
		expect(news).toEqual([remade]);
		// Looked at again, still reading on after it: not again.
		expect(outages.note(650, false, '', remade, 390)).toBeUndefined();
		expect(news).toEqual([remade]);
		// The same finding after another break, begun and ended between two looks: news again.
		expect(outages.note(900, false, '', remade, 880)).toBe(said);
		expect(news).toEqual([remade, remade]);
		// A break from where it stopped is no news; an outage said says it in its own line, not as news.
		expect(outages.note(1200, false, '')).toBeUndefined();
		outages.note(2000, true, 'ECONNREFUSED');
		outages.note(3000, true, 'ECONNREFUSED');
		expect(outages.note(5000, false, '', remade, 4990)).toBe(`reading again after 3,000 ms, not from where it stopped: ${remade}`);
		expect(outages.note(5250, false, '', remade, 4990)).toBeUndefined();
		expect(news).toEqual([remade, remade]);
		expect(changes).toEqual([{from: 2000, reason: 'ECONNREFUSED'}, {from: 2000, to: 5000, resumed: remade}]);
	});

	it('counts and totals an outage still open at the end with those that ended, saying it was open', () => {
		const start = Date.parse('2026-12-07T02:46:12.300Z');
		const alone = new ConnectionOutages();
		alone.note(start, true, 'ECONNREFUSED');
		alone.note(start + 1000, true, 'ECONNREFUSED');
		expect(alone.summary(start + 8000)).toEqual(['reading stopped 1 time during the run, 8,000 ms in all (at 2026-12-07T02:46:12Z), and had not gone on when the run ended: nothing was read after it']);
		const outages = new ConnectionOutages();
		outages.note(start, true, 'ECONNREFUSED');
		outages.note(start + 1000, true, 'ECONNREFUSED');
		outages.note(start + 2000, false, '');
		outages.note(start + 10_000, true, 'ECONNREFUSED');
		outages.note(start + 11_000, true, 'ECONNREFUSED');
		// One not yet said (under a second) at the end is not counted.
		expect(outages.summary(start + 20_000)).toEqual(['reading stopped 2 times during the run, 12.0 s in all (the first at 2026-12-07T02:46:12Z; the last, at 2026-12-07T02:46:22Z, had not gone on when the run ended): nothing was read meanwhile; what came during the others was read once reading went on, what came after the last was never read']);
	});

	it('says a recording\'s outages at its times, and one that never ended', () => {
		const outages = new ConnectionOutages();
		const from = Date.parse('2026-12-07T05:00:01.500Z');
		expect(outages.recorded({from, reason: 'ECONNREFUSED'})).toBe('reading stopped at 2026-12-07T05:00:01Z (ECONNREFUSED): nothing was read until reading went on');
		expect(outages.recorded({from, to: from + 41_500})).toBe('reading again at 2026-12-07T05:00:43Z after 41.5 s, from where it stopped');
		expect(outages.recorded({from: from + 60_000, reason: 'ECONNREFUSED'})).toMatch(/^reading stopped at 2026-12-07T05:01:01Z/);
		expect(new ConnectionOutages().recorded({from, to: from + 41_500, resumed: 'topic t is gone'})).toBe('reading again at 2026-12-07T05:00:43Z after 41.5 s, not from where it stopped: topic t is gone');
		expect(outages.summary(from + 90_000)).toEqual([
			'reading stopped 1 time during the run, 41.5 s in all (the first at 2026-12-07T05:00:01Z): nothing was read meanwhile, and what came then was read once it went on',
			'reading stopped at 2026-12-07T05:01:01Z and had not gone on when the recording ended: what came after was never read',
		]);
	});
});
