// The one sanitizer every untrusted string passes through before it reaches a terminal.

const named: Record<string, string> = {'\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\u001B': '\\e', '\u0007': '\\a'};

// C0 controls, DEL, C1 controls (0x9b is a one-byte CSI), and bidirectional overrides that reorder what is shown.
const unsafe = /[\u0000-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

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
