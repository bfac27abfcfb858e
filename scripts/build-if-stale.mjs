// Build dist/ only when it is stale: missing, or older than a TypeScript source or tsconfig.json. `npm start`
// (start.mjs) and the tests' global setup use it, so a dist/ put in place on purpose (an A/B measurement) is kept,
// and a first start or a fresh clone still builds. Plain JavaScript: it runs before anything is compiled.
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// tsc writes its build info at every build that changed something: the build's time (see the touch below).
const built = path.join(root, 'dist/.tsbuildinfo');
const cli = path.join(root, 'dist/source/cli.js');

/** Newest modification time of the compiler's inputs: tsconfig.json and every .ts/.tsx under the included folders. */
function newestInput() {
	let newest = fs.statSync(path.join(root, 'tsconfig.json')).mtimeMs;
	const walk = directory => {
		for (const entry of fs.readdirSync(directory, {withFileTypes: true})) {
			const full = path.join(directory, entry.name);
			if (entry.isDirectory()) walk(full);
			else if (/\.tsx?$/.test(entry.name)) newest = Math.max(newest, fs.statSync(full).mtimeMs);
		}
	};

	for (const folder of JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.json'), 'utf8')).include) {
		if (fs.existsSync(path.join(root, folder))) walk(path.join(root, folder));
	}

	return newest;
}

/** Whether dist/ is missing or older than a source. */
function distStale() {
	if (!fs.existsSync(cli) || !fs.existsSync(built)) return true;
	return newestInput() > fs.statSync(built).mtimeMs;
}

/** Compile dist/ when it is stale (saying so with `note` first); returns whether it compiled. Throws what tsc says. */
export function buildIfStale(note) {
	if (!distStale()) return false;
	process.stderr.write(note);
	try {
		execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.json')], {stdio: 'inherit'});
	} catch (error) {
		// tsc emits and writes its build info despite type errors: marked old, dist/ stays stale and the next call
		// compiles again, saying the errors again, instead of taking the failed build for a current one.
		if (fs.existsSync(built)) fs.utimesSync(built, new Date(0), new Date(0));
		throw error;
	}

	// An incremental build that found nothing to emit leaves the build info as it was: mark this build's time.
	const now = new Date();
	fs.utimesSync(built, now, now);
	return true;
}
