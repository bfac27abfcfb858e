// Child servers for development and tests: they die with the process that started them, even on a crash.
import {spawn, spawnSync} from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import {pathToFileURL} from 'node:url';

/** A local server that tests can stop for good, or take down and bring back on the same ports and data. */
export type RestartableServer = {
	/** Temp dir with its data and log. */
	dir: string;
	/** Stop it and delete its temp dir. */
	stop(): Promise<void>;
	/** Stop it but keep its data, for restart tests. */
	down(): Promise<void>;
	/** Start it again on the same ports and data; resolves once clients can connect. */
	up(): Promise<void>;
};

/**
 * Start a server with `up` and give it the RestartableServer shape; when it does not come up, whatever started is
 * stopped and its temp dir removed before the error is passed on.
 */
export async function startRestartable(dir: string, up: () => Promise<void>, down: () => Promise<void>): Promise<RestartableServer> {
	try {
		await up();
	} catch (error) {
		await down();
		fs.rmSync(dir, {recursive: true, force: true});
		throw error;
	}

	return {
		dir,
		up,
		down,
		async stop() {
			await down();
			fs.rmSync(dir, {recursive: true, force: true});
		},
	};
}

/** A server process we started. */
export type LocalProcess = {
	/** Process id of the server itself. */
	pid: number;
	/** Resolves with the exit code (null when killed by a signal) once the server has exited. */
	exited: Promise<number | null>;
	/** SIGTERM, then SIGKILL if it is still running after `graceMs`; resolves once it has exited. */
	stop(graceMs?: number): Promise<void>;
};

// The server runs under a small shell that holds our end of a pipe: when we exit for any reason (even SIGKILL)
// the pipe closes and the shell terminates the server, so no JVM or redis-server outlives a crashed test run. The
// shell ignores SIGINT: a Ctrl-C reaches the whole process group, and a shell that died of it would report the
// server gone while the server was still shutting down (we stop it with SIGTERM, through the pipe).
const guard = [
	"trap '' INT",
	'exec 3<&0',
	'"$@" </dev/null 3<&- >>"$GUARD_LOG" 2>&1 &',
	'server=$!',
	'echo "$server"',
	'( read -r _ <&3; kill -TERM "$server" 2>/dev/null ) &',
	'watcher=$!',
	'wait "$server"',
	'status=$?',
	'kill "$watcher" 2>/dev/null',
	'exit "$status"',
].join('\n');

/** Start `command args…` with its output appended to `logFile`, tied to our lifetime. */
export async function spawnLocal(command: string, args: string[], options: {logFile: string; cwd?: string}): Promise<LocalProcess> {
	const shell = spawn('sh', ['-c', guard, 'guard', command, ...args], {
		cwd: options.cwd,
		env: {...process.env, GUARD_LOG: options.logFile},
		stdio: ['pipe', 'pipe', 'inherit'],
	});
	const exited = new Promise<number | null>(resolve => {
		shell.once('exit', code => {
			resolve(code);
		});
	});
	const pid = await new Promise<number>((resolve, reject) => {
		let text = '';
		shell.stdout.on('data', (chunk: Buffer) => {
			text += chunk.toString('utf8');
			if (text.includes('\n')) resolve(Number(text.trim()));
		});
		shell.once('error', reject);
		void exited.then(() => {
			reject(new Error(`${command} did not start`));
		});
	});
	return {
		pid,
		exited,
		async stop(graceMs = 20_000) {
			shell.stdin.end();
			let timer: NodeJS.Timeout | undefined;
			const done = await Promise.race([exited.then(() => true), new Promise<boolean>(resolve => {
				timer = setTimeout(resolve, graceMs, false);
			})]);
			clearTimeout(timer);
			if (!done) {
				try {
					process.kill(pid, 'SIGKILL');
				} catch {
					// Already gone.
				}

				await exited;
			}
		},
	};
}

/** A TCP port on 127.0.0.1 that nothing listens on right now. */
export async function freePort(): Promise<number> {
	for (let attempt = 0; attempt < 100; attempt++) {
		const port = firstPort + Math.floor(Math.random() * (lastPort - firstPort + 1));
		if (await listenPort(port) !== undefined) return port;
	}

	return (await listenPort(0))!;
}

/**
 * Where free ports are looked for: below the ephemeral ranges (Linux 32768–60999, macOS 49152–65535), from which the
 * system gives every outgoing connection its port. A port taken from there (listen on 0) was free when checked, but
 * another process's connection could take it before the server bound it (a test cluster's node failed so: "bind:
 * Address already in use").
 */
const firstPort = 20_000;
const lastPort = 32_767;

/** Listen on 127.0.0.1:`port` (0: any) and let go: the port listened on, or undefined when it was taken. */
async function listenPort(port: number): Promise<number | undefined> {
	return new Promise(resolve => {
		const server = net.createServer();
		server.once('error', () => {
			resolve(undefined);
		});
		server.listen(port, '127.0.0.1', () => {
			const {port: listened} = server.address() as net.AddressInfo;
			server.close(() => {
				resolve(listened);
			});
		});
	});
}

/** Whether something accepts TCP connections on 127.0.0.1:port. */
export async function portOpen(port: number): Promise<boolean> {
	return new Promise(resolve => {
		const socket = net.connect({host: '127.0.0.1', port});
		socket.setTimeout(1000);
		const done = (open: boolean) => {
			socket.destroy();
			resolve(open);
		};

		socket.once('connect', () => {
			done(true);
		});
		socket.once('error', () => {
			done(false);
		});
		socket.once('timeout', () => {
			done(false);
		});
	});
}

/** Poll `ready` every `intervalMs` until it is true; throws when `failed` names a reason or time runs out. */
export async function waitUntil(
	ready: () => Promise<boolean>,
	options: {timeoutMs: number; intervalMs?: number; what: string; failed?: () => string | undefined},
): Promise<void> {
	const deadline = Date.now() + options.timeoutMs;
	for (;;) {
		const reason = options.failed?.();
		if (reason) throw new Error(`${options.what} failed: ${reason}`);
		if (await ready()) return;
		if (Date.now() > deadline) throw new Error(`${options.what} not ready after ${Math.round(options.timeoutMs / 1000)} s`);
		await new Promise(resolve => setTimeout(resolve, options.intervalMs ?? 250));
	}
}

/** The last `lines` lines of a log file, for error messages. */
export function tailOf(file: string, lines = 15): string {
	try {
		return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
	} catch {
		return '(no log)';
	}
}

/** Undefined when `command args` runs, else why not (missing binary or failure). */
export function commandProblem(command: string, args: string[]): string | undefined {
	const result = spawnSync(command, args, {encoding: 'utf8', timeout: 30_000});
	if (result.error) {
		return (result.error as NodeJS.ErrnoException).code === 'ENOENT' ? `${command} is not installed (not on PATH)` : result.error.message;
	}

	return result.status === 0 ? undefined : `${command} ${args.join(' ')} exited with ${String(result.status)}: ${result.stderr.trim()}`;
}

/** Keep a server we started until Ctrl-C or SIGTERM, then stop it and exit. */
export function stopOnSignals(server: RestartableServer, say: () => void = () => undefined): void {
	let stopping = false;
	const stop = async () => {
		if (stopping) return;
		stopping = true;
		say();
		await server.stop();
		process.exit(0);
	};

	process.on('SIGINT', () => void stop());
	process.on('SIGTERM', () => void stop());
}

/** Run a script's `main` when the module at `moduleUrl` is the one node was started with; errors end it with code 1. */
export function runAsScript(moduleUrl: string, name: string, main: () => Promise<void>, usage: string): void {
	if (!process.argv[1] || moduleUrl !== pathToFileURL(path.resolve(process.argv[1])).href) return;
	// These scripts take no arguments (the environment sets them): `--help` must not start a server on the default port.
	const [argument] = process.argv.slice(2);
	if (argument !== undefined) {
		const help = argument === '--help' || argument === '-h';
		(help ? console.log : console.error)(`${help ? '' : `${name}: unexpected argument ${JSON.stringify(argument)}\n`}${usage}`);
		process.exit(help ? 0 : 2);
	}

	main().catch((error: unknown) => {
		console.error(`${name}: ${error instanceof Error ? error.message : String(error)}`);
		process.exit(1);
	});
}
