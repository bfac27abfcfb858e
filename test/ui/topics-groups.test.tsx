// The Topics pane on a live Redis stream: the application's consumer group with its lag, pending entries and each
// consumer's pending count and idle time (read with XINFO), left exactly as it was.
import {describe, expect, it} from 'vitest';
import {openSession} from '../../source/commands/support/session.js';
import {useRedis} from '../support/redis.js';
import {uniqueName} from '../integration/reader.js';
import {renderApp} from './support/app-harness.js';
import {groupLines, groupsHeader} from '../../source/ui/panes/topics.js';
import {limit} from '../support/limits.js';

describe('Topics pane: consumer groups', () => {
	// On a shared server (REDIS_URL) the streams this file makes are deleted after it.
	const redis = useRedis();

	it('shows a Redis group\'s consumers with their pending entries and idle time, under the selected stream', async () => {
		const stream = uniqueName('it:topics-groups');
		for (let i = 0; i < 30; i++) await redis.client.xadd(stream, '*', 'value', JSON.stringify({type: 'OrderCreated', orderId: `O-${i}`, timestamp: new Date().toISOString()}));
		// The application, not the monitor, reads with XREADGROUP: its consumers make the pending entries the pane shows.
		await redis.client.xgroup('CREATE', stream, 'billing', '0');
		await redis.client.xreadgroup('GROUP', 'billing', 'worker-a', 'COUNT', 12, 'STREAMS', stream, '>');
		await redis.client.xreadgroup('GROUP', 'billing', 'worker-b', 'COUNT', 5, 'STREAMS', stream, '>');
		const before = await redis.client.call('XPENDING', stream, 'billing');

		const session = await openSession([`${redis.url}?streams=${stream}`], {ephemeral: true}, {from: 'earliest'});
		const running = session.engine.run();
		try {
			const app = await renderApp(session, {columns: 120, rows: 30});
			await app.press('2');
			const frame = await app.waitFor(text => text.includes('worker-b: 5 pending'), limit(15_000));
			expect(frame).toContain(`consumer groups on ${stream}`);
			expect(frame).toMatch(/group billing · lag 13 · pending 17 · worker-a: 12 pending, idle [\d,]+ ms · worker-b: 5 pending, idle/);
			app.unmount();
		} finally {
			await session.engine.stop();
			await running.catch(() => undefined);
			await session.close();
		}

		// Read with XINFO only: nothing delivered, claimed or acknowledged, no group created.
		expect(await redis.client.call('XPENDING', stream, 'billing')).toEqual(before);
		expect(((await redis.client.call('XINFO', 'GROUPS', stream)) as unknown[]).length).toBe(1);
	}, limit(40_000));

	it('words a Kafka group by partition: committed and end offsets, lag', () => {
		expect(groupLines([{group: 'app', topic: 'orders', lag: 40, partitions: [{partition: 0, end: 50, committed: 30, lag: 20}, {partition: 1, end: 50, committed: 30, lag: 20}]}]))
			.toEqual(['group app · lag 40 · p0 30/50 lag 20 · p1 30/50 lag 20']);
	});

	it('says, over a topic\'s groups, how many of the cluster\'s groups were not yet checked for commits on it', () => {
		expect(groupsHeader('orders', undefined, 240)).toBe('consumer groups on orders: none reported · 240 groups of the cluster not yet checked for commits on it');
		expect(groupsHeader('orders', [{group: 'app', topic: 'orders', lag: 0}], 1)).toBe('consumer groups on orders · 1 group of the cluster not yet checked for commits on it');
		expect(groupsHeader('orders', [{group: 'app', topic: 'orders', lag: 0}], 0)).toBe('consumer groups on orders');
	});
});
