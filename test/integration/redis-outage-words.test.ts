// What a run says about a Redis outage, on a server of the test's own: a server that cannot be reached is said in
// our words (code and address first, what to check; ioredis says `connect ECONNREFUSED 127.0.0.1:6379`), its
// password never; the line that says reading stopped promises nothing of how it goes on; and a server back without
// the stream read, from an older snapshot, or with the stream trimmed past where reading stopped, is not said to be
// read "from where it stopped", on stderr as in the headless JSON's outages.
import {Redis} from 'ioredis';
import {describe, expect, it, vi} from 'vitest';
import {freePort} from '../../scripts/local-process.js';
import {runCli, startCli, type RunningCli} from '../support/cli.js';
import {backstopDuration, limit} from '../support/limits.js';
import {redisSkipReason, useDedicatedRedis} from '../support/redis.js';
import {watchReads} from '../support/redis-reads.js';
import {useTempDir} from '../support/temp-dir.js';
import {uniqueName} from './reader.js';

/** `text` as a regular expression that matches it alone. */
const escaped = (text: string) => text.replaceAll(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** formatMs: `6,955 ms`, `12.4 s`, `1m 05s`. */
const took = '(?:[\\d.,]+ m?s|\\d+m \\d\\ds)';

describe.skipIf(redisSkipReason({dedicated: true}))('what a run says about a Redis outage', () => {
	const temp = useTempDir('pubsub-redis-outage-words-');
	// No persistence of its own: a start loads the last SAVE, or nothing.
	const redis = useDedicatedRedis({}, server => new Redis(server.url));

	/** Until `cli` has printed `text` on standard error. */
	const said = async (cli: RunningCli, text: string | RegExp) => {
		await vi.waitFor(() => {
			expect(cli.printed().stderr).toMatch(typeof text === 'string' ? new RegExp(escaped(text)) : text);
		}, {timeout: limit(60_000), interval: 100});
	};

	/** XADD entries at ids `n-1`. */
	const add = async (stream: string, numbers: number[]) => {
		for (const n of numbers) await redis.client.xadd(stream, `${n}-1`, 'n', String(n));
	};

	/** `metrics --json` of `stream` from its start, live, once it has read up to `last`; stopped by the test. */
	const readingAll = async (stream: string, last: string) => {
		const watch = await watchReads(redis.client);
		const cli = startCli(['metrics', '--source', `${redis.server.url}?streams=${stream}`, '--from', 'earliest', '--duration', backstopDuration(60), '--json'], {cwd: temp.path});
		try {
			await Promise.race([watch.readPast({[stream]: last}), cli.exited]);
		} finally {
			watch.stop();
		}

		return cli;
	};

	/** The server stopped until `cli` says reading stopped (a server down: refused, in our words), then started again. */
	const outage = async (cli: RunningCli) => {
		redis.client.disconnect();
		await redis.server.down();
		await said(cli, 'reading stopped (');
		const stopped = cli.printed().stderr.split('\n').find(line => line.includes('reading stopped ('))!;
		// The server's refusal in our words (a second after it went: reconnections are tried every 100 ms to 2 s), and only what is known then.
		expect(stopped).toContain(`: reading stopped (ECONNREFUSED 127.0.0.1:${redis.server.port}: nothing listens at that address: the server is down or restarting): nothing is read meanwhile; how reading goes on is said when it does`);
		expect(stopped).not.toContain('from where it stopped');
		await redis.server.up();
		redis.client = new Redis(redis.server.url);
	};

	/** Stop `cli` (Ctrl-C) and give its JSON's outages. */
	const outagesOf = async (cli: RunningCli) => {
		cli.child.kill('SIGINT');
		const result = await cli.exited;
		expect(result.code, result.stderr).toBe(0);
		return (JSON.parse(result.stdout) as {outages: Array<{resumed?: string}>}).outages;
	};

	it('a server that cannot be reached is said in our words, what to check, and no password', async () => {
		const port = await freePort();
		const result = await runCli(['metrics', '--source', `redis://reader:s3cret-pw@127.0.0.1:${port}?streams=none`, '--duration', '2'], {cwd: temp.path});
		expect(result.code).toBe(1);
		expect(result.stderr).toContain(`ECONNREFUSED 127.0.0.1:${port}: nothing listens at that address: check the host and port in the URL, and that the server is running`);
		expect(result.stderr).not.toContain('connect ECONNREFUSED');
		expect(result.stderr).not.toContain('s3cret-pw');
	}, limit(60_000));

	it('a server back without the stream: reading went on, not from where it stopped, the stream gone', async () => {
		const stream = uniqueName('it:outage-gone');
		await add(stream, [1, 2, 3]);
		const cli = await readingAll(stream, '3-1');
		await outage(cli);
		const gone = `stream ${stream} is gone (deleted, or the server came back without it): read from its start if it is made again`;
		await said(cli, new RegExp(`reading again after ${took}, not from where it stopped: ${escaped(gone)}\\n`));
		expect(cli.printed().stderr).not.toMatch(/from where it stopped\n/);
		expect(await outagesOf(cli)).toMatchObject([{resumed: gone}]);
	}, limit(120_000));

	it('a server back from an older snapshot: reading went on from the stream\'s start, not from where it stopped', async () => {
		const stream = uniqueName('it:outage-restored');
		await add(stream, [1, 2, 3, 4, 5]);
		await redis.client.save();
		await add(stream, [6, 7, 8]);
		const cli = await readingAll(stream, '8-1');
		await outage(cli);
		const wentBack = `ids of stream ${stream} went back from 8-1 to 5-1 (deleted and made again, or the server came back from an older copy?), read again from its start, those already read not counted again`;
		await said(cli, new RegExp(`reading again after ${took}, not from where it stopped: ${escaped(wentBack)}\\n`));
		expect(await outagesOf(cli)).toMatchObject([{resumed: wentBack}]);
	}, limit(120_000));

	it('a stream trimmed past where reading stopped: reading went on, not from where it stopped, the entries deleted unread counted', async () => {
		const stream = uniqueName('it:outage-trimmed');
		// The server comes back with the stream as a producer capping it (MAXLEN 2) left it: given 8 entries, holding 7 and 8.
		await add(stream, [1, 2, 3, 4, 5, 6, 7, 8]);
		await redis.client.xtrim(stream, 'MAXLEN', 2);
		await redis.client.save();
		await redis.client.del(stream);
		await add(stream, [1, 2, 3]);
		const cli = await readingAll(stream, '3-1');
		await outage(cli);
		// 4, 5 and 6 were never read.
		const trimmed = `stream ${stream} was trimmed past where reading stopped (3-1): 3 entries deleted before they were read`;
		await said(cli, new RegExp(`reading again after ${took}, not from where it stopped: ${escaped(trimmed)}\n`));
		expect(await outagesOf(cli)).toMatchObject([{resumed: trimmed}]);
		expect(cli.printed().stderr).toContain(`3 entries of stream ${stream} were deleted (XTRIM, MAXLEN or XDEL) before they were read`);
	}, limit(120_000));

	it('entries after where reading stopped deleted (XDEL): reading went on, not from where it stopped, the deletion said', async () => {
		const stream = uniqueName('it:outage-xdel');
		// The server comes back with the stream given 5 entries, 4 deleted.
		await add(stream, [1, 2, 3, 4, 5]);
		await redis.client.xdel(stream, '4-1');
		await redis.client.save();
		await redis.client.del(stream);
		await add(stream, [1, 2, 3]);
		const cli = await readingAll(stream, '3-1');
		await outage(cli);
		const deleted = `entries of stream ${stream} after 3-1 (up to 4-1) were deleted (XDEL) before they were read`;
		await said(cli, new RegExp(`reading again after ${took}, not from where it stopped: ${escaped(deleted)}\n`));
		expect(await outagesOf(cli)).toMatchObject([{resumed: deleted}]);
	}, limit(120_000));
});
