// Run the built CLI as a user would: a subprocess with arguments and optional standard input.
import {spawn, type ChildProcessWithoutNullStreams} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {setTimeout as delay} from 'node:timers/promises';
import {limit} from './limits.js';

/** The built CLI. */
export const cli = path.resolve(import.meta.dirname, '../../dist/source/cli.js');

/** What the process printed and how it ended. */
export type CliResult = {code: number | null; stdout: string; stderr: string};

/** A running CLI: its standard input stays open until the test ends it. */
export type RunningCli = {
	child: ChildProcessWithoutNullStreams;
	/** Resolves once standard output contains `text`. */
	waitForOutput(text: string): Promise<void>;
	/** Resolves when the process exits. */
	exited: Promise<CliResult>;
	/** What it printed so far. */
	printed(): {stdout: string; stderr: string};
};

/** Start `pubsub-tools ...args` and leave its standard input open. */
export function startCli(args: string[], options: {env?: Record<string, string>; cwd?: string} = {}): RunningCli {
	const child = spawn(process.execPath, [cli, ...args], {
		cwd: options.cwd,
		env: {...process.env, XDG_STATE_HOME: path.join(options.cwd ?? process.cwd(), '.state-for-tests'), ...options.env},
		stdio: ['pipe', 'pipe', 'pipe'],
	});
	const out: Buffer[] = [];
	const err: Buffer[] = [];
	child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
	child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
	const exited = new Promise<CliResult>((resolve, reject) => {
		child.on('error', reject);
		child.on('close', code => {
			resolve({code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8')});
		});
	});
	const waitForOutput = async (text: string) => new Promise<void>((resolve, reject) => {
		const check = () => {
			if (!Buffer.concat(out).toString('utf8').includes(text)) return;
			child.stdout.off('data', check);
			resolve();
		};

		child.stdout.on('data', check);
		void exited.then(result => {
			reject(new Error(`the CLI exited (${result.code}) before printing "${text}":\n${result.stdout}${result.stderr}`));
		});
		check();
	});
	const printed = () => ({stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8')});
	return {child, waitForOutput, exited, printed};
}

/** Run `pubsub-tools ...args`, feeding `stdin` when given; resolves when it exits. */
export async function runCli(args: string[], options: {stdin?: string | Buffer; env?: Record<string, string>; cwd?: string} = {}): Promise<CliResult> {
	const running = startCli(args, options);
	running.child.stdin.end(options.stdin ?? '');
	return running.exited;
}

/** The main thread's state letter and CPU ticks (user + system) of a Linux process, from /proc/PID/stat. */
function mainThreadStat(pid: number): {state: string; ticks: number} {
	// The command name in parentheses may hold spaces: the fields after it are counted from its closing parenthesis.
	const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	return {state: fields[0]!, ticks: Number(fields[11]) + Number(fields[12])};
}

/**
 * Resolves once `child` has started and waits for input: its main thread asleep with no CPU time spent for `quietMs`
 * (a fixed wait from the spawn is too short on a loaded machine, where loading the CLI alone can take seconds).
 */
export async function waitUntilIdle(child: ChildProcessWithoutNullStreams, quietMs = 500, timeoutMs = limit(60_000)): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	let last = mainThreadStat(child.pid!);
	let quietSince = Date.now();
	while (Date.now() < deadline) {
		await delay(50);
		const now = mainThreadStat(child.pid!);
		if (now.ticks !== last.ticks || now.state !== 'S') quietSince = Date.now();
		else if (Date.now() - quietSince >= quietMs) return;
		last = now;
	}

	throw new Error(`the CLI (pid ${child.pid}) did not settle within ${timeoutMs} ms`);
}

/** The /metrics URL a CLI run with `--metrics-port` says on stderr; rejects if it exits first. */
export async function metricsUrl(running: RunningCli): Promise<string> {
	let text = '';
	return new Promise((resolve, reject) => {
		running.child.stderr.on('data', (chunk: Buffer) => {
			text += chunk.toString('utf8');
			const found = /Prometheus metrics at (http:\/\/\S+)/.exec(text);
			if (found) resolve(found[1]!);
		});
		void running.exited.then(result => reject(new Error(`exited ${result.code} first: ${result.stderr}`)));
	});
}
