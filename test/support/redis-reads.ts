// What a live run has read from Redis, seen on the server: a test ends the run once the CLI has had every entry it
// must count, instead of giving it a --duration that a loaded machine may not finish its reading in.
import type {Redis} from 'ioredis';
import {stoppedEarly} from '../../source/commands/support/headless.js';
import {counted} from '../../source/core/units/format.js';
import {startCli, type CliResult} from './cli.js';
import {backstopDuration} from './limits.js';

/** Whether entry id `id` is `last` or after it (ids compared as [ms, seq]). */
function atOrAfter(id: string, last: string): boolean {
	const [ms, seq = '0'] = id.split('-').map(BigInt);
	const [lastMs, lastSeq = '0'] = last.split('-').map(BigInt);
	return ms! > lastMs! || (ms === lastMs && seq >= lastSeq);
}

/** A MONITOR connection's view of the XREADs clients send, and of any other command a test waits for. */
export type ReadWatch = {
	/**
	 * Resolves once `readers` clients (one unless told) each asked each stream of `lastIds` for the entries after that
	 * id or a later one: they had them all.
	 */
	readPast(lastIds: Record<string, string>, readers?: number): Promise<void>;
	/** Resolves once some client sends (from now on) a command whose arguments (name first) satisfy `holds`. */
	sent(holds: (args: string[]) => boolean): Promise<void>;
	stop(): void;
};

/**
 * Watch the commands `server` receives on a MONITOR connection of its own, open when this resolves (so a run started
 * after it is seen from its first command). A reader sends its next XREAD from the ids of the entries it was handed.
 */
export async function watchReads(server: Redis): Promise<ReadWatch> {
	const monitor = server.duplicate({monitor: true, lazyConnect: true});
	// Per stream, per client (its address), the furthest id its XREADs asked after.
	const asked = new Map<string, Map<string, string>>();
	const waiters = new Set<(args?: string[]) => void>();
	let failure: Error | undefined;
	let watching = false;
	const monitoring = new Promise<void>((resolve, reject) => {
		monitor.once('monitoring', () => {
			watching = true;
			resolve();
		});
		monitor.on('error', (error: Error) => {
			// ioredis takes a monitor line that comes in the same read as MONITOR's OK for the reply to no command, and
			// drops it (a busy server): a command sent before the watch started, not one watched for.
			if (!watching && error.message.startsWith('Command queue state error')) return;
			failure = error;
			reject(error);
			for (const waiter of waiters) waiter();
		});
	});
	monitor.on('monitor', (_time: string, args: string[], client: string) => {
		const at = args.findIndex(arg => arg.toUpperCase() === 'STREAMS');
		if (args[0]?.toUpperCase() === 'XREAD' && at > 0) {
			const named = args.slice(at + 1);
			const half = named.length / 2;
			for (let i = 0; i < half; i++) {
				const [stream, id] = [named[i]!, named[half + i]!];
				const byClient = asked.get(stream) ?? new Map<string, string>();
				const before = byClient.get(client);
				if (/^\d+(-\d+)?$/.test(id) && (before === undefined || atOrAfter(id, before))) asked.set(stream, byClient.set(client, id));
			}
		}

		for (const waiter of waiters) waiter(args);
	});
	await monitor.connect();
	await monitoring;
	// Resolves at the first command (from now on) for which `done` holds, or at once if it holds already.
	const until = async (done: (args?: string[]) => boolean) => new Promise<void>((resolve, reject) => {
		const check = (args?: string[]) => {
			if (failure) reject(failure);
			else if (!done(args)) return;
			waiters.delete(check);
			resolve();
		};

		waiters.add(check);
		check();
	});
	return {
		readPast: async (lastIds, readers = 1) => until(() => Object.entries(lastIds).every(([stream, last]) => (
			[...asked.get(stream)?.values() ?? []].filter(id => atOrAfter(id, last)).length >= readers
		))),
		sent: async holds => until(args => args !== undefined && holds(args)),
		stop: () => monitor.disconnect(),
	};
}

/**
 * Run `pubsub-tools ...args` (a live run on `server`) until it has read each stream of `lastIds` past that entry id
 * (with `readers`, on that many connections: one a source), then stop it with Ctrl-C; resolves when it exits. A `--duration` of 100 s (scaled) is only the backstop: a run it
 * ends has missed entries, and the answer says so. Ctrl-C says on stderr what the answer covers (stoppedByCtrlC).
 */
export async function runCliUntilRead(server: Redis, lastIds: Record<string, string>, args: string[], options: {cwd?: string; env?: Record<string, string>; readers?: number} = {}): Promise<CliResult> {
	const {readers, ...where} = options;
	const watch = await watchReads(server);
	const running = startCli([...args, '--duration', backstopDuration(100)], where);
	try {
		await Promise.race([watch.readPast(lastIds, readers), running.exited]);
		running.child.kill('SIGINT');
	} finally {
		watch.stop();
	}

	return running.exited;
}

/** What a headless command stopped by Ctrl-C after reading `events` events says on stderr (headless.ts). */
export function stoppedByCtrlC(events: number): string {
	return `pubsub-tools: ${stoppedEarly}: the answer covers the ${counted(events, 'event')} read\n`;
}
