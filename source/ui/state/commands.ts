// The `:` commands: parsed from the typed text into what to do, or a message saying what is wrong.
import {compileFilter, FilterSyntaxError} from '../../core/filter/filter.js';
import {longestWindowMs, parseDuration} from './windows.js';

/** What `:group` asks for: events per value of `field` (as `query --group-by`), optionally filtered and summing another field. */
export type GroupRequest = {field: string; sum?: string; where?: string};

/** A parsed `:` command. */
export type Command =
	| {kind: 'transaction'; id: string}
	| {kind: 'topic'; name: string}
	| {kind: 'window'; ms: number}
	| {kind: 'group'; request: GroupRequest}
	| {kind: 'quit'}
	| {kind: 'error'; message: string};

const usage = 'commands: :tx ID, :topic NAME, :group FIELD, :window 5m, :q';

const groupExample = ':group needs a field, e.g. :group customerId --where type:OrderCreated --sum totalAmount';

/** Parse the argument of `:group`: FIELD, then `--sum FIELD` and `--where FILTER` (the filter runs to the next option) in any order. */
function parseGroup(argument: string): Command {
	const words = argument.split(/\s+/).filter(word => word !== '');
	const [field, ...rest] = words;
	if (field === undefined || field.startsWith('--')) return {kind: 'error', message: groupExample};
	const request: GroupRequest = {field};
	for (let at = 0; at < rest.length;) {
		const option = rest[at]!;
		const end = option === '--where' ? rest.findIndex((word, index) => index > at && word.startsWith('--')) : at + 2;
		const value = rest.slice(at + 1, end === -1 ? rest.length : end).join(' ');
		if (option !== '--sum' && option !== '--where') return {kind: 'error', message: `:group: unknown option "${option}"; ${groupExample}`};
		if (value === '' || value.startsWith('--')) return {kind: 'error', message: `:group: ${option} needs a ${option === '--sum' ? 'field' : 'filter'}`};
		if (option === '--sum') request.sum = value;
		else request.where = value;
		at = end === -1 ? rest.length : end;
	}

	if (request.where !== undefined) {
		try {
			compileFilter(request.where);
		} catch (error) {
			if (!(error instanceof FilterSyntaxError)) throw error;
			return {kind: 'error', message: `:group --where: ${error.message}`};
		}
	}

	return {kind: 'group', request};
}

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

		case 'group': {
			return parseGroup(argument);
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
