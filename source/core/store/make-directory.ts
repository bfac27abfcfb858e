// The store's directory made one level at a time, so a failure names the level that could not be made and why.
import fs from 'node:fs';
import path from 'node:path';
import {fileProblem} from '../file-problem.js';

/**
 * Make `directory` and its missing parents, or throw `cannot make LEVEL: why` for the first level that failed. Node's
 * recursive mkdir named the deepest path instead, with an error code (ENOENT where a parent was read-only), and under
 * /proc it never returned.
 */
export function makeDirectory(directory: string): void {
	const missing: string[] = [];
	for (let level = path.resolve(directory); !fs.existsSync(level); level = path.dirname(level)) missing.unshift(level);
	for (const level of missing) {
		try {
			fs.mkdirSync(level);
		} catch (error) {
			// Made meanwhile by another process (two runs opening one new --data-dir): what was asked for is there.
			if ((error as NodeJS.ErrnoException).code === 'EEXIST' && fs.statSync(level).isDirectory()) continue;
			// Its parent exists, so `no such file` would mislead: the file system (/proc, say) holds no directories made there.
			const why = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'its file system does not let directories be made there' : fileProblem(error);
			throw new Error(`cannot make ${level}: ${why}`);
		}
	}
}
