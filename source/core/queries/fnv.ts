// 32-bit FNV-1a, the hash both in-memory tables of a fold over the store use (seen event ids, group values).

/** FNV-1a's starting value. */
export const fnvSeed = 0x81_1c_9d_c5;

/** One FNV-1a step over a byte or a UTF-16 code unit (an ASCII text hashes the same as its bytes). */
export function fnvStep(hash: number, code: number): number {
	return Math.imul(hash ^ code, 0x01_00_01_93);
}
