// Ctrl-C in a terminal signals the whole foreground process group: the script (`npm run kafka`), the small shell that
// guards the server, and the server. The shell died of the SIGINT at once, so the script saw its server "exit" and
// went on while the server was still shutting down: a JVM then wrote its class archive after the script had
// cleaned up, leaving a 50 MB draft in the cache at every first Ctrl-C, and deleted its data directory under it.
import {spawn} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {limit} from '../support/limits.js';

const localProcess = path.resolve('dist/scripts/local-process.js');
let dir: string | undefined;

afterEach(() => {
	if (dir) fs.rmSync(dir, {recursive: true, force: true});
	dir = undefined;
});

describe('a server started with spawnLocal, under a SIGINT to the whole process group', () => {
	it('is seen to exit only once it has exited', async () => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pubsub-local-process-'));
		const done = path.join(dir, 'done');
		const listening = path.join(dir, 'listening');
		// A server that, like the JVM, shuts down on SIGTERM (taking a moment to write something as it goes) and
		// not on SIGINT; it says when its handlers are in place.
		const server = `const fs = require('node:fs'); process.on('SIGINT', () => undefined); process.on('SIGTERM', () => setTimeout(() => { fs.writeFileSync(${JSON.stringify(done)}, 'x'); process.exit(0); }, 300)); fs.writeFileSync(${JSON.stringify(listening)}, 'x'); setInterval(() => undefined, 1000);`;
		const script = [
			`import fs from 'node:fs';`,
			`import {spawnLocal} from ${JSON.stringify(localProcess)};`,
			`const server = await spawnLocal(process.execPath, ['-e', ${JSON.stringify(server)}], {logFile: ${JSON.stringify(path.join(dir, 'log'))}});`,
			`process.on('SIGINT', async () => { await server.stop(20000); console.log('stopped; server finished: ' + fs.existsSync(${JSON.stringify(done)})); process.exit(0); });`,
			`console.log('ready');`,
		].join('\n');
		const child = spawn(process.execPath, ['--input-type=module', '-e', script], {detached: true, stdio: ['ignore', 'pipe', 'inherit']});
		let output = '';
		child.stdout.on('data', (chunk: Buffer) => {
			output += chunk.toString('utf8');
		});
		const exited = new Promise<void>(resolve => child.once('exit', () => {
			resolve();
		}));
		const deadline = Date.now() + limit(20_000);
		while (!(output.includes('ready') && fs.existsSync(listening)) && Date.now() < deadline) await new Promise(resolve => setTimeout(resolve, 20));
		expect(fs.existsSync(listening)).toBe(true);
		process.kill(-child.pid!, 'SIGINT');
		await exited;
		expect(output).toContain('stopped; server finished: true');
	}, limit(40_000));
});
