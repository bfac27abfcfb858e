// The tests' global setup compiles dist/ only when it is stale (scripts/build-if-stale.mjs): a dist/ put in place
// after the sources (one side of an A/B comparison, built from other sources) is tested as it is, and an edited source
// is compiled. Run as vitest itself, on a copy of the project, so the real dist/ is never touched.
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {limit} from '../support/limits.js';

const root = path.resolve(import.meta.dirname, '../..');
let copy: string;

/** `vitest run` in the copy, on a test that only needs the CLI built; no broker is started (both named, unused). */
const runTests = () => spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', 'test/built.test.ts'], {
	cwd: copy, encoding: 'utf8', timeout: limit(300_000), env: {...process.env, KAFKA_BOOTSTRAP: '127.0.0.1:9', REDIS_URL: 'redis://127.0.0.1:9'},
});

/** The compiled CLI of the copy. */
const builtCli = () => fs.readFileSync(path.join(copy, 'dist/source/cli.js'), 'utf8');

beforeAll(() => {
	copy = fs.mkdtempSync(path.join(os.tmpdir(), 'pubsub-test-setup-'));
	for (const entry of ['source', 'plugins', 'bench', 'scripts', 'tsconfig.json', 'package.json', 'vitest.config.ts', 'test/global-setup.ts', 'test/support']) {
		fs.cpSync(path.join(root, entry), path.join(copy, entry), {recursive: true});
	}

	fs.writeFileSync(path.join(copy, 'test/built.test.ts'), `import fs from 'node:fs';\nimport {expect, it} from 'vitest';\nit('has a CLI', () => {\n\texpect(fs.existsSync('dist/source/cli.js')).toBe(true);\n});\n`);
	fs.symlinkSync(path.join(root, 'node_modules'), path.join(copy, 'node_modules'));
});

afterAll(() => {
	fs.rmSync(copy, {recursive: true, force: true});
});

describe('the tests\' global setup', () => {
	it('keeps a dist/ newer than the sources, built from others, and compiles one older than a source', () => {
		// Side A's sources; side B's build (the real one) copied in after them.
		fs.appendFileSync(path.join(copy, 'source/cli.tsx'), 'void \'side A\';\n');
		fs.cpSync(path.join(root, 'dist'), path.join(copy, 'dist'), {recursive: true});
		const kept = runTests();
		expect(kept.status, kept.stdout + kept.stderr).toBe(0);
		expect(kept.stdout + kept.stderr).not.toContain('building dist/');
		expect(builtCli()).not.toContain('side A');

		// A source edited since: compiled before the tests run.
		fs.appendFileSync(path.join(copy, 'source/cli.tsx'), 'void \'edited\';\n');
		const built = runTests();
		expect(built.status, built.stdout + built.stderr).toBe(0);
		expect(built.stderr).toContain('test setup: building dist/');
		expect(builtCli()).toContain('edited');
	}, limit(600_000));
});
