// A headless run on a live Redis whose connections are cut for less than a second while the stream read changes: how
// reading went on, not from where it stopped, is said on stderr when it happens, once, in the words of the line that
// ends an outage. Before, a break too short to be said as an outage said its finding only when the run ended (an
// on-call engineer tailing `record`'s stderr saw nothing), and a finding said word for word then was said twice when
// the outage's own line had said it. The CLI as a subprocess on a server of the test's own.
import {Redis} from 'ioredis';
import {describe, expect, it, vi} from 'vitest';
import {startCli, type RunningCli} from '../support/cli.js';
import {backstopDuration, limit} from '../support/limits.js';
import {redisSkipReason, useDedicatedRedis} from '../support/redis.js';
import {useTempDir} from '../support/temp-dir.js';
import {uniqueName} from './reader.js';

/** `text` as a regular expression that matches it alone. */
const escaped = (text: string) => text.replaceAll(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** formatMs: `6,955 ms`, `12.4 s`, `1m 05s`. */
const took = '(?:[\\d.,]+ m?s|\\d+m \\d\\ds)';

/** How many times `text` occurs in `whole`. */
const times = (whole: string, text: string) => whole.split(text).length - 1;

describe.skipIf(redisSkipReason({dedicated: true}))('a short break on a live Redis, said when it happens', () => {
	const temp = useTempDir('pubsub-short-break-');
	const redis = useDedicatedRedis({}, server => new Redis(server.url));

	/** `record -o -` of `stream` from its start, once it has recorded the entry numbered `last`; stopped by the test. */
	const recording = async (stream: string, last: number) => {
		const cli = startCli(['record', '--source', `${redis.server.url}?streams=${stream}`, '--from', 'earliest', '--duration', backstopDuration(60), '-o', '-'], {cwd: temp.path});
		await cli.waitForOutput(`"n":"${last}"`);
		return cli;
	};

	/**
	 * In one MULTI, so that no look of the source sees the stream changed before its connections are cut: `change`,
	 * then every client's connection cut (the source finds the change as it reads again, about 100 ms later).
	 */
	const cutWhile = async (change: (multi: ReturnType<Redis['multi']>) => void) => {
		const multi = redis.client.multi();
		change(multi);
		await multi.client('KILL', 'TYPE', 'normal', 'SKIPME', 'yes').exec();
	};

	/** Until `cli`, still running, has printed a line matching `line` on stderr; that line. */
	const saidLive = async (cli: RunningCli, line: RegExp) => {
		await vi.waitFor(() => {
			expect(cli.printed().stderr).toMatch(line);
		}, {timeout: limit(30_000), interval: 100});
		expect(cli.child.exitCode).toBeNull();
		return cli.printed().stderr.split('\n').find(said => line.test(said))!;
	};

	/** Stop `cli` (Ctrl-C): its stderr. */
	const stop = async (cli: RunningCli) => {
		cli.child.kill('SIGINT');
		const result = await cli.exited;
		expect(result.code, result.stderr).toBe(0);
		return result.stderr;
	};

	it('a stream made again with lower ids: said at once, before the run ends, once', async () => {
		const stream = uniqueName('it:short-break-remade');
		for (const n of [101, 102, 103]) await redis.client.xadd(stream, `${n}-1`, 'n', String(n));
		const cli = await recording(stream, 103);
		await cutWhile(multi => multi.del(stream).xadd(stream, '1-1', 'n', '1'));
		// Wakes the read sent again on the new connection (an id past where it read: it answers at once).
		await redis.client.xadd(stream, '*', 'n', 'wake');
		const wentBack = `ids of stream ${stream} went back from 103-1 to `;
		// A break under a second, or (on a loaded machine) an outage said: the same words either way.
		const line = await saidLive(cli, new RegExp(`: reading again after (?:a short break|${took}), not from where it stopped: ${escaped(wentBack)}\\S+ \\(deleted and made again, or the server came back from an older copy\\?\\), read again from its start, those already read not counted again$`, 'm'));
		expect(line).toMatch(new RegExp(`^pubsub-tools: warning: ${escaped(redis.server.url)}\\?streams=${escaped(stream)}: reading again after `));
		await cli.waitForOutput('"n":"wake"');
		const stderr = await stop(cli);
		expect(times(stderr, 'not from where it stopped: ')).toBe(1);
		// The end of the run says it again with what the store counted (the entries gone, those read again): not a repeat.
		expect(stderr).toMatch(new RegExp(`: ${escaped(wentBack)}\\S+ \\(deleted and made again, or the server restored from an older copy\\?\\).*: .*gone from it; .*read again from its start`));
	}, limit(120_000));

	it('entries deleted after where reading stopped (XDEL): said at once, and not said again word for word at the end', async () => {
		const stream = uniqueName('it:short-break-xdel');
		for (const n of [1, 2, 3]) await redis.client.xadd(stream, `${n}-1`, 'n', String(n));
		const cli = await recording(stream, 3);
		await cutWhile(multi => multi.del(stream).xadd(stream, '1-1', 'n', '1').xadd(stream, '2-1', 'n', '2').xadd(stream, '3-1', 'n', '3')
			.xadd(stream, '4-1', 'n', '4').xadd(stream, '5-1', 'n', '5').xdel(stream, '4-1'));
		const deleted = `entries of stream ${stream} after 3-1 (up to 4-1) were deleted (XDEL) before they were read`;
		await saidLive(cli, new RegExp(`: reading again after (?:a short break|${took}), not from where it stopped: ${escaped(deleted)}$`, 'm'));
		await cli.waitForOutput('"n":"5"');
		const stderr = await stop(cli);
		expect(times(stderr, deleted), stderr).toBe(1);
		// The running total of entries deleted unread says more (a count): said at the end, of one entry as one.
		expect(stderr).toContain(`: 1 entry of stream ${stream} was deleted (XTRIM, MAXLEN or XDEL) before it was read\n`);
	}, limit(120_000));
});
