// A backlog of orders and their payments on two Kafka topics of several partitions each, and what `metrics --json`
// says of its hops: the Kafka backlog-hops tests (fast link and slow link) write and measure it alike.
import type {Admin, Producer} from 'kafkajs';
import {runCli} from './cli.js';
import {expectReadToNow, toNow} from './read-to-now.js';
import {uniqueName} from './unique-name.js';

/** What `metrics --json` says of the hops. */
export type HopSummary = {events: number; edges: Record<string, {count: number; p50: number}>; reorder: {late: number; excluded: number}};

/**
 * Orders and payments of `transactions` transactions over `partitions` (orders', payments'), ending a minute ago: an
 * order every 100 ms, its payment 500 ms after it; `padding` characters make each event larger. Returns the two topics.
 */
export async function writeOrderBacklog(admin: Admin, producer: Producer, transactions: number, partitions: readonly [number, number], padding: number): Promise<[string, string]> {
	const orders = uniqueName('it-backlog-orders');
	const payments = uniqueName('it-backlog-payments');
	await admin.createTopics({topics: [{topic: orders, numPartitions: partitions[0]}, {topic: payments, numPartitions: partitions[1]}], waitForLeaders: true});
	const start = Date.now() - 60_000 - (transactions * 100);
	const event = (topic: string, count: number, n: number, type: string, afterMs: number) => ({
		topic, messages: [{partition: n % count, key: `ORD-${n}`, value: JSON.stringify({eventType: type, orderId: `ORD-${n}`, timestamp: new Date(start + (n * 100) + afterMs).toISOString(), note: 'x'.repeat(padding)})}],
	});
	const all = Array.from({length: transactions}, (_, n) => n);
	for (const [topic, count, type, afterMs] of [[orders, partitions[0], 'OrderCreated', 0], [payments, partitions[1], 'PaymentCompleted', 500]] as const) {
		for (let from = 0; from < transactions; from += 500) {
			await producer.sendBatch({topicMessages: all.slice(from, from + 500).map(n => event(topic, count, n, type, afterMs))});
		}
	}

	return [orders, payments];
}

/** `metrics --json` of the two topics on the brokers `bootstrap` names, read from earliest to now, run in `cwd`. */
export async function backlogMetrics(bootstrap: string, orders: string, payments: string, cwd: string): Promise<{summary: HopSummary; stdout: string}> {
	const result = await runCli([
		'metrics', '--source', `kafka://${bootstrap}?topics=${orders},${payments}`, '--from', 'earliest', ...toNow(), '--json',
	], {cwd});
	expectReadToNow(result);
	return {summary: JSON.parse(result.stdout) as HopSummary, stdout: result.stdout};
}
