// Splits a byte stream into text lines: bounded memory for overlong lines, cheap UTF-8 checking, CRLF tolerated.
import {isUtf8} from 'node:buffer';

const newline = 0x0A;
const carriageReturn = 0x0D;
const replacement = '\uFFFD';

/** Receives what the splitter finds; `line` numbers are 1-based physical lines. */
export type LineSink = {
	/** A non-blank line, without its line end. */
	line(text: string, line: number): void;
	/** A line that cannot be read as text, with why. */
	bad(line: number, reason: string): void;
};

/**
 * Turns chunks of bytes into lines for `sink`. Whole chunks are decoded at once and split on `\n` (a `\n` byte never
 * occurs inside a multi-byte UTF-8 sequence); bytes are only validated when the decoded text contains U+FFFD, the
 * decoder's mark for invalid input. A line over `maxLineBytes` is dropped while it streams in, never held whole.
 */
export class LineSplitter {
	/** Pieces of the line that the last chunk left unfinished. */
	private pending: Buffer[] = [];
	private pendingBytes = 0;
	/** The current line is overlong and already reported: drop bytes up to the next newline. */
	private skipping = false;
	/** Number of the line being read. */
	private lineNumber = 1;
	private atStart = true;

	constructor(private readonly maxLineBytes: number, private readonly sink: LineSink) {}

	/** Number of the line being read (where input that breaks off is reported). */
	get currentLine(): number {
		return this.lineNumber;
	}

	/** Feed the next chunk. */
	push(chunk: Buffer): void {
		let start = 0;
		if (this.atStart && chunk.length > 0) {
			this.atStart = false;
			// A byte-order mark some editors put before the first line is not part of the JSON.
			if (chunk[0] === 0xEF && chunk[1] === 0xBB && chunk[2] === 0xBF) start = 3;
		}

		if (this.skipping || this.pendingBytes > 0) {
			const end = chunk.indexOf(newline, start);
			if (end === -1) {
				this.carry(chunk.subarray(start));
				return;
			}

			if (this.skipping) {
				this.skipping = false;
				this.lineNumber++;
			} else {
				this.pending.push(chunk.subarray(start, end));
				const bytes = Buffer.concat(this.pending, this.pendingBytes + end - start);
				this.pending = [];
				this.pendingBytes = 0;
				this.bytesLine(bytes);
			}

			start = end + 1;
		}

		const last = chunk.lastIndexOf(newline);
		if (last >= start) {
			const text = chunk.toString('utf8', start, last);
			if (text.includes(replacement)) this.bytesLines(chunk, start, last);
			else this.textLines(text);
			start = last + 1;
		}

		if (start < chunk.length) this.carry(chunk.subarray(start));
	}

	/** The input ended: a last line without a newline still counts. */
	end(): void {
		if (this.pendingBytes === 0) return;
		const bytes = Buffer.concat(this.pending, this.pendingBytes);
		this.pending = [];
		this.pendingBytes = 0;
		this.bytesLine(bytes);
	}

	/** Keep the start of an unfinished line, unless it already exceeds the cap (a `\r` may still follow). */
	private carry(piece: Buffer): void {
		if (this.skipping || piece.length === 0) return;
		this.pendingBytes += piece.length;
		if (this.pendingBytes > this.maxLineBytes + 1) {
			this.sink.bad(this.lineNumber, this.tooLong());
			this.pending = [];
			this.pendingBytes = 0;
			this.skipping = true;
			return;
		}

		this.pending.push(piece);
	}

	/** Lines of text known to hold no invalid UTF-8. */
	private textLines(text: string): void {
		const max = this.maxLineBytes;
		for (let line of text.split('\n')) {
			const number = this.lineNumber++;
			if (line.charCodeAt(line.length - 1) === carriageReturn) line = line.slice(0, -1);
			if (line.length === 0) continue;
			// UTF-8 takes 1 to 3 bytes per UTF-16 unit: count bytes only when the length alone cannot tell.
			if (line.length > max || (line.length * 3 > max && Buffer.byteLength(line) > max)) this.sink.bad(number, this.tooLong());
			else this.sink.line(line, number);
		}
	}

	/** Lines in `chunk[start, end)` one by one, because some of them hold U+FFFD. */
	private bytesLines(chunk: Buffer, start: number, end: number): void {
		// chunk[end] is a newline, so every search below stops at or before it.
		while (start <= end) {
			const stop = chunk.indexOf(newline, start);
			this.bytesLine(chunk.subarray(start, stop));
			start = stop + 1;
		}
	}

	/** One line given as bytes, without its `\n`. */
	private bytesLine(bytes: Buffer): void {
		const number = this.lineNumber++;
		const length = bytes[bytes.length - 1] === carriageReturn ? bytes.length - 1 : bytes.length;
		if (length === 0) return;
		if (length > this.maxLineBytes) {
			this.sink.bad(number, this.tooLong());
			return;
		}

		const text = bytes.toString('utf8', 0, length);
		// U+FFFD is also a legitimate character: only a failed validation makes the line bad.
		if (text.includes(replacement) && !isUtf8(bytes.subarray(0, length))) this.sink.bad(number, 'invalid UTF-8');
		else this.sink.line(text, number);
	}

	private tooLong(): string {
		return `longer than ${this.maxLineBytes} bytes`;
	}
}
