// The `:` commands: parsed from the typed text into what to do, or a message saying what is wrong.
import {longestWindowMs, parseDuration} from './windows.js';

/** A parsed `:` command. */
export type Command =
	| {kind: 'transaction'; id: string}
	| {kind: 'topic'; name: string}
	| {kind: 'window'; ms: number}
	| {kind: 'quit'}
	| {kind: 'error'; message: string};

const usage = 'commands: :tx ID, :topic NAME, :window 5m, :q';

/** Parse the text typed after `:`. */
export function parseCommand(text: string): Command {
	const trimmed = text.trim();
	const space = trimmed.search(/\s/);
	const name = space === -1 ? trimmed : trimmed.slice(0, space);
	const argument = space === -1 ? '' : trimmed.slice(space + 1).trim();
	switch (name) {
		case 'tx':
		case 'transaction': {
			return argument ? {kind: 'transaction', id: argument} : {kind: 'error', message: ':tx needs an id, e.g. :tx ORD-12345'};
		}

		case 'topic': {
			return argument ? {kind: 'topic', name: argument} : {kind: 'error', message: ':topic needs a topic name, e.g. :topic orders.created'};
		}

		case 'window': {
			if (!argument) return {kind: 'error', message: ':window needs a duration, e.g. :window 5m'};
			const ms = parseDuration(argument);
			if (typeof ms !== 'number') return {kind: 'error', message: ms.error};
			if (ms < 1000 || ms > longestWindowMs) return {kind: 'error', message: 'the window must be between 1s and 1h'};
			return {kind: 'window', ms};
		}

		case 'q':
		case 'quit': {
			return {kind: 'quit'};
		}

		default: {
			return {kind: 'error', message: name ? `unknown command ":${name}"; ${usage}` : usage};
		}
	}
}
