// Values systems write where an id is missing: an all-zero id (0, a nil UUID 00000000-0000-…, the W3C trace id a
// tracer sends without a span, 0000…0), and the text of a missing value (`${undefined}`, Python's str(None), null).
// Read as ids, each would join every event carrying it into one transaction, or make every event a redelivery of the
// first (event-model.md "Normalized event": such a value is no id).

const missingWords = new Set(['null', 'undefined', 'none', 'nil', 'nan', 'n/a', 'unknown']);

/** Whether an id's text stands for "no id": zeros and dashes only, blank, or a missing value's word (any case). */
export function isPlaceholderId(text: string): boolean {
	let zeros = true;
	let blank = true;
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if (code !== 48 && code !== 45) zeros = false;
		if (code !== 32 && code !== 9) blank = false;
		if (!zeros && !blank) break;
	}

	if ((zeros && text.includes('0')) || blank) return true;
	return text.length <= 9 && missingWords.has(text.toLowerCase());
}

/** What to add to "no event carries the id X" when X is a placeholder, so the answer does not read as "not sent". */
export function placeholderNote(id: string): string {
	return isPlaceholderId(id) ? ` (a placeholder such as "${id}" is no id: every event carrying it would be one transaction)` : '';
}
