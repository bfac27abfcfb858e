// The Sagas pane's keys, apart from its component so the plugin registers the pane without loading Ink.
import {listBindings, type ActionBinding} from '../../source/plugin-api/index.js';

/** The Sagas pane's bindings: the list keys, Enter, and s for the next saga. */
export const sagasBindings: Array<ActionBinding<(typeof listBindings)[number]['action'] | 'open' | 'next-saga'>> = [
	...listBindings,
	{action: 'open', keys: ['enter'], label: 'Enter', description: 'open the transaction of the selected saga instance', hint: 'transaction'},
	{action: 'next-saga', keys: ['s'], label: 's', description: 'show the next saga that has instances', hint: 'next saga'},
];
