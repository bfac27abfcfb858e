// Copying through the terminal (OSC 52). No terminal acknowledges OSC 52, and many drop it silently (disabled,
// unsupported, or tmux not forwarding it), so the TUI says what it sent and where, never that the text was copied.

/** What the TUI knows of the terminal it draws on. */
export type TerminalInfo = {isTTY: boolean; env: Readonly<Record<string, string | undefined>>};

/** The bytes to write for a copy, and the words that say what happened. */
export type CopyPlan = {sequence: string; notice: string; kind: 'sent' | 'error'};

/** OSC 52 sequence that puts `text` on the terminal's clipboard; base64 keeps the payload inert. */
export function osc52(text: string): string {
	return `\u001B]52;c;${Buffer.from(text, 'utf8').toString('base64')}\u0007`;
}

/** `sequence` wrapped in tmux's passthrough (DCS tmux; …, every ESC doubled), for tmux with allow-passthrough on. */
function tmuxPassthrough(sequence: string): string {
	return `\u001BPtmux;${sequence.replaceAll('\u001B', '\u001B\u001B')}\u001B\\`;
}

/** How to copy `text` (described as `what`, e.g. "event 12") on `terminal`, and what to tell the user (most important words first: the footer cuts at 80 columns). */
export function planCopy(text: string, what: string, terminal: TerminalInfo): CopyPlan {
	if (!terminal.isTTY) return {sequence: '', notice: `${what} not copied: the output is not a terminal (no OSC 52 clipboard)`, kind: 'error'};
	if (terminal.env.TERM === 'dumb') return {sequence: '', notice: `${what} not copied: TERM=dumb has no clipboard escape (OSC 52)`, kind: 'error'};
	const sequence = osc52(text);
	if (terminal.env.TMUX) {
		// Plain, tmux takes it when set-clipboard is on (and passes it on); wrapped, it passes through with allow-passthrough.
		return {sequence: sequence + tmuxPassthrough(sequence), notice: `${what} sent via tmux (OSC 52), unconfirmed: needs tmux set-clipboard on`, kind: 'sent'};
	}

	return {sequence, notice: `${what} sent to the clipboard (OSC 52), unconfirmed: paste to check`, kind: 'sent'};
}
