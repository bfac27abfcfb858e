// The CRC-32 a gzip member's trailer is checked against: the JavaScript form Node 20 releases before 20.15 use gives
// what node:zlib gives, whole or piece by piece.
import zlib from 'node:zlib';
import {describe, expect, it} from 'vitest';
import {crc32, tableCrc32} from '../../../../source/core/sources/recording/crc32.js';

describe('crc32', () => {
	it('gives the check value of the CRC-32 standard, in either form', () => {
		const check = Buffer.from('123456789');
		expect(tableCrc32(check)).toBe(0xCB_F4_39_26);
		expect(crc32(check)).toBe(0xCB_F4_39_26);
		expect(tableCrc32(Buffer.alloc(0))).toBe(0);
	});

	it('computes, continued piece by piece, what node:zlib computes of the whole', () => {
		const bytes = zlib.gzipSync(Buffer.from('événement '.repeat(5000)));
		let continued = 0;
		for (let start = 0; start < bytes.length; start += 777) continued = tableCrc32(bytes.subarray(start, start + 777), continued);
		expect(continued).toBe(zlib.crc32(bytes));
	});
});
