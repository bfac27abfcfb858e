// A temporary directory for the tests of one file: made before them, removed after them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll} from 'vitest';

/** Register the hooks that make and remove a temporary directory (`prefix` names it); its path is set before the tests run. */
export function useTempDir(prefix: string): {path: string} {
	const temp = {path: ''};
	beforeAll(() => {
		temp.path = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
	});
	afterAll(() => {
		fs.rmSync(temp.path, {recursive: true, force: true});
	});
	return temp;
}
