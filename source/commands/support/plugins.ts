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
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i]!;
		if (arg === '--plugin' && i + 1 < argv.length) paths.push(argv[++i]!);
		else if (arg.startsWith('--plugin=')) paths.push(arg.slice('--plugin='.length));
		else {
			if (arg === '--config' && i + 1 < argv.length) config = argv[i + 1];
			else if (arg.startsWith('--config=')) config = arg.slice('--config='.length);
			rest.push(arg);
		}
	}

	return {paths, rest, config};
}
