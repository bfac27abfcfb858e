// Decimal numbers compared as they are written: a double holds 9007199254740993 and 9007199254740992 as one number,
// so `txnId>9007199254740992` compared as doubles took the one for the other.

/** A decimal number as text (JSON's, or a numeric string's: `+.5`, `5.`, `1E3`). */
const decimal = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** How far apart in scale two texts may be to be compared exactly (1e-99999 against 0 is not: the doubles' answer stands). */
const maxShift = 1000;

/** A decimal text as digits × 10^exponent (the sign on the digits), or undefined when it is none. */
function partsOf(text: string): {digits: bigint; exponent: number} | undefined {
	const found = decimal.exec(text.trim());
	if (!found) return undefined;
	const [, sign, whole = '', fraction = '', exponent = '0'] = found;
	if (whole === '' && fraction === '') return undefined;
	return {digits: BigInt(`${sign === '-' ? '-' : ''}${whole}${fraction}`), exponent: Number(exponent) - fraction.length};
}

/**
 * The order of two decimal texts (`-2.5`, `1e3`, `9007199254740993`) by their exact values: negative, 0 or positive;
 * undefined when either is no decimal text, or their scales are too far apart to compare exactly.
 */
export function compareDecimals(one: string, other: string): number | undefined {
	const left = partsOf(one);
	const right = partsOf(other);
	if (left === undefined || right === undefined) return undefined;
	const shift = left.exponent - right.exponent;
	if (!(Math.abs(shift) <= maxShift)) return undefined;
	const a = shift > 0 ? left.digits * (10n ** BigInt(shift)) : left.digits;
	const b = shift < 0 ? right.digits * (10n ** BigInt(-shift)) : right.digits;
	return a < b ? -1 : (a > b ? 1 : 0);
}
