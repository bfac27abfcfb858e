// The dependencies patched by patches/NAME+VERSION.patch, patched as they load when the installed files are not:
// `prepare: patch-package` patches them in a clone, but a copy installed from the package's tarball runs no
// install scripts (npm 11 asks first), and patch-package run there would not find the hoisted dependencies. Without
// this, an installed TUI ran Ink's unbounded text caches (upstream ink#986) and kafkajs failed on a partition
// without a leader. The files on disk are only read, never written (an installed copy may be read-only).
import fs from 'node:fs';
import path from 'node:path';
import Module, {register} from 'node:module';
import {fileURLToPath} from 'node:url';
import {applyHunks, parsePackagePatch} from './core/package-patch.js';

const patchesDirectory = new URL('../../patches/', import.meta.url);

/** Where `name`, as this program imports it, is installed (file URL of its folder, ending in a slash). */
function packageFolder(name: string): URL {
	const entry = import.meta.resolve(name);
	const marker = `/node_modules/${name}/`;
	return new URL(entry.slice(0, entry.lastIndexOf(marker) + marker.length));
}

/**
 * The patched text, by file URL, of the installed files of the dependency `patchFile` patches that lack it; warns of a mismatch.
 * Undefined, before any file is read, when the dependency is not of the module kind asked for (`esm`): each kind is
 * patched its own way, at its own time.
 */
function patchedFiles(patchFile: string, esm: boolean): Map<string, string> | undefined {
	const name = packageOfPatch(patchFile);
	const folder = packageFolder(name);
	const manifest = JSON.parse(fs.readFileSync(new URL('package.json', folder), 'utf8')) as {type?: string; version?: string};
	if ((manifest.type === 'module') !== esm) return undefined;
	const texts = new Map<string, string>();
	const hunksByFile = parsePackagePatch(fs.readFileSync(new URL(patchFile, patchesDirectory), 'utf8'), name);
	for (const [file, hunks] of hunksByFile) {
		if (file.endsWith('.d.ts')) continue;
		const url = new URL(file, folder);
		const result = applyHunks(fs.readFileSync(url, 'utf8'), hunks);
		if (result.state === 'mismatch') {
			process.stderr.write(`pubsub-tools: ${name} ${manifest.version} is not what patches/${patchFile} was made for `
				+ `(hunk ${result.hunk} of ${file} fits nowhere): it runs unpatched\n`);
			return undefined;
		}

		if (result.state === 'patched') texts.set(url.href, result.text);
	}

	return texts.size > 0 ? texts : undefined;
}

/** The package a patch file is for (`kafkajs+2.2.4.patch` → `kafkajs`, `@scope+name+1.0.0.patch` → `@scope/name`). */
function packageOfPatch(patchFile: string): string {
	return patchFile.slice(0, patchFile.lastIndexOf('+')).replace('+', '/');
}

/**
 * CommonJS files get their patched text (Node 20 has no module hook for require): each patched package's texts are
 * worked out when its first file compiles, so a run that never loads it (a headless command and kafkajs) pays nothing.
 */
function patchCommonJsOnLoad(patchFiles: string[]): void {
	const waiting = new Map(patchFiles.map(file => [`${path.sep}node_modules${path.sep}${packageOfPatch(file).replace('/', path.sep)}${path.sep}`, file]));
	const byPath = new Map<string, string>();
	const prototype = Module.prototype as unknown as {_compile(content: string, filename: string): unknown};
	const compile = prototype._compile;
	prototype._compile = function (content, filename) {
		for (const [folder, patchFile] of waiting) {
			if (!filename.includes(folder)) continue;
			waiting.delete(folder);
			const patched = patchedFiles(patchFile, false);
			if (patched) for (const [url, text] of patched) byPath.set(fileURLToPath(url), text);
		}

		return compile.call(this, byPath.get(filename) ?? content, filename);
	};
}

/**
 * Patch, as they load, the dependencies whose installed files lack their patch. ES modules (Ink) go through module
 * hooks, which make every later import cross to the hooks thread (about 0.35 s more CPU at start): only when `esm`,
 * for runs that may open the TUI, Ink's only user.
 */
export function patchDependencies({esm}: {esm: boolean}): void {
	// dist/ run without the folder beside it (a partial copy of the project) has nothing to apply.
	if (!fs.existsSync(patchesDirectory)) return;
	const patchFiles = fs.readdirSync(patchesDirectory).filter(file => file.endsWith('.patch'));
	patchCommonJsOnLoad(patchFiles);
	if (!esm) return;
	for (const patchFile of patchFiles) {
		const patched = patchedFiles(patchFile, true);
		if (patched) register('./patched-dependency-hooks.js', import.meta.url, {data: Object.fromEntries(patched)});
	}
}
