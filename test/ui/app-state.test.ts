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

	it('types, erases and applies a filter, which shows the Messages pane', () => {
		const state = apply(
			initialAppState(panes),
			{type: 'start-prompt', kind: 'filter'},
			{type: 'type', text: 'status:errox'},
			{type: 'erase'},
			{type: 'type', text: 'r'},
		);
		expect(state.prompt).toEqual({kind: 'filter', text: 'status:error'});
		const applied = appReducer(state, {type: 'apply-filter', expression: state.prompt!.text});
		expect(applied.filter).toBe('status:error');
		expect(applied.prompt).toBeUndefined();
		expect(applied.pane).toBe('messages');
		expect(appReducer(applied, {type: 'start-prompt', kind: 'filter'}).prompt?.text).toBe('status:error');
	});

	it('Esc in the filter prompt clears the filter; in the command prompt it only cancels', () => {
		const filtered = apply(initialAppState(panes), {type: 'apply-filter', expression: 'a:b'});
		expect(apply(filtered, {type: 'start-prompt', kind: 'filter'}, {type: 'back'}).filter).toBeUndefined();
		const commanded = apply(filtered, {type: 'start-prompt', kind: 'command'}, {type: 'type', text: 'tx 1'}, {type: 'back'});
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
