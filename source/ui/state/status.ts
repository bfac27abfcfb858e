// The status bar as segments with priorities, so a narrow terminal drops the least important ones first.
import path from 'node:path';
import type {EngineSnapshot} from '../../core/engine.js';
import type {ReplayControl} from '../../core/sources/paced-source.js';
import {formatSourceState, formatTime, sourceAddress, sourceNamePiece} from '../format.js';
import {counted, formatCount, formatRate, formatSpan} from '../../core/units/format.js';
import {displayWidth} from '../text/width.js';
import {giveWay, type Piece} from '../text/give-way.js';
import {formatSpeed} from './speed.js';
import {currentRate, firingCount} from '../snapshot-view.js';
import {errorEssence} from '../../core/error-essence.js';

/** One piece of the status bar; lower priority numbers are kept longer. */
export type StatusSegment = {
	text: string;
	priority: number;
	tone?: 'ok' | 'warn' | 'error' | 'accent';
	/** The start of `text` that is a name (a source's URL): cut, down to `shortestName` cells (or its `least`), before the segment is dropped. */
	name?: string;
	/** Which end of the name is kept when it is cut (its start unless said). */
	keep?: Piece['name'];
	/** Cells of the name kept first when names share the room, and before other segments are dropped (a URL's scheme and first host:port). */
	least?: number;
	/** The end of `text` that says more (why a source failed): left out, before names are cut or the segment dropped. */
	detail?: string;
};

/** Cells a segment's name keeps at least (a URL's scheme and the start of its host) before the segment is dropped. */
const shortestName = 16;

/** What the status bar shows. */
export type StatusInput = {
	/** The live snapshot (not the paused one: ingest goes on while the view is paused). */
	snapshot: EngineSnapshot;
	mode: 'live' | 'replay';
	replay?: Pick<ReplayControl, 'speed' | 'position' | 'finished'>;
	paused: boolean;
	/** Events stored since the view was paused. */
	newWhilePaused: number;
	recording?: string;
	windowMs: number;
};

/** How the simulator's phases read on screen (demo --publish prints the same ids). */
const phaseNames: Record<string, string> = {normal: 'normal', 'black-friday': 'Black Friday', incident: '⚠ incident', recovery: 'recovery'};

/** A simulator phase in words: `phase Black Friday`, `phase ⚠ incident`. */
export function phaseText(phase: string): string {
	return `phase ${phaseNames[phase] ?? phase}`;
}

/** Where the replay is, or how it ended: a recording cut short (a truncated gzip, a read error) ended where it broke, not finished. */
function replaySegment(replay: NonNullable<StatusInput['replay']>, snapshot: StatusInput['snapshot']): StatusSegment {
	if (!replay.finished() || !snapshot.finished) return {text: `▶ replay ${formatSpeed(replay.speed())} at ${formatTime(replay.position())}`, priority: 1, tone: 'accent'};
	if (snapshot.sources.some(source => source.state === 'error')) return {text: '✗ replay stopped on an error', priority: 1, tone: 'error'};
	return {text: '✓ replay finished', priority: 1, tone: 'ok'};
}

/** The status bar's segments, in display order. */
export function statusSegments(input: StatusInput): StatusSegment[] {
	const {snapshot} = input;
	const segments: StatusSegment[] = [];
	if (snapshot.storeError) segments.push({text: `✗ STORE ERROR: ${snapshot.storeError}`, priority: 0, tone: 'error'});
	if (input.paused) segments.push({text: `‖ PAUSED${input.newWhilePaused > 0 ? ` +${formatCount(input.newWhilePaused)} new` : ''}`, priority: 0, tone: 'warn'});
	// The file's name (its folder is in the footer) goes before the figures when the line is short: REC stays.
	if (input.recording) segments.push({text: '● REC', priority: 1, tone: 'error'}, {text: path.basename(input.recording), priority: 3, tone: 'error'});
	if (input.mode === 'replay' && input.replay) {
		segments.push(replaySegment(input.replay, snapshot));
	} else if (input.mode === 'live') {
		segments.push({text: '● live', priority: 3});
	}

	// The simulator's scenario phase says what the figures should look like (a peak, an incident, its recovery).
	for (const source of snapshot.sources) {
		if (source.phase) segments.push({text: phaseText(source.phase), priority: 1, tone: source.phase === 'incident' ? 'warn' : 'accent'});
	}

	segments.push(
		{text: `${formatRate(currentRate(snapshot))} ev/s`, priority: 1},
		{text: counted(snapshot.totals.events, 'event'), priority: 2},
		// A setting the user chose, not a figure: it goes before the count (the last of a priority goes first).
		{text: `window ${formatSpan(input.windowMs)}`, priority: 2},
	);
	const firing = firingCount(snapshot);
	// As loud as a failed source: alerts firing are why an on-call engineer looks.
	if (firing > 0) segments.push({text: `✗ ${formatCount(firing)} firing`, priority: 0, tone: 'error'});
	for (const source of snapshot.sources) {
		// Not connected for a reason (a broker down before the first connection, too): as loud as a lost one.
		const bad = source.state === 'error' || source.state === 'reconnecting' || (source.state === 'connecting' && source.error !== undefined);
		// A failed source says why in its own words (bad credentials, refused connection), never as a store error: a
		// system error by its code (and address), what to check being the Overview's to say.
		const essence = bad && source.error ? errorEssence(source.error, sourceAddress(source.name)) : undefined;
		const why = essence ? `: ${essence.lead ?? essence.text}` : '';
		const {name: keep, least} = sourceNamePiece(source.name);
		segments.push({text: `${source.name} ${formatSourceState(source.state)}${why}`, name: source.name, keep, least, detail: why || undefined, priority: bad ? 0 : 3, tone: bad ? 'error' : undefined});
	}

	return segments;
}

/**
 * Drop the least important segments until the rest, joined by `separator`, fit in `width` cells whole; where that
 * would take more than the segments less important than any that could give way, drop them counting details left
 * out and names cut to `shortestName`, then leave the kept segments' details out and let their names share what the
 * rest leave (a source's state stays whole; the Overview says why it failed).
 */
export function fitSegments(segments: StatusSegment[], width: number, separator: string): StatusSegment[] {
	const cut = (segment: StatusSegment, least: boolean) => Math.max(0, displayWidth(segment.name ?? '') - Math.max(shortestName, least ? segment.least ?? 0 : 0)) + displayWidth(segment.detail ?? '');
	const widthOf = (list: StatusSegment[], cutNames: boolean, least = false) => list.reduce((sum, segment) => sum + displayWidth(segment.text) - (cutNames ? cut(segment, least) : 0), 0) + (Math.max(0, list.length - 1) * displayWidth(separator));
	const worstOf = (list: StatusSegment[]) => Math.max(...list.map(segment => segment.priority));
	const withoutWorst = (list: StatusSegment[]) => {
		const index = list.map(segment => segment.priority).lastIndexOf(worstOf(list));
		return list.filter((_, i) => i !== index);
	};

	// Where dropping segments less important than any that could give way lets the rest show whole (a failed
	// source's why rather than the window), they go; where it would not, they stay and names give way instead.
	const shrinkable = (list: StatusSegment[]) => Math.min(...list.filter(segment => segment.name !== undefined || segment.detail !== undefined).map(segment => segment.priority));
	let whole = segments;
	while (whole.length > 1 && widthOf(whole, false) > width && worstOf(whole) > shrinkable(whole)) whole = withoutWorst(whole);
	if (widthOf(whole, false) <= width) return whole;
	const keptCut = (least: boolean) => {
		let kept = segments;
		while (kept.length > 1 && widthOf(kept, true, least) > width) kept = withoutWorst(kept);
		return kept;
	};

	// A URL keeps its first host:port where only less important segments go for it (the count before a source).
	const keptWithLeast = keptCut(true);
	const kept = segments.some(segment => !keptWithLeast.includes(segment) && segment.priority <= shrinkable(segments)) ? keptCut(false) : keptWithLeast;

	if (widthOf(kept, false) <= width) return kept;
	// Each segment as pieces (its name, its middle, its detail), separators between: the form without details has
	// its names give way, and each segment is put together again.
	const pieces = (details: boolean): Array<Piece & {of: number}> => kept.flatMap((segment, of) => {
		const name = segment.name ?? '';
		const detail = segment.detail ?? '';
		const own = [
			{text: name, name: segment.keep ?? 'start', least: segment.least, of},
			{text: segment.text.slice(name.length, segment.text.length - detail.length), of},
			{text: details ? detail : '', of},
		];
		return of === 0 ? own : [{text: separator, of: -1}, ...own];
	});
	const fitted = giveWay([pieces(true), pieces(false)], width);
	return kept.map((segment, of) => {
		const [name, middle, detail] = fitted.filter(piece => piece.of === of).map(piece => piece.text);
		return {...segment, text: `${name}${middle}${detail}`, name: segment.name && name, detail: segment.detail && detail};
	});
}
