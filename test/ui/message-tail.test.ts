import {describe, expect, it} from 'vitest';
import type {Envelope} from '../../source/core/envelope.js';
import {MessageTail} from '../../source/ui/state/message-tail.js';

const events = (from: number, to: number) => Array.from({length: to - from + 1}, (_, index) => ({seq: from + index, status: (from + index) % 3 === 0 ? 'error' : 'ok'}) as Envelope);
const seqs = (tail: MessageTail) => tail.list().map(event => event.seq);

describe('message tail', () => {
	it('keeps the newest events up to its limit, oldest first', () => {
		const tail = new MessageTail(3);
		tail.push(events(1, 2));
		tail.push(events(3, 10));
		expect(seqs(tail)).toEqual([8, 9, 10]);
	});

	it('takes an event once even when it is offered again (seeding overlaps the live batches)', () => {
		const tail = new MessageTail(10);
		tail.push(events(1, 4));
		tail.push(events(3, 6));
		expect(seqs(tail)).toEqual([1, 2, 3, 4, 5, 6]);
	});

	it('keeps only the events that match its filter', () => {
		const tail = new MessageTail(10, event => event.status === 'error');
		tail.push(events(1, 10));
		expect(seqs(tail)).toEqual([3, 6, 9]);
	});

	it('reports the newest seq it has taken, matching or not (where a catch-up read starts)', () => {
		const tail = new MessageTail(10, event => event.status === 'error');
		expect(tail.newestSeq).toBe(0);
		tail.push(events(1, 7));
		expect(tail.newestSeq).toBe(7);
		tail.push(events(2, 5));
		expect(tail.newestSeq).toBe(7);
	});
});
