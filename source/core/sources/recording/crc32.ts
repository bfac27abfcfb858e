// CRC-32 (the checksum a gzip member's trailer holds): node:zlib's where the runtime has it (Node ≥ 20.15), else a
// table-driven one in JavaScript, for the Node 20 releases before.
import zlib from 'node:zlib';

/** The CRC-32 of each byte value, for the table-driven form. */
const table = Int32Array.from({length: 256}, (_, value) => {
	let crc = value;
	for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? 0xED_B8_83_20 ^ (crc >>> 1) : crc >>> 1;
	return crc;
});

/** CRC-32 of `bytes` continuing from `crc` (0 to start), one table look-up per byte. */
export function tableCrc32(bytes: Uint8Array, crc = 0): number {
	let value = ~crc;
	for (const byte of bytes) value = table[(value ^ byte) & 0xFF]! ^ (value >>> 8);
	return ~value >>> 0;
}

/** CRC-32 of `bytes` continuing from `crc` (0 to start), as gzip computes it. */
export const crc32: (bytes: Uint8Array, crc?: number) => number = 'crc32' in zlib ? zlib.crc32 : tableCrc32;
