import {describe, expect, it} from 'vitest';
import {KeyWindows} from '../../../source/core/alerts/key-windows.js';
import {Random} from '../../../source/core/sources/simulator/random.js';

/** The plain model KeyWindows must match: per key, the newest `depth` times in time order with their ids. */
class Model {
	readonly keys = new Map<string, Array<{time: number; id: string | undefined}>>();

	constructor(private readonly depth: number) {}

	add(key: string, time: number, id: string | undefined, cutoff: number): number {
		const entries = (this.keys.get(key) ?? []).filter(entry => entry.time > cutoff);
		let at = entries.length;
		while (at > 0 && entries[at - 1]!.time > time) at--;
		entries.splice(at, 0, {time, id});
		if (entries.length > this.depth) entries.shift();
		this.keys.set(key, entries);
		return entries.length;
	}

	examples(key: string, limit: number): string[] {
		const found: string[] = [];
		for (const {id} of [...this.keys.get(key)!].reverse()) if (id !== undefined && !found.includes(id) && found.length < limit) found.push(id);
		return found;
	}
}

describe('KeyWindows', () => {
	it('keeps the newest `depth` times per key in time order, as a plain list would, through arrivals out of order and pruning', () => {
		for (const depth of [1, 3, 4, 6, 11, 40]) {
			const random = new Random(depth);
			const windows = new KeyWindows(depth, 1_000_000);
			const model = new Model(depth);
			let now = 0;
			for (let i = 0; i < 20_000; i++) {
				now += random.next() * 10;
				const key = `k${Math.floor(random.next() * (depth > 11 ? 5 : 50))}`;
				// Up to 300 ms late; ties happen (whole milliseconds); a window of 1 s prunes as keys go quiet.
				const time = Math.floor(now - random.next() * 300);
				const id = random.next() < 0.1 ? undefined : `tx-${Math.floor(random.next() * 8)}`;
				const cutoff = now - 1000;
				if (time <= cutoff) continue;
				const slot = windows.touch(key);
				const count = windows.add(slot, time, id, cutoff);
				expect(count).toBe(model.add(key, time, id, cutoff));
				expect(windows.timeAt(slot, 0)).toBe(model.keys.get(key)![0]!.time);
				expect(windows.examples(slot, 5)).toEqual(model.examples(key, 5));
			}
		}
	});

	it('moves a key that outgrows its slab slot to storage of its own, grown as it fills, and back to sharing after it is forgotten', () => {
		const windows = new KeyWindows(10, 100);
		const busy = windows.touch('busy');
		for (let t = 1; t <= 25; t++) windows.add(busy, t, `tx-${t}`, 0);
		expect(windows.examples(busy, 3)).toEqual(['tx-25', 'tx-24', 'tx-23']);
		expect(windows.timeAt(busy, 0)).toBe(16);
		// Pruned down to 4 (the slab's size) and growing again stays in its own storage.
		expect(windows.add(busy, 26, 'tx-26', 21)).toBe(5);
		expect(windows.add(busy, 27, 'tx-27', 21)).toBe(6);
		expect(windows.timeAt(busy, 0)).toBe(22);
		expect(windows.examples(busy, 10)).toEqual(['tx-27', 'tx-26', 'tx-25', 'tx-24', 'tx-23', 'tx-22']);
		const quiet = windows.touch('quiet');
		expect(windows.add(quiet, 26, 'q', 0)).toBe(1);
		expect(windows.examples(quiet, 5)).toEqual(['q']);
		windows.expire(30);
		expect(windows.count()).toEqual({tracked: 0, dropped: 0});
		// The freed slots start empty.
		const again = windows.touch('again');
		expect(windows.add(again, 40, undefined, 0)).toBe(1);
		expect(windows.examples(again, 5)).toEqual([]);
	});

	it('sizes a key\'s own storage by what it holds, not by the depth: a threshold of 10 000 costs little on keys with a few events', () => {
		const before = process.memoryUsage().arrayBuffers;
		const windows = new KeyWindows(10_001, 100_000);
		for (let key = 0; key < 20_000; key++) {
			const slot = windows.touch(`k${key}`);
			for (let t = 0; t < 6; t++) windows.add(slot, t, undefined, -1);
		}

		// Sized for the depth, 20 000 keys would take 1.6 GB of times alone.
		expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(20 * 1024 * 1024);
		expect(windows.count().tracked).toBe(20_000);
	});

	it('forgets keys whose newest time left the window, from the least recently used end', () => {
		const windows = new KeyWindows(2, 100);
		windows.add(windows.touch('a'), 10, 'a', 0);
		windows.add(windows.touch('b'), 20, 'b', 0);
		windows.add(windows.touch('c'), 5, 'c', 0);
		// a is oldest and expired: forgotten; b is not expired, so expiry stops there and keeps c for now.
		windows.expire(12);
		expect(windows.count().tracked).toBe(2);
		windows.expire(25);
		expect(windows.count().tracked).toBe(0);
	});

	it('drops the least recently used key at the cap, giving used keys a second chance, and counts what it dropped', () => {
		const windows = new KeyWindows(3, 3);
		for (const key of ['a', 'b', 'c']) windows.add(windows.touch(key), 1, key, 0);
		windows.add(windows.touch('a'), 2, 'a', 0);
		windows.add(windows.touch('d'), 3, 'd', 0);
		expect(windows.count()).toEqual({tracked: 3, dropped: 1});
		// b was dropped (a had been used again): b starts over, and c, the least recently used, goes.
		expect(windows.add(windows.touch('b'), 4, 'b', 0)).toBe(1);
		expect(windows.add(windows.touch('a'), 5, 'a', 0)).toBe(3);
		expect(windows.count()).toEqual({tracked: 3, dropped: 2});
	});

	it('grows its slabs with the keys in use, up to the cap', () => {
		const windows = new KeyWindows(2, 10_000);
		for (let i = 0; i < 10_000; i++) windows.add(windows.touch(`k${i}`), i, `t${i}`, -1);
		expect(windows.count()).toEqual({tracked: 10_000, dropped: 0});
		const last = windows.touch('k9999');
		expect(windows.examples(last, 5)).toEqual(['t9999']);
		windows.add(windows.touch('new'), 10_000, 'n', -1);
		expect(windows.count()).toEqual({tracked: 10_000, dropped: 1});
	});
	it('says where a time went (or that a full key had only newer ones), and gives the ids of a run of times', () => {
		const windows = new KeyWindows(4, 100);
		const slot = windows.touch('k');
		for (const time of [10, 30, 40]) windows.add(slot, time, `t${time}`, 0);
		windows.add(slot, 20, 't20', 0);
		expect(windows.index).toBe(1);
		expect(windows.timeAt(slot, 2)).toBe(30);
		expect(windows.examples(slot, 5, 1, 3)).toEqual(['t30', 't20']);
		// Full of newer times: a time older than all of them is not kept.
		windows.add(slot, 5, 't5', 0);
		expect(windows.index).toBe(-1);
		expect(windows.examples(slot, 5)).toEqual(['t40', 't30', 't20', 't10']);
	});

	it('does not count as dropped at the cap a key kept only for late events (nothing since `liveAfter`)', () => {
		const windows = new KeyWindows(2, 2);
		windows.add(windows.touch('old'), 10, 'o', 0);
		windows.add(windows.touch('live'), 50, 'l', 0);
		windows.liveAfter = 20;
		windows.add(windows.touch('new'), 60, 'n', 0);
		expect(windows.count()).toEqual({tracked: 2, dropped: 0});
		windows.add(windows.touch('newer'), 61, 'n', 0);
		expect(windows.count()).toEqual({tracked: 2, dropped: 1});
	});
});
