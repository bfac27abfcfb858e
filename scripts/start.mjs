// `npm start`: run the CLI from dist/ when it is current, building it first only when it is missing or older than
// a TypeScript source (so a first `npm install && npm start` builds, and later starts skip the 5 s compile).
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';

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
function stale() {
	if (!fs.existsSync(cli) || !fs.existsSync(built)) return true;
	return newestInput() > fs.statSync(built).mtimeMs;
}

if (stale()) {
	process.stderr.write('pubsub-tools: building dist/ (sources changed since the last build)…\n');
	execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.json')], {stdio: 'inherit'});
	// An incremental build that found nothing to emit leaves the build info as it was: mark this build's time.
	const now = new Date();
	fs.utimesSync(built, now, now);
}

// The CLI reads process.argv from index 2, as it would when run directly.
await import(pathToFileURL(cli).href);
