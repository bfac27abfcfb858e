// The pane registry's rules: built-in panes and plugins' register the same way; clashes are refused with a clear message.
import type {ComponentType} from 'react';
import type {PaneBinding, PaneDefinition, PaneProps} from '../../plugin-api/index.js';
import {globalBindings} from '../keys/bindings.js';

/** A pane as the host keeps it: its switching digit decided. */
export type RegisteredPane = PaneDefinition & {key: string};

const digits = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

/** The global key that `key` is already taken by, if any. */
function globalOwner(key: string): string | undefined {
	return globalBindings.find(binding => (binding.keys as readonly string[]).includes(key))?.description;
}

/** `pane` with its digit decided, checked against the panes already registered; throws an Error naming the clash. */
export function checkPane(pane: PaneDefinition, panes: readonly RegisteredPane[], plugin: string): RegisteredPane {
	const where = `plugin "${plugin}", pane "${pane.id}"`;
	if (panes.some(other => other.id === pane.id)) throw new Error(`${where}: a pane with this id is already registered`);
	const key = pane.key ?? digits.find(digit => !panes.some(other => other.key === digit));
	if (key === undefined) throw new Error(`${where}: all nine pane keys 1–9 are taken`);
	if (!digits.includes(key)) throw new Error(`${where}: the pane key must be a digit 1–9, not "${key}"`);
	const holder = panes.find(other => other.key === key);
	if (holder) throw new Error(`${where}: key ${key} already switches to pane "${holder.id}"`);
	for (const binding of pane.bindings) {
		for (const bound of binding.keys) {
			const owner = globalOwner(bound);
			if (owner) throw new Error(`${where}: key "${bound}" (${binding.description}) is already bound to "${owner}"`);
		}
	}

	return {...pane, key};
}

/** Panes in the order of their keys (tabs, help). */
export function byKey<Pane extends RegisteredPane>(panes: readonly Pane[]): Pane[] {
	return [...panes].sort((a, b) => a.key.localeCompare(b.key));
}

/** A pane whose component is at hand (its `load` done): what the TUI draws. */
export type ReadyPane = {id: string; title: string; key: string; bindings: PaneBinding[]; render: ComponentType<PaneProps>; plugin?: string};

/** Whether `value` can be drawn as a component: a function or class, or a wrapped one (`memo`, `forwardRef`, `lazy`). */
function isComponent(value: unknown): value is ComponentType<PaneProps> {
	return typeof value === 'function' || (typeof value === 'object' && value !== null && '$$typeof' in value);
}

/** Load the components of panes registered with `load`; a pane whose load fails is left out, with a line naming it. */
export async function readyPanes(panes: ReadonlyArray<RegisteredPane & {plugin?: string}>): Promise<{panes: ReadyPane[]; problems: string[]}> {
	const problems: string[] = [];
	const loaded = await Promise.all(panes.map(async (pane): Promise<ReadyPane | undefined> => {
		const {id, title, key, bindings, plugin} = pane;
		try {
			const render: unknown = pane.render ?? await pane.load();
			if (!isComponent(render)) throw new Error(`${pane.render ? 'render' : 'load'} gave ${render === null ? 'null' : typeof render}, not a component (a misspelt export?)`);
			return {id, title, key, bindings, plugin, render};
		} catch (error) {
			problems.push(`plugin "${plugin ?? '?'}", pane "${id}": cannot be loaded: ${error instanceof Error ? error.message : String(error)}; left out`);
			return undefined;
		}
	}));
	return {panes: loaded.filter(pane => pane !== undefined), problems};
}
