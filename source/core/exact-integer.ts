// JSON.parse reads an integer beyond 2^53 as the nearest double: the 64-bit ids 9007199254740993 and
// 9007199254740992 both become 9007199254740992. For an id field holding such a number, its digits are read again
// from the JSON text the value was parsed from.

/** Whether a parsed number may have lost digits of the integer literal it came from. */
export function isInexactInteger(value: unknown): value is number {
	return typeof value === 'number' && Number.isInteger(value) && !Number.isSafeInteger(value);
}

const regExpSpecial = /[\\^$.*+?()[\]{}|/-]/g;

/**
 * The digits of the integer literal that field `name` holds in JSON `text` and that JSON.parse read as `value`, or
 * undefined unless exactly one such literal exists (the name written with escapes, or in two places with different
 * literals that read as the same double, leaves the number as parsed).
 */
export function integerLiteral(text: string, name: string, value: number): string | undefined {
	const quotedName = JSON.stringify(name).replace(regExpSpecial, '\\$&');
	const member = new RegExp(`${quotedName}\\s*:\\s*(-?\\d+)(?![.\\deE])`, 'g');
	let found: string | undefined;
	for (const [, digits] of text.matchAll(member)) {
		if (Number(digits) !== value || digits === found) continue;
		if (found !== undefined) return undefined;
		found = digits;
	}

	return found;
}
