// Every key of the TUI as data, each with a description: the help screen and the footer are generated from here.
import type {ActionBinding} from '../../plugin-api/pane-keys.js';

export {actionFor} from '../../plugin-api/pane-keys.js';

/** A binding that names the action it triggers. */
export type Binding<Action extends string = string> = ActionBinding<Action>;

/** Keys that work everywhere outside prompts and the help screen. */
export const globalBindings = [
	{action: 'switch-pane', keys: ['1', '2', '3', '4', '5', '6', '7', '8', '9'], label: '1–9', description: 'switch pane', hint: 'panes'},
	{action: 'next-pane', keys: ['tab'], label: 'Tab', description: 'next pane', hint: 'panes'},
	{action: 'previous-pane', keys: ['shift+tab'], label: 'Shift-Tab', description: 'previous pane', hint: 'panes'},
	{action: 'back', keys: ['esc'], label: 'Esc', description: 'back the way you came (transaction → list → pane you drilled from), then clear the filter', hint: 'back'},
	{action: 'filter', keys: ['/'], label: '/', description: 'filter messages (filter language): Enter applies, ↑ recalls earlier filters, Esc cancels', hint: 'filter'},
	{action: 'command', keys: [':'], label: ':', description: 'command: :tx ID, :topic NAME, :group FIELD, :window 5m, :q', hint: 'command'},
	{action: 'pause', keys: ['space'], label: 'Space', description: 'pause / resume the view (ingest goes on, nothing is lost)', hint: 'pause'},
	{action: 'window', keys: ['w'], label: 'w', description: 'cycle the time window: 10s, 1m, 5m, 15m, 1h', hint: 'window'},
	{action: 'record', keys: ['r'], label: 'r', description: 'start / stop recording what arrives to a file', hint: 'record'},
	{action: 'faster', keys: ['+', '='], label: '+', description: 'replay faster (replay mode)', hint: 'speed'},
	{action: 'slower', keys: ['-'], label: '-', description: 'replay slower (replay mode)', hint: 'speed'},
	{action: 'help', keys: ['?'], label: '?', description: 'help: every key', hint: 'help'},
	{action: 'quit', keys: ['q', 'ctrl+c'], label: 'q', description: 'quit (Ctrl-C too); the terminal is restored', hint: 'quit'},
] as const satisfies Array<Binding>;

/** Moving through any list (panes with rows, the transaction timeline, the help screen). */
export const listBindings = [
	{action: 'up', keys: ['up', 'k'], label: '↑ k', description: 'move up', hint: 'move'},
	{action: 'down', keys: ['down', 'j'], label: '↓ j', description: 'move down', hint: 'move'},
	{action: 'page-up', keys: ['pageup'], label: 'PgUp', description: 'page up', hint: 'move'},
	{action: 'page-down', keys: ['pagedown'], label: 'PgDn', description: 'page down', hint: 'move'},
	{action: 'top', keys: ['g', 'home'], label: 'g', description: 'top', hint: 'move'},
	{action: 'bottom', keys: ['G', 'end'], label: 'G', description: 'bottom (the Messages tail follows again)', hint: 'move'},
] as const satisfies Array<Binding>;

/** Scrolling the selected event's JSON (Messages pane and transaction view); the list keeps the lower-case keys. */
export const detailBindings = [
	{action: 'scroll-down', keys: ['J'], label: 'J', description: 'scroll the selected event\'s JSON down a page', hint: 'scroll JSON'},
	{action: 'scroll-up', keys: ['K'], label: 'K', description: 'scroll the selected event\'s JSON up a page', hint: 'scroll JSON'},
] as const satisfies Array<Binding>;

/** Sending the selected event's JSON to the clipboard (Messages pane and transaction view). */
export const copyBinding = {action: 'copy', keys: ['c'], label: 'c', description: 'send the selected event\'s JSON to the clipboard (OSC 52, works over SSH; terminals do not confirm it)', hint: 'copy'} as const satisfies Binding;

/** Keys of the transaction view besides moving and Esc. */
export const transactionBindings = [
	copyBinding,
] as const satisfies Array<Binding>;

/** Keys while typing a filter or a command. */
export const promptBindings = [
	{action: 'submit', keys: ['enter'], label: 'Enter', description: 'apply the filter / run the command', hint: 'apply'},
	{action: 'cancel', keys: ['esc'], label: 'Esc', description: 'cancel the edit (an applied filter stays; Esc again clears it)', hint: 'cancel'},
	{action: 'erase', keys: ['backspace', 'delete'], label: 'Backspace', description: 'delete the character before the cursor', hint: 'erase'},
	{action: 'erase-forward', keys: ['ctrl+d'], label: 'Ctrl-D', description: 'delete the character under the cursor', hint: 'erase'},
	{action: 'left', keys: ['left', 'ctrl+b'], label: '←', description: 'cursor left', hint: 'edit'},
	{action: 'right', keys: ['right', 'ctrl+f'], label: '→', description: 'cursor right', hint: 'edit'},
	{action: 'start', keys: ['home', 'ctrl+a'], label: 'Ctrl-A', description: 'cursor to the start', hint: 'edit'},
	{action: 'end', keys: ['end', 'ctrl+e'], label: 'Ctrl-E', description: 'cursor to the end', hint: 'edit'},
	{action: 'kill-start', keys: ['ctrl+u'], label: 'Ctrl-U', description: 'delete to the start of the line', hint: 'edit'},
	{action: 'kill-end', keys: ['ctrl+k'], label: 'Ctrl-K', description: 'delete to the end of the line', hint: 'edit'},
	{action: 'kill-word', keys: ['ctrl+w'], label: 'Ctrl-W', description: 'delete the word before the cursor', hint: 'edit'},
	{action: 'history-previous', keys: ['up'], label: '↑', description: 'the previous filter / command entered', hint: 'history'},
	{action: 'history-next', keys: ['down'], label: '↓', description: 'the next filter / command entered', hint: 'history'},
] as const satisfies Array<Binding>;

/** Keys of the help screen. */
export const helpBindings = [
	{action: 'close', keys: ['esc', '?', 'q'], label: 'Esc ?', description: 'close the help', hint: 'close'},
] as const satisfies Array<Binding>;

/** Actions of the list bindings. */
export type ListKeyAction = typeof listBindings[number]['action'];
