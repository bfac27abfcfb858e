// Key presses as plain names ('j', 'G', 'enter', 'shift+tab', 'ctrl+c'), so bindings can be written as data.
import type {Key} from 'ink';

/** A key as bindings name it: a printable character, or one of the named keys, optionally with `ctrl+`/`shift+`. */
export type KeyName = string;

const named: Array<[keyof Key, string]> = [
	['upArrow', 'up'],
	['downArrow', 'down'],
	['leftArrow', 'left'],
	['rightArrow', 'right'],
	['pageUp', 'pageup'],
	['pageDown', 'pagedown'],
	['home', 'home'],
	['end', 'end'],
	['return', 'enter'],
	['escape', 'esc'],
	['tab', 'tab'],
	['backspace', 'backspace'],
	['delete', 'delete'],
];

/** The name of a key press as Ink reports it to `useInput` (`input`, `key`). */
export function keyName(input: string, key: Key): KeyName {
	for (const [flag, name] of named) {
		if (key[flag]) {
			if (name === 'tab' && key.shift) return 'shift+tab';
			return name;
		}
	}

	if (key.ctrl && input.length === 1) return `ctrl+${input.toLowerCase()}`;
	if (input === ' ') return 'space';
	return input;
}
