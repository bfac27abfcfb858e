// Redis entry ids in order (identity.ts compareEntryIds, compared as decimal texts) and how many of an XREAD's ids are
// at or before a look's last id (unread-loss.ts idsUpTo), against BigInt arithmetic and a plain scan.
import {describe, expect, it} from 'vitest';
import {compareEntryIds} from '../../../source/core/sources/redis/identity.js';
import {idsUpTo} from '../../../source/core/sources/redis/unread-loss.js';

/** The order BigInt arithmetic gives two ids. */
function byBigInt(a: string, b: string): number {
	const [aMs, aSequence] = a.split('-').map(BigInt) as [bigint, bigint];
	const [bMs, bSequence] = b.split('-').map(BigInt) as [bigint, bigint];
	const order = aMs === bMs ? aSequence - bSequence : aMs - bMs;
	return order > 0n ? 1 : (order < 0n ? -1 : 0);
}

const max = '18446744073709551615';
const ids = [
	'0-0', '0-1', '1-0', '9-9', '10-0', '9-10', '99-0', '100-0', '1765000000000-0', '1765000000000-1', '1765000000000-10', '1765000000001-0',
	'9007199254740993-0', '9007199254740992-0', `${max}-0`, `${max}-${max}`, `18446744073709551614-${max}`, '007-0', '7-00', '0007-3',
];

describe('compareEntryIds', () => {
	it('orders ids as their numbers do, past 2^53 and with leading zeros', () => {
		for (const a of ids) for (const b of ids) expect(compareEntryIds(a, b), `${a} vs ${b}`).toBe(byBigInt(a, b));
	});

	it('orders random ids as BigInt does', () => {
		let seed = 7;
		const next = () => (seed = (seed * 48_271) % 2_147_483_647);
		const random = () => `${next() % 3 === 0 ? next() % 100 : next()}${next() % 2 === 0 ? '' : String(next())}-${next() % 4}`;
		for (let i = 0; i < 2000; i++) {
			const a = random();
			const b = random();
			expect(compareEntryIds(a, b), `${a} vs ${b}`).toBe(byBigInt(a, b));
		}
	});
});

describe('idsUpTo', () => {
	it('counts the ids at or before the last one, as a scan does', () => {
		const read = ['5-0', '5-1', '6-0', '10-0', '10-3', '100-0'];
		for (const last of ['0-0', '4-9', '5-0', '5-1', '5-2', '9-0', '10-0', '10-2', '10-3', '99-9', '100-0', '101-0'])
			expect(idsUpTo(read, last), last).toBe(read.filter(id => byBigInt(id, last) <= 0).length);
		expect(idsUpTo([], '5-0')).toBe(0);
	});
});
