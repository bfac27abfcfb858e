// The App's keys: prompts, the help screen, the global bindings; other keys go on to the focused pane.
import {useInput, type Key} from 'ink';
import {useLayoutEffect, useRef, type Dispatch} from 'react';
import {keyName} from '../../plugin-api/keys.js';
import type {ReplayControl} from '../../core/sources/paced-source.js';
import {compileFilter, FilterSyntaxError} from '../../core/filter/filter.js';
import {actionFor, globalBindings, helpBindings, listBindings, promptBindings} from '../keys/bindings.js';
import type {AppAction, AppState} from '../state/app-state.js';
import {parseCommand} from '../state/commands.js';
import {faster, formatSpeed, slower} from '../state/speed.js';
import type {ReadyPane} from '../panes/registry.js';
import type {KeyRouter} from '../keys/key-router.js';
import {topicFilter} from '../topic-filter.js';

/** What the App's key handler acts on. */
export type AppKeysContext = {
	/** The newest view state (read at each key, so quick keys see each other's effect). */
	state: () => AppState;
	dispatch: Dispatch<AppAction>;
	panes: ReadyPane[];
	/** Where keys go that are not the App's own: the focused pane or the transaction view. */
	router: KeyRouter;
	replay?: ReplayControl;
	/** Open the transaction view if a stored event has this id, else say so. */
	openTransaction(id: string): void;
	toggleRecording(): void;
	quit(): void;
	/** Lines of the help screen and rows it shows, to clamp its scrolling. */
	help: {lines: number; rows: number};
};

/** Characters a prompt accepts: anything printable (control characters are dropped). */
const printable = (input: string) => input.replaceAll(/[\u0000-\u001F\u007F-\u009F]/g, '');

/** Run a typed filter or command. */
function submit(context: AppKeysContext): void {
	const {dispatch} = context;
	const prompt = context.state().prompt!;
	if (prompt.kind === 'filter') {
		try {
			if (prompt.text.trim() !== '') compileFilter(prompt.text);
			dispatch({type: 'apply-filter', expression: prompt.text});
		} catch (error) {
			if (!(error instanceof FilterSyntaxError)) throw error;
			dispatch({type: 'prompt-error', message: error.message});
		}

		return;
	}

	const command = parseCommand(prompt.text);
	switch (command.kind) {
		case 'transaction': {
			dispatch({type: 'close-prompt'});
			context.openTransaction(command.id);
			return;
		}

		case 'topic': {
			dispatch({type: 'apply-filter', expression: topicFilter(command.name)});
			return;
		}

		case 'group': {
			dispatch({type: 'open-group', request: command.request});
			return;
		}

		case 'window': {
			dispatch({type: 'close-prompt'});
			dispatch({type: 'set-window', ms: command.ms});
			return;
		}

		case 'quit': {
			context.quit();
			return;
		}

		case 'error': {
			dispatch({type: 'prompt-error', message: command.message});
		}
	}
}

/** Change the replay speed, or say why not. */
function changeSpeed(context: AppKeysContext, direction: 'faster' | 'slower'): void {
	const {replay, dispatch} = context;
	if (!replay) {
		dispatch({type: 'notice', notice: {text: 'the speed applies to replays; this view is live', kind: 'error'}});
		return;
	}

	const speed = direction === 'faster' ? faster(replay.speed()) : slower(replay.speed());
	replay.setSpeed(speed);
	dispatch({type: 'notice', notice: {text: `replay speed ${formatSpeed(speed)}`, kind: 'info'}});
}

/**
 * What decides where a key goes and what it acts on: the pane, a prompt, the help screen, the transaction and group
 * views, the filter. Panes learn it when they are drawn, so the keys after one that changes it must wait for that.
 */
function focusOf(state: AppState): string {
	return [state.pane, state.prompt ? 'prompt' : '', state.help === undefined ? '' : 'help', state.transaction ?? '', state.group ? JSON.stringify(state.group) : '', state.filter ?? ''].join('\n');
}

/**
 * Handle the App's keys while `isActive`. Keys of one packet (typed fast over SSH, pasted) are handled in order;
 * after a key that changes the focus (focusOf), the rest wait until the App has drawn the change, so `2jj` moves in
 * the Topics pane it switched to rather than in the pane it left. Ink hands a packet over as one string or as
 * several keys in a row (Esc, ↓), so the wait holds the keys that come after, in the same string or not.
 */
export function useAppKeys(context: AppKeysContext, isActive = true): void {
	const latest = useRef(context);
	latest.current = context;
	// Keys held until the next commit; undefined when no focus change is waiting to be drawn.
	const waiting = useRef<Array<[string, Key]> | undefined>(undefined);
	const run = (keys: Array<[string, Key]>) => {
		for (const [index, [one, flags]] of keys.entries()) {
			const before = focusOf(latest.current.state());
			handleKey(latest.current, one, flags);
			if (focusOf(latest.current.state()) !== before) {
				waiting.current = keys.slice(index + 1);
				return;
			}
		}
	};

	useInput((input, key) => {
		const keys = separateKeys(input, key);
		if (waiting.current) waiting.current.push(...keys);
		else run(keys);
	}, {isActive});
	// After each commit (the panes' handlers are current by then: children's layout effects run first).
	useLayoutEffect(() => {
		const keys = waiting.current;
		if (keys === undefined) return;
		waiting.current = undefined;
		run(keys);
	});
}

/** Named keys that can hide inside a string of typed characters. */
const controls: Record<string, Partial<Key>> = {'\r': {return: true}, '\n': {return: true}, '\t': {tab: true}, '\u007F': {backspace: true}, '\b': {backspace: true}};

/** The letter of a Ctrl-letter character (U+0001 Ctrl-A … U+001A Ctrl-Z) that is not a named key, else undefined. */
function ctrlLetter(char: string): string | undefined {
	const code = char.charCodeAt(0);
	return char.length === 1 && code >= 1 && code <= 26 && controls[char] === undefined ? String.fromCharCode(code + 96) : undefined;
}

/**
 * Keys typed faster than the terminal is read (or pasted) arrive as one string ("/status:error⏎", "abc" Ctrl-U
 * "def"): split them into keys, Ctrl-letters among them, as each would have come alone.
 */
export function separateKeys(input: string, key: Key): Array<[string, Key]> {
	const chars = [...input];
	if (chars.length <= 1 || key.ctrl || key.meta) return [[input, key]];
	return chars.map(char => {
		if (controls[char]) return ['', {...key, ...controls[char]}];
		const letter = ctrlLetter(char);
		return letter === undefined ? [char, key] : [letter, {...key, ctrl: true}];
	});
}

/** Act on one key. */
function handleKey(context: AppKeysContext, input: string, key: Key): void {
	const {dispatch} = context;
	const state = context.state();
	const name = keyName(input, key);
	if (name === 'ctrl+c') {
		context.quit();
		return;
	}

	if (state.prompt) {
		const action = actionFor(promptBindings, name);
		if (action === 'submit') submit(context);
		else if (action === 'cancel') dispatch({type: 'cancel-prompt'});
		else if (action === 'history-previous' || action === 'history-next') dispatch({type: 'recall', by: action === 'history-previous' ? -1 : 1});
		else if (action !== undefined) dispatch({type: 'edit', edit: action});
		else if (!key.ctrl && !key.meta && printable(input) !== '') dispatch({type: 'type', text: printable(input)});
		return;
	}

	if (state.help !== undefined) {
		if (actionFor(helpBindings, name) === 'close') {
			dispatch({type: 'toggle-help'});
			return;
		}

		const move = actionFor(listBindings, name);
		const last = Math.max(0, context.help.lines - context.help.rows);
		const offset = Math.min(state.help, last);
		const to = {up: offset - 1, down: offset + 1, 'page-up': offset - context.help.rows, 'page-down': offset + context.help.rows, top: 0, bottom: last};
		if (move) dispatch({type: 'scroll-help', to: Math.min(last, to[move])});
		return;
	}

	switch (actionFor(globalBindings, name)) {
		case 'switch-pane': {
			const pane = context.panes.find(candidate => candidate.key === name);
			if (pane) dispatch({type: 'select-pane', id: pane.id});
			return;
		}

		case 'next-pane': {
			dispatch({type: 'cycle-pane', by: 1});
			return;
		}

		case 'previous-pane': {
			dispatch({type: 'cycle-pane', by: -1});
			return;
		}

		case 'back': {
			dispatch({type: 'back'});
			return;
		}

		case 'filter': {
			dispatch({type: 'start-prompt', kind: 'filter'});
			return;
		}

		case 'command': {
			dispatch({type: 'start-prompt', kind: 'command'});
			return;
		}

		case 'pause': {
			dispatch({type: 'toggle-pause'});
			return;
		}

		case 'window': {
			dispatch({type: 'cycle-window'});
			return;
		}

		case 'record': {
			context.toggleRecording();
			return;
		}

		case 'faster': {
			changeSpeed(context, 'faster');
			return;
		}

		case 'slower': {
			changeSpeed(context, 'slower');
			return;
		}

		case 'help': {
			dispatch({type: 'toggle-help'});
			return;
		}

		case 'quit': {
			context.quit();
			return;
		}

		case undefined: {
			context.router.dispatch(name);
			return;
		}
	}
}
