// Finds and imports plugins: the bundled ones in plugins/ (on by default), then `--plugin PATH` and the config's
// `plugins:` list. A module that cannot be imported or does not export a plugin is reported, not fatal.
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import type {Plugin} from '../../plugin-api/index.js';

/** A plugin module found, or why it could not be used. */
export type LoadResult = {plugins: Plugin[]; problems: string[]};

/** The folder of bundled plugins: plugins/ next to source/ (in dist/ once built). */
const bundledDir = fileURLToPath(new URL('../../../plugins/', import.meta.url));

/** The entry file of each bundled plugin folder (index.js when built, index.ts when run from source by tests). */
export function bundledPluginFiles(dir = bundledDir): string[] {
	let folders: fs.Dirent[];
	try {
		folders = fs.readdirSync(dir, {withFileTypes: true});
	} catch {
		return [];
	}

	return folders
		.filter(entry => entry.isDirectory())
		.map(entry => ['index.js', 'index.ts'].map(file => path.join(dir, entry.name, file)).find(file => fs.existsSync(file)))
		.filter((file): file is string => file !== undefined)
		.sort();
}

const looksLikePlugin = (value: unknown): value is Plugin =>
	typeof value === 'object' && value !== null
	&& typeof (value as Plugin).name === 'string' && (value as Plugin).name !== ''
	&& typeof (value as Plugin).setup === 'function';

/** Import the plugin modules at `files` (absolute, or relative to `cwd`), in order. */
export async function importPlugins(files: readonly string[], cwd = process.cwd()): Promise<LoadResult> {
	const result: LoadResult = {plugins: [], problems: []};
	for (const file of files) {
		const full = path.resolve(cwd, file);
		let module: Record<string, unknown>;
		try {
			if (!fs.existsSync(full)) throw new Error('no such file');
			module = await import(pathToFileURL(full).href) as Record<string, unknown>;
		} catch (error) {
			result.problems.push(`plugin ${file}: cannot be loaded: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}; left out`);
			continue;
		}

		const plugin = module.default ?? module.plugin;
		if (!looksLikePlugin(plugin)) {
			result.problems.push(`plugin ${file}: its default export is not a plugin (an object with name, apiVersion and setup, see definePlugin); left out`);
			continue;
		}

		result.plugins.push(plugin);
	}

	return result;
}
