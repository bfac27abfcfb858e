// A command in a pseudo-terminal of a fixed size (util-linux `script`): write keys to it, wait for text on its screen.
import {spawn, spawnSync} from 'node:child_process';
import {performance} from 'node:perf_hooks';
import {StringDecoder} from 'node:string_decoder';

/** CSI, OSC and two-byte escape sequences: what is left is the text the terminal shows. */
const escapes = /\u001B(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001B]*(?:\u0007|\u001B\\)|[@-Z\\-_]|[ -/][0-~])/g;
/** How much recent output a wait looks at: more than a 100×30 frame with its colours. */
const windowChars = 32 * 1024;

/** When the output matched (epoch ms) and the recent output's text, `index` being where the match starts in it. */
export type Seen = {at: number; text: string; index: number};

/** A running pseudo-terminal. */
export type Pty = {
	/** Type `data`; returns when it was written (epoch ms). */
	write(data: string): number;
	/** Resolves when output arriving from now on matches `pattern`, with the time that output arrived. */
	waitFor(pattern: RegExp, timeoutMs: number): Promise<Seen>;
	/** Resolves with the exit code once the command (and `script`) ended. */
	exited: Promise<number | null>;
	/** End `script` and with it the command (its terminal hangs up). */
	kill(): void;
};

/** Epoch time in ms with sub-millisecond resolution, comparable across processes. */
const epochNow = () => performance.timeOrigin + performance.now();

/** Why no pseudo-terminal can be opened here, or undefined when `script` (util-linux) is available. */
export function ptyProblem(): string | undefined {
	return spawnSync('script', ['--version']).error ? 'util-linux `script` is missing' : undefined;
}

const quote = (word: string) => `'${word.replaceAll('\'', '\'\\\'\'')}'`;

type Waiter = {pattern: RegExp; raw: string; resolve(seen: Seen): void; fail(error: Error): void};

/** Start `argv` in a `columns`×`rows` pseudo-terminal with exactly the environment `env`. */
export function openPty(argv: string[], size: {columns: number; rows: number}, env: NodeJS.ProcessEnv): Pty {
	const command = `stty rows ${size.rows} cols ${size.columns}; exec ${argv.map(quote).join(' ')}`;
	const child = spawn('script', ['-qfec', command, '/dev/null'], {env, stdio: ['pipe', 'pipe', 'ignore']});
	const decoder = new StringDecoder('utf8');
	const waiters = new Set<Waiter>();
	let last = '';
	child.stdout.on('data', (chunk: Buffer) => {
		const at = epochNow();
		const data = decoder.write(chunk);
		last = (last + data).slice(-windowChars);
		for (const waiter of waiters) {
			// Escape sequences may be split across chunks, so the recent output is stripped as a whole each time.
			waiter.raw = (waiter.raw + data).slice(-windowChars);
			const text = waiter.raw.replace(escapes, '');
			const index = text.search(waiter.pattern);
			if (index >= 0) {
				waiters.delete(waiter);
				waiter.resolve({at, text, index});
			}
		}
	});
	const exited = new Promise<number | null>(resolve => {
		child.on('close', code => {
			// Nothing more can arrive: pending waits end now instead of at their timeouts.
			for (const waiter of waiters) waiter.fail(new Error(`the command exited (${code}) before ${waiter.pattern} appeared`));
			waiters.clear();
			resolve(code);
		});
	});
	return {
		write(data) {
			const at = epochNow();
			child.stdin.write(data);
			return at;
		},
		async waitFor(pattern, timeoutMs) {
			return new Promise<Seen>((resolve, reject) => {
				const waiter: Waiter = {
					pattern,
					raw: '',
					resolve(seen) {
						clearTimeout(timer);
						resolve(seen);
					},
					fail(error) {
						clearTimeout(timer);
						reject(error);
					},
				};
				const timer = setTimeout(() => {
					waiters.delete(waiter);
					reject(new Error(`no ${pattern} on the screen within ${timeoutMs} ms; last output:\n${last.replace(escapes, '').slice(-3000)}`));
				}, timeoutMs);
				waiters.add(waiter);
			});
		},
		exited,
		kill() {
			child.kill('SIGTERM');
		},
	};
}
