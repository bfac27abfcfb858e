// Pane 3: the live tail, newest at the bottom, the selected event as pretty JSON; `/` filters it.
import {useMemo} from 'react';
import {Box} from 'ink';
import {moreMayCome, yet} from '../../core/more-input.js';
import {usePaneKeys, type PaneProps} from '../../plugin-api/index.js';
import type {Envelope} from '../../core/envelope.js';
import {messagesPaneBindings as bindings} from './built-in.js';
import {useDetailScroll} from '../hooks/use-detail-scroll.js';
import {useListState} from '../hooks/use-list-state.js';
import {useSeen} from '../hooks/use-seen.js';
import {useMessageTail} from '../hooks/use-message-tail.js';
import {listActionFor, visibleRange} from '../state/list-state.js';
import {Line} from '../components/line.js';
import {JsonView} from '../components/json-view.js';
import {formatTime} from '../format.js';
import {eventJson} from '../event-json.js';
import {valueJson} from '../../core/json-as-sent.js';
import {fit} from '../text/width.js';
import {distinctCut} from '../text/distinct-names.js';
import {filterLimit, messagesHeader} from './messages-header.js';
import {fieldsNoneCarry, logicWords, topicsNoneMatch} from '../../core/filter/filter.js';
import {useTheme} from '../theme.js';

/** How many events the tail keeps. */
export const tailLimit = 500;


/** Status of an event in a word and a symbol. */
export function statusText(event: Envelope): string {
	const status = event.status === 'ok' ? '✓ ok' : event.status === 'error' ? '✗ error' : '⊘ blocked';
	return event.duplicate ? `${status} dup` : status;
}

/** A compact one-line preview of an event's value. */
function preview(event: Envelope): string {
	const text = valueJson(event);
	return text.length > 400 ? text.slice(0, 400) : text;
}

/** Cells of a narrow line besides its topic and type: the time, the status symbol, the id and the spaces after each. */
const narrowFixed = 12 + 1 + 16 + 5;

/** How the topic and type columns cut the names in them (so that names alike at both ends stay told apart). */
export type MessageCuts = {topic: (name: string) => string; type: (name: string) => string};

/** Cells of the topic and type columns in a line `width` cells wide. */
function nameWidths(width: number): {topic: number; type: number} {
	const narrow = Math.min(18, Math.floor((width - narrowFixed) / 2));
	return {topic: width >= 130 ? 28 : width >= 95 ? 22 : narrow, type: width >= 130 ? 26 : width >= 95 ? 20 : narrow};
}

/** The cuts for the topic and type columns of `events` shown together in lines `width` cells wide. */
export function messageCuts(events: readonly Envelope[], width: number): MessageCuts {
	const widths = nameWidths(width);
	return {
		topic: distinctCut(events.map(event => event.topic ?? '-'), widths.topic),
		type: distinctCut(events.map(event => event.type), widths.type),
	};
}

/**
 * One event on one line: time, topic, type, status, first id, value preview. Below 110 cells the status is its
 * symbol (✓ ✗ ⊘, or ↻ for a redelivery, as in the timeline) so the id, what Enter opens, keeps its room and its
 * column; below 95 the topic and the type share what the id leaves (18 cells each at most); the preview gets what
 * is left. A long id keeps its end (`…OUT-5T6H-003044`), what tells ids of one system apart. `cuts` (from the
 * events shown with it) cut the topic and the type.
 */
export function messageLine(event: Envelope, width: number, cuts = messageCuts([event], width)): string {
	const widths = nameWidths(width);
	const status = statusText(event);
	return [
		fit(formatTime(event.timestamp ?? event.receivedAt), 12),
		fit(cuts.topic(event.topic ?? '-'), widths.topic),
		fit(cuts.type(event.type), widths.type),
		width >= 110 ? fit(status, 9) : fit(event.duplicate ? '↻' : status.slice(0, 1), 1),
		fit(event.ids[0] ?? '-', width >= 110 ? 18 : 16, 'left', 'end'),
		preview(event),
	].join(' ');
}

/**
 * What the pane says when a filter matched no stored event, naming the fields no recent event has (`missing.fields`),
 * the topic patterns no recent event's topic matches (`missing.topics`) and words other languages read as logic (`missing.logic`).
 */
function noMatchText(missing: {fields: readonly string[]; topics: readonly string[]; logic: readonly string[]}): string {
	const named = (names: readonly string[]) => names.map(name => `"${name}"`).join(', ');
	return [
		'no stored event matches the filter',
		...(missing.fields.length > 0 ? [`no recent event has a field ${named(missing.fields)}: misspelt?`] : []),
		...(missing.topics.length > 0 ? [`no recent event is on a topic matching ${named(missing.topics)}: misspelt? (2 lists the topics)`] : []),
		...(missing.logic.length > 0 ? [`${named(missing.logic)} is searched as text: all terms must match, no OR`] : []),
	].join('\n');
}

/** The Messages pane (registered in built-in.ts). */
export function Messages({engine, snapshot, focused, size, filter, host, paused}: PaneProps) {
	const theme = useTheme();
	const {events, followed, search} = useMessageTail(engine, filter, snapshot, filter ? filterLimit : tailLimit);
	const keys = useMemo(() => events.map(event => String(event.seq)), [events]);
	const side = size.columns >= 140;
	const listWidth = side ? Math.floor(size.columns * 0.55) : size.columns;
	const jsonWidth = side ? size.columns - listWidth - 1 : size.columns;
	// Stacked, the tail takes what its events need up to 45 % of the room; the event's JSON gets the rest.
	const listRows = side ? size.rows - 1 : Math.max(3, Math.min(events.length, Math.floor((size.rows - 1) * 0.45)));
	const jsonRows = side ? size.rows : size.rows - 1 - listRows;
	const [list, dispatch, afterKeys, movedUnseen] = useListState(keys, listRows, true, filter);
	const selected = events[list.selected];
	const seenSelected = useSeen(selected);
	const [jsonWindow, scrollJson] = useDetailScroll(selected && String(selected.seq), selected && eventJson(selected), jsonRows - 1);

	usePaneKeys(bindings, focused, action => {
		// The event the screen showed selected when the key was typed, even when the tail has since let it go.
		const selected = movedUnseen() ? seenSelected() : events[afterKeys().selected];
		switch (action) {
			case 'scroll-down':
			case 'scroll-up': {
				if (selected) scrollJson(action, {key: String(selected.seq), text: eventJson(selected)});
				return;
			}

			case 'open':
			case 'copy': {
				if (!selected) {
					host.notify(filter ? 'no event matches the filter' : `no event${yet(moreMayCome(snapshot.sources))}`);
					return;
				}

				if (action === 'copy') {
					host.copy(eventJson(selected), `event ${selected.seq}`);
					return;
				}

				const id = selected.ids[0];
				if (id === undefined) host.notify('this event carries no correlation id, so it belongs to no transaction', 'error');
				else host.openTransaction(id, selected.seq);
				return;
			}

			default: {
				dispatch(listActionFor(action));
			}
		}
	});

	const none = events.length === 0;
	const searched = search?.done === true;
	// A filter that found nothing because no event has a field it names, or is on a topic it names (a typo), says so.
	const missing = useMemo(() => {
		if (!filter || !none || !searched) return {fields: [], topics: [], logic: []};
		const recent = engine.recent();
		return {fields: fieldsNoneCarry(filter.expression, recent), topics: topicsNoneMatch(filter.expression, recent), logic: logicWords(filter.expression)};
	}, [engine, filter, none, searched]);
	const [from, to] = visibleRange(list);
	const header = messagesHeader({
		shown: events.length,
		state: paused ? 'paused' : list.follow ? 'following' : 'scrolled',
		filter: filter && search && {expression: filter.expression, search, followed},
	}, listWidth);
	// Cut over the whole tail, so a name reads the same as the list scrolls.
	const cuts = messageCuts(events, listWidth - 2);
	const rows = events.slice(from, to).map((event, index) => {
		const isSelected = from + index === list.selected;
		return (
			<Line
				key={event.seq}
				parts={[isSelected ? '▶ ' : '  ', messageLine(event, listWidth - 2, cuts)]}
				width={listWidth}
				pad={isSelected}
				inverse={isSelected}
				color={event.status === 'ok' ? undefined : theme.error}
			/>
		);
	});
	const json = (
		<JsonView
			title={selected ? `Event ${selected.seq}${selected.topic ? ` on ${selected.topic}` : ''}` : 'Event'}
			window={jsonWindow}
			empty={none ? (filter ? (searched || !search ? noMatchText(missing) : 'searching the store…') : (moreMayCome(snapshot.sources) ? 'waiting for events…' : 'no events were read')) : 'no event selected'}
			width={jsonWidth}
			height={jsonRows}
		/>
	);

	return (
		<Box flexDirection={side ? 'row' : 'column'} width={size.columns} height={size.rows}>
			<Box flexDirection="column" width={listWidth} height={side ? size.rows : listRows + 1}>
				<Line parts={header.map(piece => ({text: piece.text, bold: true}))} width={listWidth} />
				{rows}
			</Box>
			{side ? <Box width={1} /> : undefined}
			{json}
		</Box>
	);
}

