// A headless run whose broker goes away and has not come back when it ends must not look like a quiet system: it
// names the source on stderr and exits 1, with what it read before. A selection that matched nothing while a
// --duration lasted is said too, however short the duration.
import {Redis} from 'ioredis';
import {describe, expect, it} from 'vitest';
import {runCli, startCli} from '../support/cli.js';
import {redisSkipReason, useDedicatedRedis} from '../support/redis.js';
import {useTempDir} from '../support/temp-dir.js';
import {uniqueName} from './reader.js';
import {backstopDuration, limit} from '../support/limits.js';

const temp = useTempDir('pubsub-lost-broker-');

describe.skipIf(redisSkipReason({dedicated: true}))('a broker lost during a headless run', () => {
	const redis = useDedicatedRedis();

	it('is named on stderr with exit 1 when it is still gone at the end, and the events read before are counted', async () => {
		const stream = uniqueName('it:lost');
		const writer = new Redis(redis.server.url);
		for (let n = 0; n < 20; n++) await writer.xadd(stream, '*', 'data', JSON.stringify({eventType: 'Ping', n}));
		writer.disconnect();
		const url = `${redis.server.url}?streams=${stream}`;
		// The broker must go while the run lasts: its --duration is scaled (a loaded machine starts the CLI slowly), and
		// a run that ended before the broker went fails here rather than pass as a quiet one.
		const running = startCli(['metrics', '--source', url, '--from', 'earliest', '--duration', backstopDuration(10), '--json'], {cwd: temp.path});
		let ended = false;
		void running.exited.then(() => {
			ended = true;
		});
		await expect.poll(async () => {
			const probe = new Redis(redis.server.url);
			try {
				// The monitor has read everything once its XREAD blocks: the server then lists it as a blocked client.
				return Number(/blocked_clients:(\d+)/.exec(await probe.info('clients'))?.[1]);
			} finally {
				probe.disconnect();
			}
		}, {timeout: limit(15_000)}).toBeGreaterThan(0);
		await redis.server.down();
		expect(ended, 'the run ended before the broker went').toBe(false);
		const result = await running.exited;
		expect(result.code).toBe(1);
		expect(result.stderr).toMatch(new RegExp(`^pubsub-tools: ${url.replaceAll(/[.?*]/g, '\\$&')}: connection lost and not back when the run ended \\(what came after was never read\\): `, 'm'));
		expect(JSON.parse(result.stdout)).toMatchObject({events: 20});
		await redis.server.up();
	}, limit(60_000));

	it('warns, at the end of a --duration shorter than the connect timeout, that the selection matched nothing', async () => {
		const result = await runCli(['metrics', '--source', `${redis.server.url}?streams=${uniqueName('it:none')}.*`, '--duration', backstopDuration(2)], {cwd: temp.path});
		expect(result.code).toBe(0);
		expect(result.stderr).toMatch(/^pubsub-tools: warning: .*: no stream matches the selection yet; nothing matched while the run lasted$/m);
	}, limit(60_000));
});
