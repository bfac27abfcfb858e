// `npm start` (scripts/start.mjs) builds dist/ when it is missing or older than a source, and otherwise starts
// straight from it; run on a copy of the project so the real dist/ is never touched.
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {limit} from '../support/limits.js';

const root = path.resolve(import.meta.dirname, '../..');
let copy: string;

/** Run `node scripts/start.mjs --help` in the copy, as `npm start -- --help` would. */
const start = () => spawnSync(process.execPath, ['scripts/start.mjs', '--help'], {cwd: copy, encoding: 'utf8', timeout: limit(180_000)});

beforeAll(() => {
	copy = fs.mkdtempSync(path.join(os.tmpdir(), 'pubsub-start-'));
	for (const entry of ['source', 'plugins', 'bench', 'scripts', 'tsconfig.json', 'package.json']) {
		if (fs.existsSync(path.join(root, entry))) fs.cpSync(path.join(root, entry), path.join(copy, entry), {recursive: true});
	}

	fs.symlinkSync(path.join(root, 'node_modules'), path.join(copy, 'node_modules'));
});

afterAll(() => {
	fs.rmSync(copy, {recursive: true, force: true});
});

describe('npm start', () => {
	it('builds a fresh clone, then starts from dist/ until a source changes', () => {
		const first = start();
		expect(first.status, first.stderr).toBe(0);
		expect(first.stderr).toContain('building dist/');
		expect(first.stdout).toContain('Usage: pubsub-tools');
		expect(fs.existsSync(path.join(copy, 'dist/source/cli.js'))).toBe(true);

		const second = start();
		expect(second.status).toBe(0);
		expect(second.stderr).not.toContain('building');
		expect(second.stdout).toContain('Usage: pubsub-tools');

		// An edited source (newer than the last build) is compiled before the start.
		const lastBuild = new Date(Date.now() - 10_000);
		fs.utimesSync(path.join(copy, 'dist/.tsbuildinfo'), lastBuild, lastBuild);
		fs.utimesSync(path.join(copy, 'source/commands/monitor.ts'), new Date(), new Date());
		const third = start();
		expect(third.status).toBe(0);
		expect(third.stderr).toContain('building dist/');
		expect(start().stderr).not.toContain('building');
	}, limit(400_000));
});
