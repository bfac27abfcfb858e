// The one sanitizer every untrusted string passes through before it reaches a terminal.

const named: Record<string, string> = {'\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\u001B': '\\e', '\u0007': '\\a'};

// C0 controls, DEL, C1 controls (0x9b is a one-byte CSI), the bidirectional controls that reorder what is shown,
// the line and paragraph separators, and the invisible characters that make two ids look alike (zero-width space,
// word joiner, BOM; the joiners that scripts need stay, those of emoji are emojiJoins'). Also what Ink measures as
// no cells but a terminal draws: the soft hyphen (1 cell in tmux), the Hangul fillers (blank, 1 or 2 cells: they
// also make ids look alike), and a lone surrogate, which reaches the terminal as U+FFFD (1 cell). Each of those
// widened its row past the terminal's width, wrapped it and pushed the status line off the top.
const unsafe = /[\u0000-\u001F\u007F-\u009F\u00AD\u061C\u115F\u200B\u200E\u200F\u2028-\u202E\u2060\u2066-\u2069\u3164\uFEFF\uFFA0]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * What joins emoji into one picture: a zero-width joiner beside an emoji, a skin tone after an emoji it modifies,
 * variation selectors, the keycap mark, tag characters. Ink measures the sequence as one 2-cell character, but a
 * terminal without grapheme support (tmux 3.3, xterm) draws each part, so the row grows past its width, wraps and
 * scrolls the screen. Escaped, each emoji is drawn alone, as wide as Ink measures it.
 */
const emojiJoins = /(?<=[\p{Extended_Pictographic}\p{Emoji_Modifier}\uFE0F])\u200D|\u200D(?=\p{Extended_Pictographic})|(?<=\p{Emoji_Modifier_Base})\p{Emoji_Modifier}|\uFE0E|\uFE0F|\u20E3|[\u{E0020}-\u{E007F}]/gu;

/** Any character emojiJoins may escape (a cheap test before it). */
const joinCandidates = /\u200D|\uFE0E|\uFE0F|\u20E3|\uD83C[\uDFFB-\uDFFF]|\uDB40/;

/** A character as an escape: `\u200d`, `\u{1f3fd}` beyond the first plane. */
function escaped(char: string): string {
	const code = char.codePointAt(0)!;
	return code > 0xFFFF ? `\\u{${code.toString(16)}}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Show control characters and escape sequences as visible escapes (`\e]0;x\a`), so none act on the terminal. */
export function sanitize(text: string): string {
	unsafe.lastIndex = 0;
	const controls = unsafe.test(text);
	const joins = joinCandidates.test(text);
	if (!controls && !joins) return text;
	unsafe.lastIndex = 0;
	const shown = controls ? text.replace(unsafe, char => named[char] ?? escaped(char)) : text;
	return joins ? shown.replace(emojiJoins, escaped) : shown;
}

/** Like sanitize, keeping line breaks as real line breaks (for multi-line JSON views). */
export function sanitizeMultiline(text: string): string {
	return text.split('\n').map(line => sanitize(line)).join('\n');
}

/**
 * `text` one code point at a time, each as sanitize shows it in its place (`\e` for ESC, `\u200d` for a joiner between
 * emoji, the character itself otherwise): joined, they are sanitize(text). For a view that scrolls over a line by
 * code point (the prompt's cursor) and must measure what is shown, not what was typed.
 */
export function sanitizedPieces(text: string): string[] {
	const replaced = new Map<number, string>();
	// Both passes look at the original text: what the first escapes is never an emoji or a joiner, so the second finds
	// the same joins in it as sanitize does in the first pass's output.
	for (const match of text.matchAll(unsafe)) replaced.set(match.index, named[match[0]] ?? escaped(match[0]));
	if (joinCandidates.test(text)) for (const match of text.matchAll(emojiJoins)) replaced.set(match.index, escaped(match[0]));
	const pieces: string[] = [];
	let offset = 0;
	for (const char of text) {
		pieces.push(replaced.get(offset) ?? char);
		offset += char.length;
	}

	return pieces;
}
