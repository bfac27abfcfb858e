// The plugin API's plain functions as a plugin sees them: each checks what it is given first, so a plugin written in
// plain JavaScript that passes a number where a text goes gets `sanitize(text): text is number (42), not a string`
// instead of `text.includes is not a function` from deep inside, or a quiet wrong answer. The built-in code calls
// the functions themselves, unchecked.
import {sanitize as sanitizeText, sanitizeMultiline as sanitizeLines} from '../core/sanitize.js';
import {findPath as findPathIn} from '../core/fields.js';
import {moreMayCome as anyMoreMayCome} from '../core/more-input.js';
import {maskInText as maskText, personalDataMask as makeMask} from '../core/personal-data.js';
import {transactionValues as valuesOf} from '../core/queries/transaction-values.js';
import {correlationNotes as notesOf} from '../core/metrics/id-coverage.js';
import {displayWidth as widthOf, fit as fitText, truncate as cut, truncateStart as cutStart, wrap as wrapText} from '../ui/text/width.js';
import {giveWay as firstThatFits, type Piece} from '../ui/text/give-way.js';
import {distinctCut as cutApart} from '../ui/text/distinct-names.js';
import {edgeNodeText as nodeText} from '../core/metrics/edge.js';
import {counted as countedNoun, formatCount as count, formatDuration as duration, formatMs as ms, formatNumber as number, formatPercent as percent, formatRate as rate, formatSpan as span} from '../core/units/format.js';
import {formatTime as time} from '../ui/format.js';
import {parseDuration as readDuration} from '../commands/support/parse.js';
import {outageLines as linesOf} from '../commands/support/outage-lines.js';
import {keyName as nameOf} from './keys.js';
import {parseYaml as readYaml} from './yaml.js';

/** What an argument must be: `?` after a kind also takes undefined and null (an optional argument or an unknown figure). */
type Kind = 'any' | 'function' | 'array?' | 'string' | 'string?' | 'number' | 'number?' | 'object' | 'object?' | 'array' | 'iterable' | 'align?' | 'keep?';

/** Whether `value` is of `kind`. */
function holds(kind: Kind, value: unknown): boolean {
	if (kind.endsWith('?') && (value === undefined || value === null)) return true;
	switch (kind) {
		case 'any': return true;
		case 'function': return typeof value === 'function';
		case 'string': case 'string?': return typeof value === 'string';
		case 'number': case 'number?': return typeof value === 'number';
		case 'object': case 'object?': return typeof value === 'object' && value !== null;
		case 'array': case 'array?': return Array.isArray(value);
		case 'iterable': return typeof value === 'object' && value !== null && Symbol.iterator in value;
		case 'align?': return value === 'left' || value === 'right';
		case 'keep?': return value === 'start' || value === 'end';
	}
}

/** The words for what an argument must be, in an error. */
const wanted: Record<Kind, string> = {
	any: 'anything', function: 'a function',
	string: 'a string', 'string?': 'a string or undefined', number: 'a number', 'number?': 'a number or undefined',
	object: 'an object', 'object?': 'an object or undefined', array: 'an array', 'array?': 'an array or undefined', iterable: 'an array or other iterable of texts',
	'align?': "'left', 'right' or undefined", 'keep?': "'start', 'end' or undefined",
};

/** How a wrong argument is named in an error: its type, and its value when short. */
function given(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'an array';
	const type = typeof value;
	if (type === 'number' || type === 'boolean') return `${type} (${String(value)})`;
	if (type === 'string') return (value as string).length <= 20 ? `string (${JSON.stringify(value)})` : 'a string';
	return type;
}

/** `fn` with its arguments checked against `kinds` (named by `parameters`) before it runs. */
function checked<Arguments extends unknown[], Result>(name: string, parameters: string[], kinds: Kind[], fn: (...args: Arguments) => Result): (...args: Arguments) => Result {
	const signature = `${name}(${parameters.join(', ')})`;
	return (...args: Arguments) => {
		for (let index = 0; index < kinds.length; index++) {
			if (!holds(kinds[index]!, args[index])) throw new TypeError(`${signature}: ${parameters[index]} is ${given(args[index])}, not ${wanted[kinds[index]!]}`);
		}

		return fn(...args);
	};
}

/** Control characters and escape sequences of a message's text shown escaped (the plugin API's `sanitize`). */
export const sanitize = checked('sanitize', ['text'], ['string'], sanitizeText);
/** The same, keeping line breaks. */
export const sanitizeMultiline = checked('sanitizeMultiline', ['text'], ['string'], sanitizeLines);
/** A field of an event, as the built-in code finds fields. */
export const findPath = checked('findPath', ['value', 'headers', 'path', 'containers'], ['any', 'object?', 'array', 'array'], findPathIn);
/** Whether any source may still deliver events. */
export const moreMayCome = checked('moreMayCome', ['sources'], ['array'], anyMoreMayCome);
/** Emails, card numbers, IPs and credentials written in a text, masked. */
export const maskInText = checked('maskInText', ['text'], ['string'], maskText);
/** The personal-data rule of a configuration's `fields`. */
export const personalDataMask = checked('personalDataMask', ['fields'], ['object'], makeMask);
/** The values of every event of an event's transaction, for personalDataMask's `whole`. */
export const transactionValues = checked('transactionValues', ['event', 'transaction', 'unstored'], ['object', 'function', 'array?'], valuesOf);
/** The correlation summary as sentences. */
export const correlationNotes = checked('correlationNotes', ['correlation', 'formatCount'], ['object', 'function'], notesOf);
/** The terminal cells a sanitized one-line text takes. */
export const displayWidth = checked('displayWidth', ['text'], ['string'], widthOf);
/** A text in exactly `width` cells. */
export const fit = checked('fit', ['text', 'width', 'align', 'keep'], ['string', 'number', 'align?', 'keep?'], fitText);
/** A text cut to `width` cells, ending with `…` when cut. */
export const truncate = checked('truncate', ['text', 'width'], ['string', 'number'], cut);
/** A text cut to `width` cells, keeping the end. */
export const truncateStart = checked('truncateStart', ['text', 'width'], ['string', 'number'], cutStart);
/** A text broken into at most `lines` lines of `width` cells. */
export const wrap = checked('wrap', ['text', 'width', 'lines'], ['string', 'number', 'number'], wrapText);
/** A line in forms, fullest first: the first that fits. */
export function giveWay<P extends Piece>(forms: ReadonlyArray<readonly P[]>, width: number): P[] {
	return checkedGiveWay(forms, width) as P[];
}

const checkedGiveWay = checked('giveWay', ['forms', 'width'], ['array', 'number'], firstThatFits);
/** Names shown together, cut so they stay told apart. */
export const distinctCut = checked('distinctCut', ['names', 'width', 'keep'], ['iterable', 'number', 'keep?'], cutApart);
/** A node's name as an edge name writes it (escaped when it holds `->` or `\\`), so an edge shown `from->to` reads one way. */
export const edgeNodeText = checked('edgeNodeText', ['node'], ['string'], nodeText);
/** A count with thousands separators; `-` when unknown. */
export const formatCount = checked('formatCount', ['n'], ['number?'], count);
/** A number with at most two decimals. */
export const formatNumber = checked('formatNumber', ['n'], ['number?'], number);
/** A rate per second. */
export const formatRate = checked('formatRate', ['perSecond'], ['number?'], rate);
/** A latency in ms, s or minutes. */
export const formatMs = checked('formatMs', ['ms'], ['number?'], ms);
/** A duration: `45s`, `3m 05s`, `2h 10m`. */
export const formatDuration = checked('formatDuration', ['ms'], ['number'], duration);
/** A window or threshold: `250 ms`, `30s`, `5m`. */
export const formatSpan = checked('formatSpan', ['ms'], ['number'], span);
/** A fraction as a percentage. */
export const formatPercent = checked('formatPercent', ['fraction'], ['number?'], percent);
/** A UTC time of day. */
export const formatTime = checked('formatTime', ['ms'], ['number?'], time);
/** `1 alert`, `3 alerts`. */
export const counted = checked('counted', ['count', 'noun', 'plural'], ['number', 'string', 'string?'], countedNoun);
/** A command flag's duration in milliseconds. */
export const parseDuration = checked('parseDuration', ['text', 'flag'], ['string', 'string'], readDuration);
/** The `not read: …` lines of a run's outages. */
export const outageLines = checked('outageLines', ['outages', 'listedBy'], ['array', 'string'], linesOf);
/** The name of a key press from Ink's `useInput`. */
export const keyName = checked('keyName', ['input', 'key'], ['string', 'object'], nameOf);
/** A plugin's own YAML, with where each value is. */
export const parseYaml = checked('parseYaml', ['text', 'file'], ['string', 'string'], readYaml);
