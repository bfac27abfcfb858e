// The TUI: status bar, tabs, the current pane (or the transaction view, or help), and the footer.
import {useCallback, useEffect, useMemo, useRef} from 'react';
import {Box, useApp} from 'ink';
import type {Engine} from '../core/engine.js';
import type {ReplayControl} from '../core/sources/paced-source.js';
import {compileFilter} from '../core/filter/filter.js';
import {PaneKeysContext, type PaneProps, type TransactionInfo, type ViewFilter} from '../plugin-api/index.js';
import {createKeyRouter} from './keys/key-router.js';
import {appReducer, initialAppState, type Notice} from './state/app-state.js';
import {useSnapshots, usePaused} from './hooks/use-snapshots.js';
import {useTerminalSize} from './hooks/use-terminal-size.js';
import {useAppKeys} from './hooks/use-app-keys.js';
import {useLatestReducer} from './hooks/use-latest-reducer.js';
import {usePaneHost, useRecordingToggle} from './hooks/use-pane-host.js';
import {ThemeContext, themeFor} from './theme.js';
import type {ReadyPane} from './panes/registry.js';
import {PaneSlot} from './components/pane-slot.js';
import {StatusBar} from './components/status-bar.js';
import {Tabs} from './components/tabs.js';
import {Footer} from './components/footer.js';
import {Line} from './components/line.js';
import {wrap} from './text/width.js';
import {HelpScreen} from './components/help-screen.js';
import {TransactionScreen} from './transaction/transaction-screen.js';
import {GroupScreen} from './group/group-screen.js';
import {footerItems, helpLines, helpSections} from './keys/help.js';
import {detailBindings, globalBindings, helpBindings, listBindings, promptBindings, transactionBindings} from './keys/bindings.js';
import type {Recorder} from './recorder.js';
import type {TerminalInfo} from './clipboard.js';
import type {RenderStats} from './render-stats.js';
import {useCommitTiming} from './hooks/use-commit-timing.js';
import {usePluginProblems} from './hooks/use-plugin-problems.js';

/** How long a notice stays in the footer. */
const noticeMs = 5000;

/** Below this the panes cannot be drawn whole: the TUI says so instead of drawing a broken screen. */
const minimumSize = {columns: 60, rows: 16};

/** Everything the App runs on. */
export type AppProps = {
	engine: Engine;
	mode: 'live' | 'replay';
	replay?: ReplayControl;
	color: boolean;
	panes: ReadyPane[];
	/** Plugins' lines for the transaction view. */
	transactionInfo?: TransactionInfo[];
	/** Plugins left out at start (one line each); with stages switched off at run time, shown in the status line. */
	pluginProblems?: string[];
	recorder: Recorder;
	/** Called once when the user quits (q, Ctrl-C, :q). */
	onQuit(): void;
	/** Writes terminal control sequences (OSC 52) that are not part of the frame; stdout by default. */
	writeRaw?: (data: string) => void;
	/** Whether the output is a terminal and its environment (TERM, TMUX), for the clipboard; Ink's stdout and process.env by default. */
	terminal?: TerminalInfo;
	/** Frame timings for the benchmark (PUBSUB_TUI_RENDER_STATS). */
	stats?: RenderStats;
};

const globalHint = (action: string) => globalBindings.filter(binding => binding.action === action);
// The footer leads with help (so it survives narrow terminals), then the focused keys, then the common globals.
const footerLead = globalHint('help');
const footerTail = ['filter', 'command', 'pause', 'quit'].flatMap(globalHint);

/** The TUI's root component. */
export function App(props: AppProps) {
	const {engine, panes, recorder} = props;
	useCommitTiming(props.stats);
	const {exit} = useApp();
	const terminal = useTerminalSize();
	// Too small a terminal hides the panes instead of unmounting them (they keep their selection), drawn at the least size.
	const tooSmall = terminal.columns < minimumSize.columns || terminal.rows < minimumSize.rows;
	const size = tooSmall ? minimumSize : terminal;
	const theme = useMemo(() => themeFor(props.color), [props.color]);
	const router = useMemo(() => createKeyRouter(), []);
	const [state, dispatch, latestState] = useLatestReducer(appReducer, () => initialAppState(panes.map(pane => pane.id)));
	const live = useSnapshots(engine, state.windowMs);
	const snapshot = usePaused(live, state.paused, live.windowMs);

	const filter = useMemo<ViewFilter | undefined>(() => {
		if (state.filter === undefined) return undefined;
		const compiled = compileFilter(state.filter, engine.config.fields.containers);
		return {expression: state.filter, matches: event => compiled.matches(event)};
	}, [state.filter, engine.config.fields.containers]);

	const notify = useCallback((text: string, kind: Notice['kind'] = 'info') => {
		dispatch({type: 'notice', notice: {text, kind}});
	}, [dispatch]);
	useEffect(() => {
		const notice = state.notice;
		if (!notice) return undefined;
		const timer = setTimeout(() => {
			dispatch({type: 'clear-notice', notice});
		}, noticeMs);
		return () => {
			clearTimeout(timer);
		};
	}, [state.notice, dispatch]);

	const host = usePaneHost(engine, dispatch, notify, props.writeRaw, props.terminal);
	usePluginProblems([...(props.pluginProblems ?? []), ...snapshot.stageErrors], notify);
	const toggleRecording = useRecordingToggle(recorder, dispatch, notify);

	const quitting = useRef(false);
	const {onQuit} = props;
	const quit = useCallback(() => {
		if (quitting.current) return;
		quitting.current = true;
		onQuit();
		exit();
	}, [onQuit, exit]);



	// Rows: the status bar, the tabs, the body, the footer; the terminal's last row stays free so Ink never scrolls.
	const bodyRows = Math.max(3, size.rows - 4);
	const body = {columns: size.columns, rows: bodyRows};
	const sections = useMemo(() => helpSections(panes), [panes]);
	const help = useMemo(() => helpLines(sections, size.columns), [sections, size.columns]);
	useAppKeys({state: latestState, dispatch, panes, router, replay: props.replay, openTransaction: host.openTransaction, toggleRecording, quit, help: {lines: help.length, rows: bodyRows - 1}});

	const current = panes.find(pane => pane.id === state.pane);
	const overlay = state.help !== undefined || state.transaction !== undefined || state.group !== undefined;
	const keysFree = !state.prompt && state.help === undefined;
	let hints: string[];
	if (state.help !== undefined) hints = footerItems([...listBindings, ...helpBindings]);
	else if (state.prompt) hints = footerItems(promptBindings);
	else if (state.group !== undefined) hints = footerItems([...footerLead, ...globalHint('back'), ...listBindings, ...footerTail]);
	else if (state.transaction !== undefined) hints = footerItems([...footerLead, ...globalHint('back'), ...listBindings, ...detailBindings, ...transactionBindings, ...footerTail]);
	else hints = footerItems([...footerLead, ...(current?.bindings ?? []), ...footerTail]);

	const paneProps = (pane: ReadyPane): PaneProps => ({
		engine,
		snapshot,
		focused: keysFree && !overlay && !tooSmall && pane.id === state.pane,
		size: body,
		paused: state.paused,
		filter,
		color: props.color,
		host,
	});

	const tooSmallText = `terminal too small (need ${minimumSize.columns}×${minimumSize.rows}, have ${terminal.columns}×${terminal.rows}); enlarge it, or q quits`;
	return (
		<ThemeContext.Provider value={theme}>
			<PaneKeysContext.Provider value={router}>
				{tooSmall ? <Box flexDirection="column">{wrap(tooSmallText, terminal.columns, Math.max(1, terminal.rows - 1)).map((line, index) => <Line key={index} parts={line} width={terminal.columns} />)}</Box> : undefined}
				<Box display={tooSmall ? 'none' : 'flex'} flexDirection="column" width={size.columns} height={size.rows - 1}>
					<StatusBar
						snapshot={live}
						mode={props.mode}
						replay={props.replay}
						paused={state.paused}
						newWhilePaused={live.totals.stored - snapshot.totals.stored}
						recording={state.recording}
						windowMs={snapshot.windowMs}
						width={size.columns}
					/>
					<Tabs panes={panes} current={state.pane} transaction={state.transaction} filter={state.filter} width={size.columns} />
					<Box flexDirection="column" width={size.columns} height={bodyRows}>
						{state.visited.map(id => {
							const pane = panes.find(candidate => candidate.id === id);
							return pane ? <PaneSlot key={id} pane={pane} visible={!overlay && !tooSmall && id === state.pane} props={paneProps(pane)} /> : undefined;
						})}
						{state.transaction === undefined
							? undefined
							: (
								<Box display={state.help === undefined ? 'flex' : 'none'}>
									<TransactionScreen key={`${state.transaction}#${state.transactionEvent ?? ''}`} engine={engine} info={props.transactionInfo} id={state.transaction} eventSeq={state.transactionEvent} snapshot={snapshot} focused={keysFree && !tooSmall} size={body} host={host} />
								</Box>
							)}
						{state.group === undefined
							? undefined
							: (
								<Box display={state.help === undefined ? 'flex' : 'none'}>
									<GroupScreen key={JSON.stringify(state.group)} store={engine.store} request={state.group} containers={engine.config.fields.containers} focused={keysFree && !tooSmall} size={body} />
								</Box>
							)}
						{state.help === undefined ? undefined : <HelpScreen lines={help} offset={state.help} width={size.columns} height={bodyRows} />}
					</Box>
					<Footer prompt={state.prompt} notice={state.notice} hints={hints} width={size.columns} />
				</Box>
			</PaneKeysContext.Provider>
		</ThemeContext.Provider>
	);
}
