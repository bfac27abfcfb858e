// Headless commands never load Ink (its import alone takes ~0.3–1.5 s): panes, built-in and bundled plugins',
// are registered with `load` and only loaded when the TUI starts.
import {spawn} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {useTempDir} from '../support/temp-dir.js';

const work = useTempDir('pubsub-headless-startup-');
const root = path.resolve(import.meta.dirname, '../..');

/** The packages a CLI run resolved, through a module-resolution hook. */
async function packagesLoaded(args: string[]): Promise<{code: number | null; packages: Set<string>}> {
	const hooks = path.join(work.path, 'hooks.mjs');
	fs.writeFileSync(hooks, `export async function resolve(specifier, context, next) {
	const resolved = await next(specifier, context);
	const match = /node_modules\\/((?:@[^/]+\\/)?[^/]+)\\//.exec(resolved.url);
	if (match) process.stderr.write('PACKAGE ' + match[1] + '\\n');
	return resolved;
}\n`);
	const register = path.join(work.path, 'register.mjs');
	fs.writeFileSync(register, `import {register} from 'node:module';\nregister(${JSON.stringify(`file://${hooks}`)});\n`);
	const child = spawn(process.execPath, ['--import', register, path.join(root, 'dist/source/cli.js'), ...args], {cwd: root, stdio: ['ignore', 'ignore', 'pipe']});
	let stderr = '';
	child.stderr.on('data', (chunk: Buffer) => {
		stderr += chunk.toString('utf8');
	});
	const code = await new Promise<number | null>(resolve => child.on('close', resolve));
	return {code, packages: new Set([...stderr.matchAll(/^PACKAGE (\S+)$/gm)].map(match => match[1]!))};
}

describe('headless start-up', () => {
	it('loads no Ink, prom-client or broker client (Kafka, Redis) for metrics, alerts and the bundled plugins\' commands', async () => {
		for (const args of [['metrics', 'recordings/fraud.jsonl', '--json'], ['alerts', 'recordings/fraud.jsonl', '--json'], ['plugins']]) {
			const {code, packages} = await packagesLoaded(args);
			expect(code, args.join(' ')).toBe(0);
			expect(packages.has('lmdb') || args[0] === 'plugins', args.join(' ')).toBe(true);
			expect([...packages].filter(name => /^(ink|@alcalzone\/ink-table|yoga-layout|prom-client|kafkajs|@platformatic\/kafka|ioredis)$/.test(name)), args.join(' ')).toEqual([]);
		}
	});
});
