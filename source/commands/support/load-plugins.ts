// Loads the run's plugins: the built-in panes, the bundled plugins/, the config's `plugins:` list and `--plugin PATH`.
import path from 'node:path';
import {configFileName, loadConfig} from '../../core/config-file.js';
import {defaultConfig, type Config} from '../../core/config.js';
import {builtInPanes} from '../../ui/panes/built-in.js';
import {bundledPluginFiles, importPlugins} from './plugin-load.js';
import {setUpPlugins, type PluginSet} from './plugin-setup.js';
import {setActivePlugins} from './plugins.js';

/** The configuration for plugin loading; a broken file is the command's to report, so here it counts as absent. */
function configFor(file: string | undefined): Config {
	try {
		return loadConfig({path: file, cwd: process.cwd()});
	} catch {
		return defaultConfig;
	}
}

/**
 * Load and set up the built-in panes, the bundled plugins, the config's `plugins:` (relative to the config file)
 * and `paths` (relative to the working directory), in that order; `reserved` are the built-in command names.
 */
export async function loadPlugins(options: {paths: string[]; config?: string; reserved: string[]; bundled?: string[]}): Promise<PluginSet> {
	const config = configFor(options.config);
	const configDir = path.dirname(path.resolve(process.cwd(), options.config ?? configFileName));
	const files = [
		...(options.bundled ?? bundledPluginFiles()),
		...config.plugins.map(file => path.resolve(configDir, file)),
		...options.paths.map(file => path.resolve(process.cwd(), file)),
	];
	const imported = await importPlugins(files);
	const set = setUpPlugins([builtInPanes, ...imported.plugins], options.reserved, name => config.pluginOptions[name] ?? {});
	const loaded = {...set, problems: [...imported.problems, ...set.problems]};
	setActivePlugins(loaded);
	return loaded;
}
