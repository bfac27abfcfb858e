// `npm start`: run the CLI from dist/ when it is current, building it first only when it is missing or older than
// a TypeScript source (so a first `npm install && npm start` builds, and later starts skip the 5 s compile).
import path from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {buildIfStale} from './build-if-stale.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
buildIfStale('pubsub-tools: building dist/ (sources changed since the last build)…\n');
// The CLI reads process.argv from index 2, as it would when run directly.
await import(pathToFileURL(path.join(root, 'dist/source/cli.js')).href);
