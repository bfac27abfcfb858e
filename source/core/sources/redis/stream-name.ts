// A Redis stream name is bytes, not necessarily UTF-8: commands take the exact bytes, everything else the name
// as text, each byte that is not part of a UTF-8 character written `\xNN`.
import {isUtf8} from 'node:buffer';

/** A stream's key as Redis commands take it: its exact bytes, or text (a name given in the URL). */
export type StreamKey = Buffer | string;

/** Length of the UTF-8 character at `at` of `bytes`, or 0 when none starts there. */
function characterLength(bytes: Buffer, at: number): number {
	const lead = bytes[at]!;
	const length = lead < 0x80 ? 1 : lead < 0xC2 ? 0 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : lead < 0xF5 ? 4 : 0;
	// isUtf8 of the character alone also refuses overlong forms, surrogates and truncated ones.
	return length > 1 && (at + length > bytes.length || !isUtf8(bytes.subarray(at, at + length))) ? 0 : length;
}

/**
 * A stream name as the text shown and kept (topic, read position, notices): its UTF-8 text, each byte that is not
 * part of a UTF-8 character as `\xNN` (`orders:\xff`). Never sent back to Redis: a name that is text may itself
 * read `\xff`, so two streams can show alike (the source says so, source.ts).
 */
export function streamName(bytes: Buffer): string {
	if (isUtf8(bytes)) return bytes.toString('utf8');
	let text = '';
	let copied = 0;
	let at = 0;
	while (at < bytes.length) {
		const length = characterLength(bytes, at);
		if (length > 0) {
			at += length;
			continue;
		}

		text += `${bytes.toString('utf8', copied, at)}\\x${bytes[at]!.toString(16).padStart(2, '0')}`;
		copied = ++at;
	}

	return text + bytes.toString('utf8', copied);
}

/** Whether two keys are the same bytes. */
export function sameKey(a: StreamKey, b: StreamKey): boolean {
	return Buffer.from(a).equals(Buffer.from(b));
}
