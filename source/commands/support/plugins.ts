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

/** `--plugin PATH` / `--plugin=PATH` anywhere in argv (they apply to every command), and argv without them. */
export function pluginFlags(argv: readonly string[]): {paths: string[]; rest: string[]; config?: string} {
	const paths: string[] = [];
	const rest: string[] = [];
	let config: string | undefined;
	let pluginPathNext = false;
	for (const [i, arg] of argv.entries()) {
		const next = argv[i + 1];
		if (pluginPathNext) {
			paths.push(arg);
			pluginPathNext = false;
		} else if (arg === '--plugin' && next !== undefined) pluginPathNext = true;
		else if (arg.startsWith('--plugin=')) paths.push(arg.slice('--plugin='.length));
		else {
			if (arg === '--config' && next !== undefined) config = next;
			else if (arg.startsWith('--config=')) config = arg.slice('--config='.length);
			rest.push(arg);
		}
	}

	return {paths, rest, config};
}
