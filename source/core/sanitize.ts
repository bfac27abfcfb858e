// The one sanitizer every untrusted string passes through before it reaches a terminal.

const named: Record<string, string> = {'\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\u001B': '\\e', '\u0007': '\\a'};

// C0 controls, DEL, C1 controls (0x9b is a one-byte CSI), the bidirectional controls that reorder what is shown,
// the line and paragraph separators, and the invisible characters that make two ids look alike (zero-width space,
// word joiner, BOM; the joiners that emoji and scripts need stay).
const unsafe = /[\u0000-\u001F\u007F-\u009F\u061C\u200B\u200E\u200F\u2028-\u202E\u2060\u2066-\u2069\uFEFF]/g;

/** Show control characters and escape sequences as visible escapes (`\e]0;x\a`), so none act on the terminal. */
export function sanitize(text: string): string {
	unsafe.lastIndex = 0;
	if (!unsafe.test(text)) return text;
	unsafe.lastIndex = 0;
	return text.replace(unsafe, char => named[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Like sanitize, keeping line breaks as real line breaks (for multi-line JSON views). */
export function sanitizeMultiline(text: string): string {
	return text.split('\n').map(line => sanitize(line)).join('\n');
}
