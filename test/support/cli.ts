// Run the built CLI as a user would: a subprocess with arguments and optional standard input.
import {spawn} from 'node:child_process';
import path from 'node:path';

const cli = path.resolve(import.meta.dirname, '../../dist/source/cli.js');

/** What the process printed and how it ended. */
export type CliResult = {code: number | null; stdout: string; stderr: string};

/** Run `pubsub-tools ...args`, feeding `stdin` when given; resolves when it exits. */
export async function runCli(args: string[], options: {stdin?: string | Buffer; env?: Record<string, string>; cwd?: string} = {}): Promise<CliResult> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [cli, ...args], {
			cwd: options.cwd,
			env: {...process.env, XDG_STATE_HOME: path.join(options.cwd ?? process.cwd(), '.state-for-tests'), ...options.env},
			stdio: ['pipe', 'pipe', 'pipe'],
		});
		const out: Buffer[] = [];
		const err: Buffer[] = [];
		child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
		child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
		child.on('error', reject);
		child.on('close', code => {
			resolve({code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8')});
		});
		child.stdin.end(options.stdin ?? '');
	});
}
