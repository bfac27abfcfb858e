// What a pane is: registered data (id, title, key, bindings) and a React component the host renders.
import type {ComponentType} from 'react';
import type {Engine, EngineSnapshot} from '../core/engine.js';
import type {Envelope} from '../core/envelope.js';
import type {KeyName} from './keys.js';

/** One key binding a pane handles while focused; listed in the help screen and the footer. */
export type PaneBinding = {
	/** The keys that trigger it (see `keyName`). */
	keys: KeyName[];
	/** How the footer and help show the keys, e.g. "↑↓ j k". */
	label: string;
	/** What it does, for the help screen. */
	description: string;
	/** One or two words for the footer; bindings with the same hint are shown together. */
	hint?: string;
};

/** The engine's streams and queries a pane may use (no writes). */
export type PaneEngine = Pick<Engine, 'config' | 'batches$' | 'hops$' | 'alerts$' | 'transaction' | 'recent' | 'search' | 'stage' | 'summary'>;

/** What the host offers a pane beyond data. */
export type PaneHost = {
	/**
	 * Open the transaction view on the transaction that has this id, with the event of store sequence `eventSeq`
	 * selected in its timeline when given (else its first); Esc comes back to the pane.
	 */
	openTransaction(id: string, eventSeq?: number): void;
	/** Show the Messages pane filtered by a filter-language expression. */
	showMessages(filter: string): void;
	/** Mark an alert acknowledged (by its id). */
	acknowledgeAlert(id: string): void;
	/** Show a short message in the status line. */
	notify(message: string, kind?: 'info' | 'error'): void;
	/**
	 * Send text to the user's clipboard through the terminal (OSC 52, works over SSH) and say so in the footer,
	 * naming it `what` (e.g. "event 12"): sent and unconfirmed, or why it could not be sent.
	 */
	copy(text: string, what: string): void;
};

/** An event filter the user applied with `/` (the filter language). */
export type ViewFilter = {expression: string; matches(event: Envelope): boolean};

/** Props every pane component receives. */
export type PaneProps = {
	engine: PaneEngine;
	/** The newest snapshot, held still while the view is paused. */
	snapshot: EngineSnapshot;
	/** True while the pane is shown and no prompt or overlay takes the keys (pass it to `usePaneKeys`). */
	focused: boolean;
	/** Columns and rows of the area the pane may draw in; draw no wider and no taller. */
	size: {columns: number; rows: number};
	paused: boolean;
	filter?: ViewFilter;
	/** False under NO_COLOR / --no-color: draw without colour (meaning must never rest on colour anyway). */
	color: boolean;
	host: PaneHost;
};

/** A pane as registered with the host. */
export type PaneDefinition = {
	/** Unique id, e.g. "flow". */
	id: string;
	/** Tab title. */
	title: string;
	/** The digit that switches to it ("1"–"9"); the host picks the next free one when absent. */
	key?: string;
	/** Keys the pane handles while focused, with `usePaneKeys` (help and footer are generated from these). */
	bindings: PaneBinding[];
} & (
	/** The pane's React function component. */
	| {render: ComponentType<PaneProps>; load?: undefined}
	/**
	 * Or a function that imports it, called when the TUI starts (`load: async () => (await import('./pane.js')).Pane`):
	 * a plugin whose index module does not import Ink costs headless commands nothing to load.
	 */
	| {load: () => Promise<ComponentType<PaneProps>>; render?: undefined}
);
