// The original JSON text of a value, and what becomes of a value nesting too deep to walk.
import type {ValueText} from './envelope.js';
import {maxValueDepth, memberText, nestsDeeperThan} from './json-text.js';

/** The exact text the value was parsed from: the whole text, or its `value` member's. */
export function ownValueText(valueText: ValueText): string | undefined {
	return valueText.member ? memberText(valueText.text, valueText.member) : valueText.text;
}

/**
 * The value's own text when it nests deeper than maxValueDepth, else undefined. Such a value is kept as that text
 * (lossless, stored, counted, recorded), because hashing, encoding or printing it would overflow the stack.
 */
export function deepValueText(valueText: ValueText | undefined): string | undefined {
	// The whole text nests at least as deep as any member of it: most texts stop at this first check.
	if (!valueText || !nestsDeeperThan(valueText.text, maxValueDepth)) return undefined;
	const own = ownValueText(valueText);
	return own !== undefined && nestsDeeperThan(own, maxValueDepth) ? own : undefined;
}

const lineBreak = /[\n\r]/;

/** Whether text holds a line break, which a recording line cannot (JSON text spread over lines is written as a string). */
export function spansLines(text: string): boolean {
	return lineBreak.test(text);
}
