// One terminal line: every part sanitized (this is the edge that prints untrusted text) and cut to the width.
import {Text} from 'ink';
import {displayWidth, truncate} from '../text/width.js';

/** A piece of a line with its style. */
export type Segment = {text: string; color?: string; bold?: boolean; inverse?: boolean; dim?: boolean};

/** Sanitize the parts and cut them so together they take at most `width` cells (padded to `width` with `pad`). */
export function layoutSegments(parts: Array<Segment | string>, width: number, pad = false): Segment[] {
	const out: Segment[] = [];
	let left = width;
	for (const part of parts) {
		const segment = typeof part === 'string' ? {text: part} : part;
		if (left <= 0) break;
		// truncate sanitizes: control characters and escape sequences arrive here as visible text.
		const text = truncate(segment.text, left);
		left -= displayWidth(text);
		out.push({...segment, text});
	}

	if (pad && left > 0) {
		const last = out.at(-1);
		if (last) last.text += ' '.repeat(left);
		else out.push({text: ' '.repeat(left)});
	}

	return out;
}

/** A single line that never wraps (an empty one still takes its row): text from messages is sanitized here. */
export function Line(props: {parts: Array<Segment | string> | string; width: number; pad?: boolean} & Omit<Segment, 'text'>) {
	const {parts, width, pad, ...style} = props;
	const segments = layoutSegments(typeof parts === 'string' ? [parts] : parts, width, pad);
	return (
		<Text wrap="truncate-end" color={style.color} bold={style.bold} inverse={style.inverse} dimColor={style.dim}>
			{segments.every(segment => segment.text === '') ? ' ' : segments.map((segment, index) => (
				<Text key={index} color={segment.color} bold={segment.bold} inverse={segment.inverse} dimColor={segment.dim}>{segment.text}</Text>
			))}
		</Text>
	);
}
