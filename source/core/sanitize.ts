// The one sanitizer every untrusted string passes through before it reaches a terminal.
import stringWidth from 'string-width';

const named: Record<string, string> = {'\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\u001B': '\\e', '\u0007': '\\a'};

// C0 controls, DEL, C1 controls (0x9b is a one-byte CSI), the bidirectional controls that reorder what is shown,
// the line and paragraph separators, and the invisible characters that make two ids look alike (zero-width space,
// word joiner, BOM; the joiners that scripts need stay, those of emoji are emojiJoins'). Also what Ink measures as
// no cells but a terminal draws: the soft hyphen (1 cell in tmux), the Hangul fillers (blank, 1 or 2 cells: they
// also make ids look alike), and a lone surrogate, which reaches the terminal as U+FFFD (1 cell). Each of those
// widened its row past the terminal's width, wrapped it and pushed the status line off the top. The format characters
// that join the next character to them (U+0600 ARABIC NUMBER SIGN and its kin): Ink measures the pair by them alone,
// one cell, where the terminal draws two. And the invisible characters that stand alone (U+2062 INVISIBLE TIMES, the
// Mongolian vowel separator, the deprecated format controls, the language tag): Ink gives each a cell of its own, the
// terminal none, so the rest of the row moved one cell left; they also make two names read alike.
const unsafe = /[\u0000-\u001F\u007F-\u009F\u00AD\u0600-\u0605\u061C\u06DD\u070F\u0890\u0891\u08E2\u115F\u180E\u200B\u200E\u200F\u2028-\u202E\u2060-\u2064\u2066-\u206F\u3164\uFEFF\uFFA0]|\uD804[\uDCBD\uDCCD]|\uD82F[\uDCA0-\uDCA3]|\uD834[\uDD73-\uDD7A]|\uDB40[\uDC00-\uDC1F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Two regional indicators in a row, paired as a grapheme segmenter pairs them (from the start of a run). A pair that
 * is a flag (🇩🇪) Ink measures as 2 cells, as the terminal draws it; one that is none (🇦🇦) as 1, though the terminal
 * draws each indicator: the row grew a cell past its width and wrapped. Its second indicator is shown escaped.
 */
const indicatorPairs = /\uD83C[\uDDE6-\uDDFF]\uD83C[\uDDE6-\uDDFF]/g;

/** Whether `pair` (two regional indicators) makes no flag, so its second indicator is to be escaped. */
const noFlag = (pair: string) => stringWidth(pair) !== 2;

const graphemes = new Intl.Segmenter();

/** A first character that may start a grapheme of no cells (what else Ink measures as none, unsafe escapes). */
const invisibleStart = /^[\p{M}\p{Default_Ignorable_Code_Point}]/u;

/**
 * Length of the first grapheme of `text` when it takes no cells (a combining mark or joiner with nothing before it):
 * Ink gives it a cell of its own, the terminal draws it on the cell before, so the rest of the row moved one cell left.
 */
function leadingInvisible(text: string): number {
	if (!invisibleStart.test(text)) return 0;
	const first = graphemes.segment(text).containing(0)!.segment;
	return stringWidth(first) === 0 ? first.length : 0;
}

/**
 * What joins emoji into one picture: a zero-width joiner beside an emoji, a skin tone after any character (after a
 * letter or space too: Ink counts it with that character, the terminal draws it 2 cells wide),
 * variation selectors, the keycap mark, tag characters. Ink measures the sequence as one 2-cell character, but a
 * terminal without grapheme support (tmux 3.3, xterm) draws each part, so the row grows past its width, wraps and
 * scrolls the screen. Escaped, each emoji is drawn alone, as wide as Ink measures it.
 */
const emojiJoins = /(?<=[\p{Extended_Pictographic}\p{Emoji_Modifier}\uFE0F])\u200D|\u200D(?=\p{Extended_Pictographic})|(?<=[^])\p{Emoji_Modifier}|\uFE0E|\uFE0F|\u20E3|[\u{E0020}-\u{E007F}]/gu;

/** Any character emojiJoins may escape (a cheap test before it). */
const joinCandidates = /\u200D|\uFE0E|\uFE0F|\u20E3|\uD83C[\uDFFB-\uDFFF]|\uDB40/;

/** A character as an escape: `\u200d`, `\u{1f3fd}` beyond the first plane. */
export function escaped(char: string): string {
	const code = char.codePointAt(0)!;
	return code > 0xFFFF ? `\\u{${code.toString(16)}}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Show control characters and escape sequences as visible escapes (`\e]0;x\a`), so none act on the terminal. */
export function sanitize(text: string): string {
	unsafe.lastIndex = 0;
	const controls = unsafe.test(text);
	const joins = joinCandidates.test(text);
	const indicators = text.includes('\uD83C');
	if (!controls && !joins && !indicators && leadingInvisible(text) === 0) return text;
	unsafe.lastIndex = 0;
	let shown = controls ? text.replace(unsafe, char => named[char] ?? escaped(char)) : text;
	if (joins) shown = shown.replace(emojiJoins, escaped);
	if (indicators) shown = shown.replace(indicatorPairs, pair => (noFlag(pair) ? pair.slice(0, 2) + escaped(pair.slice(2)) : pair));
	const lead = leadingInvisible(shown);
	return lead === 0 ? shown : Array.from(shown.slice(0, lead), escaped).join('') + shown.slice(lead);
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
	for (const match of text.matchAll(indicatorPairs)) if (noFlag(match[0])) replaced.set(match.index + 2, escaped(match[0].slice(2)));
	const pieces: string[] = [];
	let offset = 0;
	for (const char of text) {
		pieces.push(replaced.get(offset) ?? char);
		offset += char.length;
	}

	// The first grapheme shown, when it takes no cells, is characters shown as themselves: each is escaped.
	let lead = leadingInvisible(pieces.join(''));
	for (let index = 0; lead > 0; index++) {
		lead -= pieces[index]!.length;
		pieces[index] = escaped(pieces[index]!);
	}

	return pieces;
}
