// Pane 1: is the event system healthy? Sources, totals, latency, errors, firing alerts, throughput and p99 charts.
import type {ReactNode} from 'react';
import {Box} from 'ink';
import {moreMayCome, yet} from '../../core/more-input.js';
import type {PaneProps} from '../../plugin-api/index.js';
import type {SourceView} from '../../core/engine.js';
import type {Alert} from '../../core/alerts/types.js';
import {Line, type Segment} from '../components/line.js';
import {Chart} from '../components/chart.js';
import {formatSourceState, sourceAddress, sourceNamePiece} from '../format.js';
import {counted, formatCount, formatMs, formatRate, formatSpan} from '../../core/units/format.js';
import {useTheme, type Theme} from '../theme.js';
import {alertMarks, firingBySeverity, firingCount, latencySeries, throughputSeries} from '../snapshot-view.js';
import {alertLead, alertMeasure, alertSince} from '../alert-text.js';
import {figureLines} from './overview-figures.js';
import {correlationLines} from './overview-correlation.js';
import {phaseText} from '../state/status.js';
import {displayWidth, fit, wrap} from '../text/width.js';
import {giveWay, piecesWidth, type Piece} from '../text/give-way.js';
import {distinctCut} from '../text/distinct-names.js';
import {sanitize} from '../../core/sanitize.js';
import {errorEssence} from '../../core/error-essence.js';

/** The colour of a source state (the words and symbols carry the meaning). */
function sourceTone(source: SourceView, theme: Theme): string | undefined {
	if (source.state === 'error') return theme.error;
	if (source.state === 'reconnecting' || source.state === 'connecting') return theme.warn;
	return theme.ok;
}

/** Tallest a single chart gets. */
const maxChartRows = 12;

/** Hop latency per edge over the window, slowest p99 first, in `rows` lines (a title and a header first). */
export function edgeLines(snapshot: PaneProps['snapshot'], width: number, rows: number): string[] {
	const edges = snapshot.view.edges.filter(edge => edge.count > 0).sort((a, b) => (b.p99 || 0) - (a.p99 || 0));
	const nameWidth = Math.max(20, Math.min(60, width - 50));
	const lines = [
		`Hops by edge, last ${formatSpan(snapshot.windowMs)}, slowest p99 first (${edges.length} edges)`,
		`  ${'edge'.padEnd(nameWidth)} ${'hops'.padStart(8)} ${'p50'.padStart(10)} ${'p95'.padStart(10)} ${'p99'.padStart(10)}`,
	];
	const shown = edges.slice(0, rows - lines.length);
	const cutName = distinctCut(shown.map(edge => edge.name), nameWidth);
	for (const edge of shown) {
		lines.push(`  ${fit(cutName(edge.name), nameWidth)} ${fit(formatCount(edge.count), 8, 'right')} ${fit(formatMs(edge.p50), 10, 'right')} ${fit(formatMs(edge.p95), 10, 'right')} ${fit(formatMs(edge.p99), 10, 'right')}`);
	}

	if (edges.length === 0) lines.push(`  no hops${yet(moreMayCome(snapshot.sources))} (hops are final once the watermark passes them)`);
	return lines.slice(0, rows);
}

/** Lines each source's gaps (what it could not read, its outages) take at most: the newest. */
const shownGaps = 2;

/** Rows a note's line wraps to at most: an outage's with how reading went on (a Redis stream gone) is read whole at 80 columns. */
const noteRows = 3;

/** Where a note's line goes on, under its text (after `    ⚠ `). */
const noteIndent = ' '.repeat(6);

/** A line of the Overview above its charts. */
type PaneLine = {key: string; parts: Array<Segment | string>};

/** A note under a source (`    ⚠ TEXT`), not yet wrapped. */
type Note = {key: string; note: string};

/** A note under a source wrapped under its text to `most` rows at most: one line each, keyed `key-ROW`. */
function noteLines({key, note}: Note, columns: number, most: number, color: string | undefined): PaneLine[] {
	return wrap(note, columns - noteIndent.length, most).map((row, index) => ({key: `${key}-${index}`, parts: [{text: `${index === 0 ? '    ⚠ ' : noteIndent}${row}`, color}]}));
}

/**
 * The lines with their notes wrapped to `noteRows` rows each where all of them fit `rows` (the alerts under them kept
 * on screen), else to fewer, down to one row each (cut at its end, as long lists of notices always were).
 */
function wrapNotes(lines: Array<PaneLine | Note>, columns: number, rows: number, color: string | undefined): PaneLine[] {
	const notes = lines.filter((line): line is Note => 'note' in line);
	const room = rows - (lines.length - notes.length);
	let most = noteRows;
	while (most > 1 && notes.reduce((sum, note) => sum + wrap(note.note, columns - noteIndent.length, most).length, 0) > room) most--;
	return lines.flatMap(line => 'note' in line ? noteLines(line, columns, most, color) : [line]);
}

/** The gaps of a source to show and how many older ones are not: the newest `shownGaps` found within the window, oldest first. */
function newestGaps(gaps: SourceView['recentGaps'], since: number): {shown: Array<{text: string; at: number}>; earlier: number} {
	// The engine adds a source's outages after the source's own gaps, whenever either was found: ordered by time here.
	const news = (gaps ?? []).filter(gap => gap.at > since).sort((a, b) => a.at - b.at);
	return {shown: news.slice(-shownGaps), earlier: Math.max(0, news.length - shownGaps)};
}

/** Cells a source's error keeps beside its URL's host:port at least (`  con…`, `  aut…`). */
const errorLeast = 6;

/** A source's error as a piece of its line: its cause first, kept whole with its address where the URL does not show it. */
function errorPiece(error: string, name: string): Piece {
	const {text, lead} = errorEssence(error, sourceAddress(name));
	// The separator, the code and address, and the `…` of the cut after them.
	return {text: sanitize(`  ${text}`), name: 'start', least: lead === undefined ? errorLeast : displayWidth(sanitize(lead)) + 3};
}

/** The Overview pane (registered in built-in.ts). */
export function Overview({snapshot, size}: PaneProps) {
	const theme = useTheme();
	const {columns, rows} = size;
	const wide = columns >= 120;
	const listed: Array<PaneLine | Note> = [];

	const maxSources = rows >= 40 ? 8 : 3;
	listed.push({key: 'sources', parts: [{text: 'Sources', bold: true}]});
	for (const [index, source] of snapshot.sources.slice(0, maxSources).entries()) {
		// The state is what an on-call engineer looks for: the name gives way (a URL keeps its first host:port, a path
		// its file name), and so does the error (keeping its cause and address, or its first word, in the room the
		// URL's host:port leaves), sharing the room the state and figures leave.
		const name = sourceNamePiece(source.name);
		const figures: Array<Segment & Piece> = [
			{text: '  '},
			{text: formatSourceState(source.state), color: sourceTone(source, theme)},
			{text: `  ${counted(source.events, 'event')}`},
			{text: source.phase ? `  ${phaseText(source.phase)}` : ''},
			{text: source.malformed > 0 ? `  ${formatCount(source.malformed)} malformed` : ''},
		];
		const room = columns - 2 - piecesWidth(figures) - (name.least ?? 0);
		const error = source.error ? errorPiece(source.error, source.name) : undefined;
		const line: Array<Segment & Piece> = [
			{text: '  '},
			name,
			...figures,
			error ? {...error, least: Math.min(error.least!, Math.max(errorLeast, room)), color: theme.error} : {text: ''},
		];
		listed.push({key: `source-${index}`, parts: [
			...giveWay([line], columns),
			// Where a recording says its events came from (what an incident replay is of), last and cut first: at 80
			// columns a line of its own would cost the Overview its delivery chart.
			source.origin ? {text: `  ${source.origin}`, dim: true} : '',
		]});
		// Under the source, wrapped under their text as its gaps are: a notice is a sentence (a partition waiting for an
		// open transaction, `--to now` unknown), cut at one row at 80 columns before what it says to do.
		for (const [position, notice] of (source.notices ?? []).entries()) listed.push({key: `source-${index}-notice-${position}`, note: notice});

		// What it could not read (events deleted before they were read, offsets gone back, a topic made again) and its
		// outages while they are news: the newest few found within the window the Overview shows, so that what happens
		// now (`reading stopped`, `reading again`) is not hidden under older ones. The whole run's are said when the TUI quits.
		const {shown, earlier} = newestGaps(source.recentGaps, snapshot.now - snapshot.windowMs);
		for (const [position, gap] of shown.entries()) listed.push({key: `source-${index}-gap-${position}`, note: gap.text});
		if (earlier > 0) listed.push({key: `source-${index}-gaps-earlier`, parts: [{text: `    ⚠ … and ${earlier} earlier`, color: theme.warn}]});
	}

	if (snapshot.sources.length > maxSources) listed.push({key: 'more-sources', parts: [`  … ${snapshot.sources.length - maxSources} more sources`]});
	listed.push(...figureLines(snapshot, columns, theme));
	// Why no hops form, where the cause is events without a correlation id: said here, as the hop table is off at 80×24.
	const more = moreMayCome(snapshot.sources);
	listed.push(...correlationLines(snapshot.correlation, snapshot.view.edges.some(edge => edge.count > 0), more, columns));

	const firing = firingBySeverity(snapshot.firing);
	const count = firingCount(snapshot);
	const maxAlerts = wide || rows >= 40 ? 8 : 3;
	listed.push({key: 'alerts', parts: count === 0
		? [{text: 'Alerts  ', bold: true}, {text: '✓ none firing', color: theme.ok}]
		: [{text: 'Alerts  ', bold: true}, {text: `✗ ${count} firing`, color: theme.error}, count > maxAlerts ? ` (the ${maxAlerts} most severe shown; pane 4 lists all)` : '']});
	const shownAlerts = firing.slice(0, maxAlerts);
	// Keys alike at both ends (topics `prod.eu-west-1.commerce.….v2-events`) are cut where they differ.
	const shownKeys = shownAlerts.map(alert => sanitize(alert.key));
	// Each row as the Alerts pane and `alerts` lead theirs: the state mark (✗ firing, as everywhere in the TUI), then
	// the severity's word, padded to one width so the rules line up. The key first after the rule; at 80 columns the
	// time is to the second, so the row keeps what matters. Where a row is too wide every row gives up the severity's
	// word (as the Alerts pane's narrow rows do; its colour stays), then the rule and the key are cut, never the figures.
	const severityCells = Math.max(...shownAlerts.map(shown => shown.severity.length));
	const row = (alert: Alert, words: boolean): Array<Segment & Piece> => [
		{text: '  '},
		{text: alertLead(alert, false, severityCells, words), color: alert.severity === 'critical' ? theme.error : theme.warn},
		{text: '  '},
		{text: sanitize(alert.rule), name: 'start'},
		{text: '  '},
		{text: sanitize(alert.key), name: 'end', together: shownKeys},
		{text: `  ${alertMeasure(alert)}  ${alertSince(alert, snapshot.alertNow, false, wide ? 'full' : 'short')}`},
	];
	const words = shownAlerts.every(alert => piecesWidth(row(alert, true)) <= columns);
	for (const alert of shownAlerts) listed.push({key: `alert-${alert.id}`, parts: giveWay([row(alert, words)], columns)});

	// Notes wrap as far as the lines above the charts still fit the pane: more notes, fewer rows each.
	const lines = wrapNotes(listed, columns, rows, theme.warn);

	// Charts stop growing at a height where the y labels still differ; extra rows go to the hop table.
	const room = rows - lines.length - 1;
	const chartRows = Math.min(room, wide ? maxChartRows : maxChartRows * 2);
	const window = formatSpan(snapshot.windowMs);
	// Alert firings and resolutions under the time axis: "what happened when" without leaving the pane.
	const marks = alertMarks(snapshot);
	const throughput = {title: `Throughput, events/s, last ${window} (✗ alert fired, ✓ resolved)`, series: throughputSeries(snapshot), merge: 'mean' as const, format: formatRate, marks};
	const latency = {title: `Delivery p99 over time, last ${window}`, series: latencySeries(snapshot), merge: 'max' as const, format: (value: number) => formatMs(value), marks};
	let charts: ReactNode;
	if (chartRows >= 4 && wide) {
		const half = Math.floor((columns - 2) / 2);
		charts = (
			<Box flexDirection="row" gap={2}>
				<Chart {...throughput} width={half} height={chartRows} color={theme.accent} />
				<Chart {...latency} width={columns - 2 - half} height={chartRows} color={theme.warn} />
			</Box>
		);
	} else if (chartRows >= 10) {
		const first = Math.ceil(chartRows / 2);
		charts = (
			<Box flexDirection="column">
				<Chart {...throughput} width={columns} height={first} color={theme.accent} />
				<Chart {...latency} width={columns} height={chartRows - first} color={theme.warn} />
			</Box>
		);
	} else if (chartRows >= 4) {
		charts = <Chart {...throughput} width={columns} height={chartRows} color={theme.accent} />;
	}

	const edgeRows = room - chartRows - 1;
	return (
		<Box flexDirection="column" width={columns} height={rows}>
			{lines.slice(0, rows).map(line => <Line key={line.key} parts={line.parts} width={columns} />)}
			{charts ? <Box marginTop={1}>{charts}</Box> : undefined}
			{edgeRows >= 3 ? <Box marginTop={1} flexDirection="column">{edgeLines(snapshot, columns, edgeRows).map((line, index) => <Line key={index} parts={line} width={columns} bold={index === 0} />)}</Box> : undefined}
		</Box>
	);
}

