// The Messages pane's header: how many events it shows, what a filter matched and how far it looked, and whether the
// tail follows. Written in forms, fullest first: the words shorten (at the last, `/status:error 5,000+ of 20,000 back
// + 12,345 new`), then the filter's text is cut (the tabs line shows it too); the state and every count stay whole.
import type {StoreSearch} from '../../core/queries/search.js';
import {counted, formatCount} from '../../core/units/format.js';
import {formatTime} from '../format.js';
import {giveWay, type Piece} from '../text/give-way.js';
import {displayWidth} from '../text/width.js';

/** How many matches a filter keeps: enough to hold every error of a long incident, not a whole store. */
export const filterLimit = 5000;

/** Whether the tail moves with new events, is held by the paused view, or was scrolled away from the newest. */
export type TailState = 'following' | 'paused' | 'scrolled';

/** The state in full, then short: the scrolled one drops its hint. */
const stateWords: Record<TailState, [string, string]> = {
	following: ['▼ following', '▼ following'],
	paused: ['‖ paused', '‖ paused'],
	scrolled: ['◆ scrolled (G follows)', '◆ scrolled'],
};

/**
 * How many events a filter matched, e.g. `406 matching`; when it kept only so many, `newest 5,000 matching`, short
 * `5,000+ matching`, bare `5,000+` (no word).
 */
function matchedText(search: StoreSearch, shown: number, words: 'full' | 'short' | 'bare'): string {
	const count = formatCount(shown);
	const word = words === 'bare' ? '' : ' matching';
	if (search.found < filterLimit) return `${count}${word}`;
	return words === 'full' ? `newest ${count}${word}` : `${count}+${word}`;
}

/**
 * How far a filter's search looked in the store and how many events it has looked at since, as they were stored,
 * in words of `level` 0 (fullest), 1 or 2: `searched all 25,842 stored + 1,020 new events`, `all 25,842 stored +
 * 1,020 new`, `25,842 stored + 1,020 new`; `searched back to 08:01:12.000 (1,000,000 events + 1,020 new)`,
 * `1,000,000 since 08:01:12.000 + 1,020 new`, `1,000,000 back + 1,020 new`.
 */
function lookedText(search: StoreSearch, followed: number, level: 0 | 1 | 2): string {
	const scanned = formatCount(search.scanned);
	const added = followed > 0 ? ` + ${formatCount(followed)} new` : '';
	if (!search.done) {
		if (level === 0) return `searching the store, ${scanned} events back${added}…`;
		return `${level === 1 ? 'searching, ' : ''}${scanned} back${added}…`;
	}

	if (search.reachedOldest) {
		if (level > 0) return `${level === 1 ? 'all ' : ''}${scanned} stored${added}`;
		return `searched all ${followed > 0 ? `${scanned} stored${added} events` : counted(search.scanned, 'stored event')}`;
	}

	const since = formatTime(search.oldestReceivedAt);
	if (level === 0) return `searched back to ${since} (${counted(search.scanned, 'event')}${added})`;
	return level === 1 ? `${scanned} since ${since}${added}` : `${scanned} back${added}`;
}

/** The header's pieces within `width`, for a filtered tail (`filter` and its `search`) or the whole tail of `shown` events. */
export function messagesHeader(
	tail: {shown: number; state: TailState; filter?: {expression: string; search: StoreSearch; followed: number}},
	width: number,
): Piece[] {
	const [state, shortState] = stateWords[tail.state];
	if (!tail.filter) {
		const count = `${formatCount(tail.shown)} in tail`;
		return giveWay([
			[{text: `Messages · ${count}, newest at the bottom · no filter (/ filters) · ${state}`}],
			[{text: `Messages · ${count} · no filter (/ filters) · ${state}`}],
			[{text: `Messages · ${count} · ${shortState}`}],
		], width);
	}

	const {expression, search, followed} = tail.filter;
	const form = (lead: string, words: 'full' | 'short', level: 0 | 1 | 2, stateText: string): Piece[] => [
		{text: lead},
		{text: expression, name: 'start'},
		{text: ` · ${matchedText(search, tail.shown, words)} · ${lookedText(search, followed, level)} · ${stateText}`},
	];
	const shortest = form('/', 'short', 2, shortState);
	// The fewest cells, for 5- and 6-digit counts at 60 columns, only where the shortest form leaves the filter less
	// than 2 cells (`s…`): the matches read as a part of what was looked at.
	const brief: Piece[] = [{text: '/'}, {text: expression, name: 'start'}, {text: ` ${matchedText(search, tail.shown, 'bare')} of ${lookedText(search, followed, 2)} · ${shortState}`}];
	const filterRoom = width - displayWidth(shortest[0]!.text) - displayWidth(shortest[2]!.text);
	return giveWay([
		form('Messages · filter: ', 'full', 0, state),
		form('Messages · filter: ', 'full', 1, state),
		form('filter: ', 'short', 1, shortState),
		form('/', 'short', 1, shortState),
		shortest,
		...(filterRoom < 2 ? [brief] : []),
	], width);
}
