// The footer shows a copy's notice on one line and cuts it at the terminal's width: at 80 columns the words that
// say the copy is unconfirmed were cut mid-word for a store of six-digit seqs ('… unconfirmed: paste to ch…').
import {describe, expect, it} from 'vitest';
import {planCopy} from '../../source/ui/clipboard.js';
import {displayWidth} from '../../source/ui/text/width.js';

describe('a copy\'s notice', () => {
	it('fits 80 columns, with its symbol, for an event of a ten-million-event store, on every kind of terminal', () => {
		for (const env of [{TERM: 'xterm-256color'}, {TERM: 'screen', TMUX: '/tmp/tmux-0/default,1,0'}, {TERM: 'dumb'}]) {
			for (const isTTY of [true, false]) {
				const {notice} = planCopy('{}', 'event 9999999', {isTTY, env});
				expect(displayWidth(`→ ${notice}`), notice).toBeLessThanOrEqual(80);
			}
		}
	});
});
