// The status bar as segments with priorities, so a narrow terminal drops the least important ones first.
import path from 'node:path';
import type {EngineSnapshot} from '../../core/engine.js';
import type {ReplayControl} from '../../core/sources/paced-source.js';
import {formatSourceState, formatTime} from '../format.js';
import {counted, formatCount, formatRate, formatSpan} from '../../core/units/format.js';
import {displayWidth} from '../text/width.js';
import {formatSpeed} from './speed.js';
import {currentRate, firingCount} from '../snapshot-view.js';

/** One piece of the status bar; lower priority numbers are kept longer. */
export type StatusSegment = {text: string; priority: number; tone?: 'ok' | 'warn' | 'error' | 'accent'};

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

/** The status bar's segments, in display order. */
export function statusSegments(input: StatusInput): StatusSegment[] {
	const {snapshot} = input;
	const segments: StatusSegment[] = [];
	if (snapshot.storeError) segments.push({text: `✗ STORE ERROR: ${snapshot.storeError}`, priority: 0, tone: 'error'});
	if (input.paused) segments.push({text: `‖ PAUSED${input.newWhilePaused > 0 ? ` +${formatCount(input.newWhilePaused)} new` : ''}`, priority: 0, tone: 'warn'});
	// The file's name (its folder is in the footer) goes before the figures when the line is short: REC stays.
	if (input.recording) segments.push({text: '● REC', priority: 1, tone: 'error'}, {text: path.basename(input.recording), priority: 3, tone: 'error'});
	if (input.mode === 'replay' && input.replay) {
		const done = input.replay.finished() && snapshot.finished;
		segments.push(done
			? {text: '✓ replay finished', priority: 1, tone: 'ok'}
			: {text: `▶ replay ${formatSpeed(input.replay.speed())} at ${formatTime(input.replay.position())}`, priority: 1, tone: 'accent'});
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
		{text: `window ${formatSpan(input.windowMs)}`, priority: 1},
	);
	const firing = firingCount(snapshot);
	if (firing > 0) segments.push({text: `✗ ${formatCount(firing)} firing`, priority: 1, tone: 'error'});
	for (const source of snapshot.sources) {
		// Not connected for a reason (a broker down before the first connection, too): as loud as a lost one.
		const bad = source.state === 'error' || source.state === 'reconnecting' || (source.state === 'connecting' && source.error !== undefined);
		// A failed source says why in its own words (bad credentials, refused connection), never as a store error.
		const why = bad && source.error ? `: ${source.error}` : '';
		segments.push({text: `${source.name} ${formatSourceState(source.state)}${why}`, priority: bad ? 0 : 3, tone: bad ? 'error' : undefined});
	}

	return segments;
}

/** Drop the least important segments until the rest, joined by `separator`, fit in `width` cells. */
export function fitSegments(segments: StatusSegment[], width: number, separator: string): StatusSegment[] {
	let kept = segments;
	const widthOf = (list: StatusSegment[]) => list.reduce((sum, segment) => sum + displayWidth(segment.text), 0) + (Math.max(0, list.length - 1) * displayWidth(separator));
	while (kept.length > 1 && widthOf(kept) > width) {
		const worst = Math.max(...kept.map(segment => segment.priority));
		const index = kept.map(segment => segment.priority).lastIndexOf(worst);
		kept = kept.filter((_, i) => i !== index);
	}

	return kept;
}
