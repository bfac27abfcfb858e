import {describe, expect, it} from 'vitest';
import {appReducer, initialAppState, type AppAction, type AppState} from '../../source/ui/state/app-state.js';

const panes = ['overview', 'topics', 'messages', 'alerts'];
const apply = (state: AppState, ...actions: AppAction[]) => actions.reduce(appReducer, state);

describe('app state', () => {
	it('starts on the first pane with a one-minute window', () => {
		const state = initialAppState(panes);
		expect(state.pane).toBe('overview');
		expect(state.visited).toEqual(['overview']);
		expect(state.windowMs).toBe(60_000);
	});

	it('switches and cycles panes, remembering the ones visited', () => {
		let state = apply(initialAppState(panes), {type: 'select-pane', id: 'alerts'});
		expect(state.pane).toBe('alerts');
		state = apply(state, {type: 'cycle-pane', by: 1});
		expect(state.pane).toBe('overview');
		state = apply(state, {type: 'cycle-pane', by: -1}, {type: 'cycle-pane', by: -1});
		expect(state.pane).toBe('messages');
		expect(state.visited).toEqual(['overview', 'alerts', 'messages']);
		expect(apply(state, {type: 'select-pane', id: 'nope'})).toBe(state);
	});

	it('Esc closes the transaction view back to the pane it was opened from', () => {
		const state = apply(initialAppState(panes), {type: 'select-pane', id: 'messages'}, {type: 'open-transaction', id: 'ORD-1'});
		expect(state.transaction).toBe('ORD-1');
		const back = appReducer(state, {type: 'back'});
		expect(back.transaction).toBeUndefined();
		expect(back.pane).toBe('messages');
	});

	it('types, edits and applies a filter, which shows the Messages pane; / opens empty, ↑ recalls it', () => {
		const state = apply(
			initialAppState(panes),
			{type: 'start-prompt', kind: 'filter'},
			{type: 'type', text: 'status:errox'},
			{type: 'edit', edit: 'erase'},
			{type: 'type', text: 'r'},
		);
		expect(state.prompt).toMatchObject({kind: 'filter', text: 'status:error', cursor: 12});
		const applied = appReducer(state, {type: 'apply-filter', expression: state.prompt!.text});
		expect(applied.filter).toBe('status:error');
		expect(applied.prompt).toBeUndefined();
		expect(applied.pane).toBe('messages');
		const reopened = appReducer(applied, {type: 'start-prompt', kind: 'filter'});
		expect(reopened.prompt?.text).toBe('');
		expect(apply(reopened, {type: 'recall', by: -1}).prompt?.text).toBe('status:error');
		expect(apply(reopened, {type: 'type', text: 'x'}, {type: 'recall', by: -1}, {type: 'recall', by: 1}).prompt?.text).toBe('x');
	});

	it('edits the prompt as a shell line: ← → insert in the middle, Ctrl-W, Ctrl-U, Ctrl-K', () => {
		const typed = apply(initialAppState(panes), {type: 'start-prompt', kind: 'filter'}, {type: 'type', text: 'topic:payments status:error'});
		const inserted = apply(typed, {type: 'edit', edit: 'start'}, {type: 'edit', edit: 'right'}, {type: 'type', text: '!'});
		expect(inserted.prompt?.text).toBe('t!opic:payments status:error');
		expect(apply(typed, {type: 'edit', edit: 'kill-word'}).prompt).toMatchObject({text: 'topic:payments ', cursor: 15});
		expect(apply(typed, {type: 'edit', edit: 'kill-start'}).prompt).toMatchObject({text: '', cursor: 0});
		const middle = apply(typed, {type: 'edit', edit: 'left'}, {type: 'edit', edit: 'left'}, {type: 'edit', edit: 'kill-end'});
		expect(middle.prompt?.text).toBe('topic:payments status:err');
	});

	it('Esc cancels an edit, then steps back the way the user came, then clears the filter', () => {
		const filtered = apply(initialAppState(panes), {type: 'select-pane', id: 'topics'}, {type: 'apply-filter', expression: 'topic:a'});
		expect(filtered.pane).toBe('messages');
		const inTx = apply(filtered, {type: 'open-transaction', id: 'ORD-1'});
		const cancelled = apply(inTx, {type: 'start-prompt', kind: 'filter'}, {type: 'back'});
		expect(cancelled).toMatchObject({transaction: 'ORD-1', filter: 'topic:a', prompt: undefined});
		const one = appReducer(cancelled, {type: 'back'});
		expect(one).toMatchObject({pane: 'messages', transaction: undefined, filter: 'topic:a'});
		const two = appReducer(one, {type: 'back'});
		expect(two).toMatchObject({pane: 'topics', filter: undefined});
		const typedHere = apply(initialAppState(panes), {type: 'select-pane', id: 'messages'}, {type: 'apply-filter', expression: 'a:b'});
		expect(appReducer(typedHere, {type: 'back'})).toMatchObject({pane: 'messages', filter: undefined});
		const commanded = apply(typedHere, {type: 'start-prompt', kind: 'command'}, {type: 'type', text: 'tx 1'}, {type: 'back'});
		expect(commanded.filter).toBe('a:b');
		expect(commanded.prompt).toBeUndefined();
	});

	it('keeps a prompt error until the text changes', () => {
		const state = apply(initialAppState(panes), {type: 'start-prompt', kind: 'command'}, {type: 'type', text: 'zz'}, {type: 'prompt-error', message: 'unknown'});
		expect(state.prompt?.error).toBe('unknown');
		expect(appReducer(state, {type: 'type', text: 'z'}).prompt?.error).toBeUndefined();
	});

	it('cycles the window 10s → 1m → 5m → 15m → 1h → 10s and sets any window', () => {
		let state = initialAppState(panes, 10_000);
		const seen: number[] = [];
		for (let i = 0; i < 5; i++) {
			state = appReducer(state, {type: 'cycle-window'});
			seen.push(state.windowMs);
		}

		expect(seen).toEqual([60_000, 300_000, 900_000, 3_600_000, 10_000]);
		expect(appReducer(state, {type: 'set-window', ms: 120_000}).windowMs).toBe(120_000);
	});

	it('toggles pause and help, and clears only the notice it was asked to', () => {
		const notice = {text: 'hi', kind: 'info' as const};
		const state = apply(initialAppState(panes), {type: 'toggle-pause'}, {type: 'toggle-help'}, {type: 'notice', notice});
		expect(state.paused).toBe(true);
		expect(state.help).toBe(0);
		expect(appReducer(state, {type: 'clear-notice', notice: {text: 'hi', kind: 'info'}}).notice).toBe(notice);
		expect(appReducer(state, {type: 'clear-notice', notice}).notice).toBeUndefined();
		expect(appReducer(state, {type: 'back'}).help).toBeUndefined();
		expect(apply(state, {type: 'toggle-pause'}).paused).toBe(false);
	});
});
