// Sagas on a real Redis whose entries carry their event in one `data` field, the common shape: the correlation id
// (`orderId`) and a failure's reason are inside that field, where every other field of an event is found too
// (`fields.containers`). The sagas plugin looked only at the top of the value, so it saw no instance at all there.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {redisSkipReason, useRedis} from '../support/redis.js';
import {runCliUntilRead, stoppedByCtrlC} from '../support/redis-reads.js';
import {useTempDir} from '../support/temp-dir.js';
import {uniqueName} from './reader.js';

const skipReason = redisSkipReason();
const completedSteps = ['OrderCreated', 'PaymentAuthorized', 'InventoryReserved', 'ShipmentCreated', 'OrderCompleted'];

describe.skipIf(skipReason)('sagas of Redis entries whose event is in a data field', () => {
	const temp = useTempDir('pubsub-redis-sagas-');
	const server = useRedis();
	const stream = uniqueName('it:sagas');
	const base = Date.now() - 600_000;
	// The newest entry's id: a run has read them all once it asks for what follows.
	let last = '';

	beforeAll(async () => {
		const pipeline = server.client.pipeline();
		const add = (order: string, at: number, fields: Record<string, unknown>) => {
			pipeline.xadd(stream, '*', 'data', JSON.stringify({orderId: order, timestamp: new Date(base + at).toISOString(), ...fields}));
		};

		for (let order = 0; order < 3; order++) completedSteps.forEach((step, index) => add(`ORD-${order}`, (order * 1000) + (index * 100), {eventType: step}));
		add('ORD-9', 5000, {eventType: 'OrderCreated'});
		add('ORD-9', 5100, {eventType: 'PaymentDeclined', reason: 'card expired'});
		last = (await pipeline.exec())!.at(-1)![1] as string;
	});

	afterAll(async () => {
		await server.client?.del(stream);
	});

	it('saga counts every instance and lists the failed one with its reason from inside the field', async () => {
		// Ended by Ctrl-C once it asked for what follows the newest entry: it had them all.
		const result = await runCliUntilRead(server.client, {[stream]: last}, ['saga', '--source', `${server.url}?streams=${stream}`, '--from', 'earliest', '--list', 'failed', '--json'], {cwd: temp.path});
		expect(result.stderr).toBe(stoppedByCtrlC(3 * completedSteps.length + 2));
		expect(result.code).toBe(0);
		const output = JSON.parse(result.stdout) as {sagas: Record<string, Record<string, number>>; instances: Array<{id: string; reason?: string; step: string}>};
		expect(output.sagas['ecommerce-order']).toMatchObject({instances: 4, completed: 3, failed: 1, compensationMissing: 1, inProgress: 0, timedOut: 0});
		expect(output.instances.map(({id, step, reason}) => ({id, step, reason}))).toEqual([{id: 'ORD-9', step: 'PaymentDeclined', reason: 'card expired'}]);
	});
});
