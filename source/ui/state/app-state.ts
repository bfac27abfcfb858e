// The view state of the whole TUI (which pane, prompts, pause, window, notices) as a pure reducer.
import {nextWindow} from './windows.js';

/** A prompt being typed at the bottom of the screen. */
export type Prompt = {kind: 'filter' | 'command'; text: string; error?: string};

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
	prompt?: Prompt;
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
	| {type: 'open-transaction'; id: string}
	| {type: 'back'}
	| {type: 'start-prompt'; kind: Prompt['kind']}
	| {type: 'type'; text: string}
	| {type: 'erase'}
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
	return {panes, pane: first, visited: [first], paused: false, windowMs};
}

/** Show pane `id`, closing the transaction view. */
function showPane(state: AppState, id: string): AppState {
	if (!state.panes.includes(id)) return state;
	const visited = state.visited.includes(id) ? state.visited : [...state.visited, id];
	return {...state, pane: id, visited, transaction: undefined};
}

/** The messages pane, where filters show their result. */
const messagesPane = 'messages';

/** The view-state reducer. */
export function appReducer(state: AppState, action: AppAction): AppState {
	switch (action.type) {
		case 'select-pane': {
			return showPane(state, action.id);
		}

		case 'cycle-pane': {
			const index = state.panes.indexOf(state.pane);
			const count = state.panes.length;
			return count === 0 ? state : showPane(state, state.panes[(index + action.by + count) % count]!);
		}

		case 'open-transaction': {
			return {...state, transaction: action.id, prompt: undefined, help: undefined};
		}

		case 'back': {
			if (state.prompt) return appReducer(state, {type: 'cancel-prompt'});
			if (state.help !== undefined) return {...state, help: undefined};
			if (state.transaction !== undefined) return {...state, transaction: undefined};
			return state.notice ? {...state, notice: undefined} : state;
		}

		case 'start-prompt': {
			const text = action.kind === 'filter' ? state.filter ?? '' : '';
			return {...state, prompt: {kind: action.kind, text}, help: undefined};
		}

		case 'type': {
			return state.prompt ? {...state, prompt: {kind: state.prompt.kind, text: state.prompt.text + action.text}} : state;
		}

		case 'erase': {
			return state.prompt ? {...state, prompt: {kind: state.prompt.kind, text: [...state.prompt.text].slice(0, -1).join('')}} : state;
		}

		case 'prompt-error': {
			return state.prompt ? {...state, prompt: {...state.prompt, error: action.message}} : state;
		}

		case 'cancel-prompt': {
			if (state.prompt?.kind === 'filter') return {...state, prompt: undefined, filter: undefined};
			return {...state, prompt: undefined};
		}

		case 'close-prompt': {
			return {...state, prompt: undefined};
		}

		case 'apply-filter': {
			const expression = action.expression.trim();
			const shown = state.panes.includes(messagesPane) ? showPane(state, messagesPane) : state;
			return {...shown, prompt: undefined, filter: expression === '' ? undefined : expression};
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
