// The plugins of this run, set up once at start (load-plugins.ts): commands read the set here, stages for the
// engine, panes for the TUI, commands for the CLI. Free of React, so headless paths import it cheaply.
import {noPlugins, type PluginSet} from './plugin-setup.js';

let active: PluginSet = noPlugins;

/** The plugins set up for this run (none until `loadPlugins`). */
export function activePlugins(): PluginSet {
	return active;
}

/** Make `set` the run's plugins (load-plugins.ts; tests). */
export function setActivePlugins(set: PluginSet): void {
	active = set;
}
