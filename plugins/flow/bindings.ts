// The Flow pane's keys, apart from its component so the plugin registers the pane without loading Ink.
import type {ActionBinding} from '../../source/plugin-api/index.js';

/** What a key does in the Flow pane. */
export type FlowAction = 'up' | 'down' | 'page-up' | 'page-down' | 'top' | 'bottom' | 'previous' | 'next' | 'open' | 'slowest' | 'errors';

/** The Flow pane's bindings (help and footer are generated from them). */
export const flowBindings: Array<ActionBinding<FlowAction>> = [
	{action: 'up', keys: ['up', 'k'], label: '↑ k', description: 'select the edge above', hint: 'edge'},
	{action: 'down', keys: ['down', 'j'], label: '↓ j', description: 'select the edge below', hint: 'edge'},
	{action: 'page-up', keys: ['pageup'], label: 'PgUp', description: 'select the edge a page of the graph up', hint: 'edge'},
	{action: 'page-down', keys: ['pagedown'], label: 'PgDn', description: 'select the edge a page of the graph down', hint: 'edge'},
	{action: 'top', keys: ['g', 'home'], label: 'g', description: 'select the first edge', hint: 'edge'},
	{action: 'bottom', keys: ['G', 'end'], label: 'G', description: 'select the last edge', hint: 'edge'},
	{action: 'previous', keys: ['left', 'h'], label: '← h', description: 'select a slower transaction of the edge', hint: 'transaction'},
	{action: 'next', keys: ['right', 'l'], label: '→ l', description: 'select a faster transaction of the edge', hint: 'transaction'},
	{action: 'open', keys: ['enter'], label: 'Enter', description: 'open the selected slow transaction', hint: 'open'},
	{action: 'slowest', keys: ['s'], label: 's', description: 'select the slowest edge (highest p95)', hint: 'slowest'},
	{action: 'errors', keys: ['e'], label: 'e', description: 'select the edge with the most errors', hint: 'errors'},
];
