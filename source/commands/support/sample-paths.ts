// The bundled sample recordings and scenarios that --help examples use, as paths a user can type from where they are.
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {shellWord} from './shell-word.js';

/** The package's root: this file is dist/source/commands/support/sample-paths.js. */
const packageRoot = fileURLToPath(new URL('../../../../', import.meta.url));

/** A sample folder's path from `cwd` with its `/`: its name in the package's root (a clone), else the package's own folder, quoted for a shell where it must be. */
function samplePath(folder: string, cwd: string): string {
	const absolute = path.join(packageRoot, folder);
	return path.relative(cwd, absolute) === folder ? `${folder}/` : shellWord(`${absolute}/`);
}

/** A help text with its `recordings/…` and `scenarios/…` examples pointing at the package's samples from `cwd`. */
export function withSamplePaths(text: string, cwd = process.cwd()): string {
	return text.replaceAll(/(?<=[\s'"=(])(recordings|scenarios)\//g, (_, folder: string) => samplePath(folder, cwd));
}
