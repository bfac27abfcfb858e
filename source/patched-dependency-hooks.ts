// Module hooks (node:module register, run on Node's hooks thread): serve the patched text of a dependency's ES
// modules in place of the installed files (patched-dependencies.ts computes it and hands it over as `data`).
import type {InitializeHook, LoadHook} from 'node:module';

/** Patched module text by file URL. */
let patched: Record<string, string> = {};

/** Receives the patched texts from register(). */
export const initialize: InitializeHook<Record<string, string>> = data => {
	patched = data;
};

/** A patched module's text; every other module as Node loads it. */
export const load: LoadHook = async (url, context, nextLoad) => {
	const source = patched[url];
	return source === undefined ? nextLoad(url, context) : {format: 'module', source, shortCircuit: true};
};
