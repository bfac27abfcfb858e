// `monitor --headless --metrics-port` on a live Redis stream: an application group's lag (entries not yet delivered
// to it) and its pending entries (delivered, not acknowledged) reach /metrics as two figures, as XINFO GROUPS has them;
// a stream with more groups than the bound gives the series of the first 20 by name, and says so.
import {describe, expect, it, vi} from 'vitest';
import {metricsUrl, startCli} from '../support/cli.js';
import {useTempDir} from '../support/temp-dir.js';
import {redisSkipReason, useRedis} from '../support/redis.js';
import {uniqueName} from '../support/unique-name.js';
import {limit} from '../support/limits.js';
import {parsePrometheusText, promValue} from '../support/prometheus-text.js';

const temp = useTempDir('pubsub-metrics-redis-lag-');

describe.skipIf(redisSkipReason())('monitor --headless --metrics-port on Redis', () => {
	const redis = useRedis();

	it('exports an application group\'s lag and its pending entries apart', async () => {
		const stream = uniqueName('it-metrics-lag');
		const group = uniqueName('it-metrics-app');
		for (let index = 0; index < 25; index++) await redis.client.xadd(stream, '*', 'data', JSON.stringify({type: 'Ping', orderId: `ORD-${index}`}));
		// An application that was delivered 5 entries and acknowledged 2: lag 20, pending 3.
		await redis.client.xgroup('CREATE', stream, group, '0');
		const delivered = await redis.client.xreadgroup('GROUP', group, 'worker', 'COUNT', 5, 'STREAMS', stream, '>') as Array<[string, Array<[string, string[]]>]>;
		await redis.client.xack(stream, group, ...delivered[0]![1].slice(0, 2).map(([id]) => id));
		const url = new URL(redis.url);
		url.searchParams.set('streams', stream);
		const cli = startCli(['monitor', '--source', url.toString(), '--from', 'earliest', '--headless', '--metrics-port', '0', '--ephemeral'], {cwd: temp.path});
		try {
			const endpoint = await metricsUrl(cli);
			const families = await vi.waitFor(async () => {
				const parsed = parsePrometheusText(await (await fetch(endpoint)).text());
				expect(promValue(parsed, 'pubsub_tools_topic_events_total', {topic: stream})).toBe(25);
				expect(parsed.find(family => family.name === 'pubsub_tools_consumer_lag')?.samples.length).toBe(1);
				return parsed;
			}, {timeout: limit(60_000), interval: 500});
			const lag = families.find(family => family.name === 'pubsub_tools_consumer_lag')!.samples[0]!;
			expect(lag.labels).toMatchObject({group, topic: stream});
			expect(lag.value).toBe(20);
			expect(promValue(families, 'pubsub_tools_consumer_pending', lag.labels)).toBe(3);
		} finally {
			cli.child.kill('SIGINT');
			const result = await cli.exited;
			expect(result.code).toBe(0);
		}
	}, limit(120_000));

	it('bounds the groups of a stream to the first 20 by name, and says that it cut them', async () => {
		const stream = uniqueName('it-metrics-many-groups');
		await redis.client.xadd(stream, '*', 'data', JSON.stringify({type: 'Ping', orderId: 'ORD-1'}));
		const groups = Array.from({length: 60}, (_, index) => `g${String(index).padStart(2, '0')}`);
		await Promise.all(groups.map(async group => redis.client.xgroup('CREATE', stream, group, '0')));
		const url = new URL(redis.url);
		url.searchParams.set('streams', stream);
		const cli = startCli(['monitor', '--source', url.toString(), '--from', 'earliest', '--headless', '--metrics-port', '0', '--ephemeral'], {cwd: temp.path});
		try {
			const endpoint = await metricsUrl(cli);
			const samples = await vi.waitFor(async () => {
				const found = parsePrometheusText(await (await fetch(endpoint)).text()).find(family => family.name === 'pubsub_tools_consumer_lag')?.samples;
				expect(found?.length).toBeGreaterThan(0);
				return found!;
			}, {timeout: limit(60_000), interval: 500});
			expect(samples.map(sample => sample.labels.group)).toEqual(groups.slice(0, 20));
			await vi.waitFor(() => {
				expect(cli.printed().stderr).toContain(`stream "${stream}" has more than 20 consumer groups: lag of the first 20 by name only`);
			}, {timeout: limit(10_000), interval: 100});
		} finally {
			cli.child.kill('SIGINT');
			const result = await cli.exited;
			expect(result.code).toBe(0);
		}
	}, limit(120_000));
});
