// Plugins that tests load with --plugin, written as module text into a test's own folder.
import fs from 'node:fs';
import path from 'node:path';

/** A plugin raising an alert on the first event (`flood.first`) and one on every event (`flood.every`, key k0, k1, …). */
const floodPlugin = `export default {name: 'flood', apiVersion: 1, setup(context) {
	context.registerStage({name: 'flood', create(stage) {
		let n = 0;
		return {onBatch({events}) {
			for (const event of events) {
				if (n === 0) stage.raise({rule: 'flood.first', key: 'first', at: event.timestamp, message: 'the first event'});
				stage.raise({rule: 'flood.every', key: 'k' + n++, at: event.timestamp, message: 'an event'});
			}
		}, snapshot: () => n};
	}});
}};
`;

/**
 * Write into `directory` the flood plugin (`flood.mjs`) and a recording of 12,000 orders 10 ms apart
 * (`many-alerts.jsonl`), on which it fires 12,001 alerts: more than the store's alert log keeps (its newest 10,000).
 */
export function writeAlertFlood(directory: string): {plugin: string; input: string} {
	const start = Date.parse('2026-11-27T08:00:00Z');
	const input = path.join(directory, 'many-alerts.jsonl');
	fs.writeFileSync(input, Array.from({length: 12_000}, (_, index) => JSON.stringify({topic: 'orders', value: {eventType: 'OrderCreated', orderId: `ORD-${index}`, timestamp: new Date(start + index * 10).toISOString()}})).join('\n') + '\n');
	const plugin = path.join(directory, 'flood.mjs');
	fs.writeFileSync(plugin, floodPlugin);
	return {plugin, input};
}

/**
 * A plugin whose stage, made as the session opens (after the store and the sources), reads the FIFO named by
 * PUBSUB_TEST_GATE: the command's start lasts until the test writes to it, as a slow start does (a Kafka client
 * loading on a busy machine), so that signals land in it every time.
 */
export const slowStartPlugin = `import fs from 'node:fs';
export default {name: 'slow-start', apiVersion: 1, setup(context) {
	context.registerStage({name: 'slow-start', create() {
		fs.readFileSync(process.env.PUBSUB_TEST_GATE);
		return {onBatch() {}, snapshot: () => 0};
	}});
}};
`;

/**
 * A plugin raising `watch.customer` keyed by each event's customerId, saying the key names a party (`party: true`)
 * unless PUBSUB_TEST_NO_PARTY is set, and writing the customer id in its message.
 */
const customerWatchPlugin = `export default {name: 'customer-watch', apiVersion: 1, setup(context) {
	context.registerStage({name: 'customer-watch', create(stage) {
		const party = !process.env.PUBSUB_TEST_NO_PARTY;
		return {onBatch({events}) {
			for (const event of events) {
				const id = event.value?.customerId;
				if (id !== undefined) stage.raise({rule: 'watch.customer', key: id, at: event.timestamp, message: 'customer ' + id + ' is watched', party});
			}
		}, snapshot: () => 0};
	}});
}};
`;

/** Write the customer-watch plugin into `directory`; returns its path. */
export function writeCustomerWatchPlugin(directory: string): string {
	const plugin = path.join(directory, 'customer-watch.mjs');
	fs.writeFileSync(plugin, customerWatchPlugin);
	return plugin;
}
