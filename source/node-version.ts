// The Node.js this program needs (package.json `engines`): an older one is told so at start, in one line, instead
// of failing later on an API it lacks (`zlib.crc32 is not a function` reported as a malformed line of a gzip file).
import fs from 'node:fs';

/** The numbers of a version (`20.19.4`, `v20.10.0`), missing parts as 0. */
function versionParts(version: string): number[] {
	const parts = /(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(version) ?? [];
	return [1, 2, 3].map(index => Number(parts[index] ?? 0));
}

/** Whether `running` is older than the `floor` version. */
function olderThan(running: string, floor: string): boolean {
	const [have, need] = [versionParts(running), versionParts(floor)];
	for (let index = 0; index < 3; index++) if (have[index] !== need[index]) return have[index]! < need[index]!;
	return false;
}

/** The lowest Node.js version package.json's `engines.node` (`>=20.19.4`) accepts. */
function requiredNode(): string | undefined {
	const manifest = JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {engines?: {node?: string}};
	return /^>=\s*(\d+(?:\.\d+){0,2})$/.exec(manifest.engines?.node?.trim() ?? '')?.[1];
}

const floor = requiredNode();
if (floor !== undefined && olderThan(process.versions.node, floor)) {
	process.stderr.write(`pubsub-tools: needs Node.js ${floor} or later; this is Node.js ${process.versions.node} (${process.execPath}). Install a newer Node.js and run it again.\n`);
	process.exit(1);
}
