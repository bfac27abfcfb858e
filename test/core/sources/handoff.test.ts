import {describe, expect, it} from 'vitest';
import {Handoff} from '../../../source/core/sources/handoff.js';

describe('Handoff', () => {
	it('resolves a put only when its item is taken, in order', async () => {
		const handoff = new Handoff<number>();
		const taken: boolean[] = [];
		const first = handoff.put(1).then(result => taken.push(result));
		const second = handoff.put(2).then(result => taken.push(result));
		await Promise.resolve();
		expect(taken).toEqual([]);
		expect(handoff.busy).toBe(true);
		expect(await handoff.take()).toBe(1);
		await first;
		expect(taken).toEqual([true]);
		expect(await handoff.take()).toBe(2);
		await second;
		expect(handoff.busy).toBe(false);
	});

	it('hands an item to a take that was already waiting', async () => {
		const handoff = new Handoff<string>();
		const waiting = handoff.take();
		expect(await handoff.put('x')).toBe(true);
		expect(await waiting).toBe('x');
	});

	it('drops waiting items (put resolves false) and ends takes on close', async () => {
		const handoff = new Handoff<number>();
		const dropped = handoff.put(1);
		handoff.drop();
		expect(await dropped).toBe(false);
		const waiting = handoff.take();
		handoff.close();
		expect(await waiting).toBeUndefined();
		expect(await handoff.put(2)).toBe(false);
		expect(await handoff.take()).toBeUndefined();
	});

	it('makes take throw the error given to fail', async () => {
		const handoff = new Handoff<number>();
		const waiting = handoff.take();
		handoff.fail(new Error('bad credentials'));
		await expect(waiting).rejects.toThrow('bad credentials');
		await expect(handoff.take()).rejects.toThrow('bad credentials');
	});
});
