// The view state of the whole TUI (which pane, prompts, pause, window, notices, the way back) as a pure reducer.
import {nextWindow} from './windows.js';
import {editLine, insertText, lineOf, type EditLine, type LineEdit} from './line-edit.js';
import type {GroupRequest} from './commands.js';

/** A prompt being typed at the bottom of the screen; `recall` is the history entry shown (↑ ↓), `draft` what was typed before. */
export type Prompt = EditLine & {kind: 'filter' | 'command'; error?: string; recall?: number; draft?: string};

/** A place the user drilled down from (a pane, its filter, an open transaction or group view): Esc goes back to it. */
export type Place = {pane: string; filter?: string; transaction?: string; transactionEvent?: number; group?: GroupRequest};

/** How many entered filters and commands ↑ recalls. */
const historyLimit = 50;

/** A short message in the footer; `sent` is for what left the TUI without any answer (a clipboard escape). */
export type Notice = {text: string; kind: 'info' | 'sent' | 'error'};

/** The TUI's view state. */
export type AppState = {
	/** Pane ids in switching order. */
	panes: string[];
	pane: string;
	/** Panes shown so far; they stay mounted (hidden) so they keep their selection. */
	visited: string[];
	/** Id the open transaction view was opened with; Esc goes back to the pane. */
	transaction?: string;
	/** Store sequence of the event the transaction view was opened on (selected in its timeline). */
	transactionEvent?: number;
	/** What the open group view (`:group`) counts; Esc goes back to the pane. */
	group?: GroupRequest;
	/** Where drill-downs came from, newest last: Esc steps back along it before it clears the filter. */
	trail: Place[];
	prompt?: Prompt;
	/** Filters and commands entered, oldest first. */
	history: Record<Prompt['kind'], string[]>;
	/** Scroll position of the help screen while it is open. */
	help?: number;
	paused: boolean;
	windowMs: number;
	/** The applied `/` filter expression. */
	filter?: string;
	notice?: Notice;
	/** File being recorded to. */
	recording?: string;
};

/** Everything that changes the view state. */
export type AppAction =
	| {type: 'select-pane'; id: string}
	| {type: 'cycle-pane'; by: 1 | -1}
	| {type: 'open-transaction'; id: string; seq?: number}
	| {type: 'open-group'; request: GroupRequest}
	| {type: 'back'}
	| {type: 'start-prompt'; kind: Prompt['kind']}
	| {type: 'type'; text: string}
	| {type: 'edit'; edit: LineEdit}
	| {type: 'recall'; by: -1 | 1}
	| {type: 'prompt-error'; message: string}
	| {type: 'cancel-prompt'}
	| {type: 'close-prompt'}
	| {type: 'apply-filter'; expression: string}
	| {type: 'toggle-pause'}
	| {type: 'set-window'; ms: number}
	| {type: 'cycle-window'}
	| {type: 'toggle-help'}
	| {type: 'scroll-help'; to: number}
	| {type: 'notice'; notice: Notice}
	| {type: 'clear-notice'; notice: Notice}
	| {type: 'recording'; path?: string};

/** The state the TUI starts in: the first pane, a one-minute window. */
export function initialAppState(panes: string[], windowMs = 60_000): AppState {
	const first = panes[0] ?? '';
	return {panes, pane: first, visited: [first], trail: [], paused: false, windowMs, history: {filter: [], command: []}};
}

/** Show pane `id`, closing the transaction and group views. */
function showPane(state: AppState, id: string): AppState {
	if (!state.panes.includes(id)) return state;
	const visited = state.visited.includes(id) ? state.visited : [...state.visited, id];
	return {...state, pane: id, visited, transaction: undefined, transactionEvent: undefined, group: undefined};
}

/** Where the user is now, to come back to. */
function placeOf(state: AppState): Place {
	return {pane: state.pane, filter: state.filter, transaction: state.transaction, transactionEvent: state.transactionEvent, group: state.group};
}

/** The open prompt closed, its text kept in its history (once, newest last). */
function closePrompt(state: AppState): AppState {
	const {prompt} = state;
	if (!prompt) return state;
	const text = prompt.text.trim();
	const past = state.history[prompt.kind].filter(entry => entry !== text);
	const history = text === '' ? state.history : {...state.history, [prompt.kind]: [...past, text].slice(-historyLimit)};
	return {...state, prompt: undefined, history};
}

/** The prompt with history entry `recall` shown (undefined: the draft typed before recalling). */
function recall(state: AppState, prompt: Prompt, by: -1 | 1): Prompt {
	const entries = state.history[prompt.kind];
	const at = (prompt.recall ?? entries.length) + by;
	if (at < 0 || at > entries.length || entries.length === 0) return prompt;
	const draft = prompt.recall === undefined ? prompt.text : prompt.draft;
	const entry = entries[at];
	if (entry === undefined) return {kind: prompt.kind, ...lineOf(draft ?? '')};
	return {kind: prompt.kind, ...lineOf(entry), recall: at, draft};
}

/** The messages pane, where filters show their result. */
const messagesPane = 'messages';

/** The view-state reducer. */
export function appReducer(state: AppState, action: AppAction): AppState {
	switch (action.type) {
		case 'select-pane': {
			// A jump, not a drill-down: the way back starts again from here.
			const shown = showPane(state, action.id);
			return shown === state ? state : {...shown, trail: []};
		}

		case 'cycle-pane': {
			const index = state.panes.indexOf(state.pane);
			const count = state.panes.length;
			const next = state.panes[(index + action.by + count) % count];
			return next === undefined ? state : {...showPane(state, next), trail: []};
		}

		case 'open-transaction': {
			const closed = closePrompt(state);
			return {...closed, transaction: action.id, transactionEvent: action.seq, group: undefined, help: undefined, trail: [...state.trail, placeOf(state)], notice: undefined};
		}

		case 'open-group': {
			const closed = closePrompt(state);
			return {...closed, group: action.request, transaction: undefined, transactionEvent: undefined, help: undefined, trail: [...state.trail, placeOf(state)], notice: undefined};
		}

		case 'back': {
			if (state.prompt) return appReducer(state, {type: 'cancel-prompt'});
			if (state.help !== undefined) return {...state, help: undefined};
			// A notice is about the place it was given in (a copy, a failed look-up): stepping back leaves it behind.
			const last = state.trail.at(-1);
			if (last) return {...showPane(state, last.pane), filter: last.filter, transaction: last.transaction, transactionEvent: last.transactionEvent, group: last.group, trail: state.trail.slice(0, -1), notice: undefined};
			if (state.transaction !== undefined || state.group !== undefined) return {...state, transaction: undefined, transactionEvent: undefined, group: undefined, notice: undefined};
			if (state.filter !== undefined) return {...state, filter: undefined, notice: undefined};
			return state.notice ? {...state, notice: undefined} : state;
		}

		case 'start-prompt': {
			return {...state, prompt: {kind: action.kind, ...lineOf('')}, help: undefined};
		}

		case 'type': {
			return state.prompt ? {...state, prompt: {kind: state.prompt.kind, ...insertText(state.prompt, action.text)}} : state;
		}

		case 'edit': {
			return state.prompt ? {...state, prompt: {kind: state.prompt.kind, ...editLine(state.prompt, action.edit)}} : state;
		}

		case 'recall': {
			return state.prompt ? {...state, prompt: recall(state, state.prompt, action.by)} : state;
		}

		case 'prompt-error': {
			return state.prompt ? {...state, prompt: {...state.prompt, error: action.message}} : state;
		}

		case 'cancel-prompt': {
			return {...state, prompt: undefined};
		}

		case 'close-prompt': {
			return closePrompt(state);
		}

		case 'apply-filter': {
			const expression = action.expression.trim();
			const closed = closePrompt(state);
			const shown = state.panes.includes(messagesPane) ? showPane(closed, messagesPane) : closed;
			// Coming from another pane or a transaction is a drill-down: Esc comes back here.
			const moved = shown.pane !== state.pane || state.transaction !== undefined || state.group !== undefined;
			return {...shown, filter: expression === '' ? undefined : expression, trail: moved ? [...state.trail, placeOf(state)] : state.trail};
		}

		case 'toggle-pause': {
			return {...state, paused: !state.paused};
		}

		case 'set-window': {
			return {...state, windowMs: action.ms};
		}

		case 'cycle-window': {
			return {...state, windowMs: nextWindow(state.windowMs)};
		}

		case 'toggle-help': {
			return {...state, help: state.help === undefined ? 0 : undefined};
		}

		case 'scroll-help': {
			return state.help === undefined ? state : {...state, help: Math.max(0, action.to)};
		}

		case 'notice': {
			return {...state, notice: action.notice};
		}

		case 'clear-notice': {
			return state.notice === action.notice ? {...state, notice: undefined} : state;
		}

		case 'recording': {
			return {...state, recording: action.path};
		}
	}
}
