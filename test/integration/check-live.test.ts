// `pubsub-tools check` against real brokers: the shipped live scenarios publish into Kafka and Redis and judge what
// the monitor reads back; runs do not see each other's transactions ({{run}}); a scenario fails on purpose.
import fs from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {runCli} from '../support/cli.js';
import {useTempDir} from '../support/temp-dir.js';
import {ownDatabasesSkipReason, useRedisDatabase} from '../support/redis.js';
import {kafkaForTestFile, kafkaSkipReason} from '../support/kafka.js';
import {limit} from '../support/limits.js';

const shipped = path.resolve(import.meta.dirname, '../../scenarios/ecommerce-live.yaml');
const temp = useTempDir('pubsub-check-live-');

/**
 * A scenario that publishes a failed payment which still ships, and too slowly: both expectations must fail. The
 * shipment comes from a publish file (JSON Lines, templated like inline events, sent after them).
 */
function failingScenario(): string {
	const file = path.join(temp.path, 'failing-live.yaml');
	fs.writeFileSync(path.join(temp.path, 'shipment.jsonl'), `${JSON.stringify({topic: 'shipping.events', after: '1200ms', value: {eventType: 'ShipmentCreated', orderId: 'ORD-{{run}}-3', timestamp: '{{now}}'}})}\n`);
	fs.writeFileSync(file, `scenarios:
  - name: a failed payment that ships anyway
    within: 6s
    publish:
      file: shipment.jsonl
      events:
        - {topic: orders.created, value: {eventType: OrderCreated, orderId: "ORD-{{run}}-3", timestamp: "{{now}}"}}
        - {topic: payment.transactions, after: 20ms, value: {eventType: PaymentFailed, orderId: "ORD-{{run}}-3", status: failed, timestamp: "{{now}}"}}
    expect:
      - never: "topic:shipping.events"
      - latency: {transaction: {max: 1s}}
      - count: {type: PaymentFailed, exactly: 1}
`);
	return file;
}

/** The shipped scenarios pass twice in a row on the same broker, then the failing one fails with its evidence. */
async function judge(source: string): Promise<void> {
	for (const run of [1, 2]) {
		const junit = path.join(temp.path, `live-${run}.xml`);
		const result = await runCli(['check', shipped, '--source', source, '--junit', junit], {cwd: temp.path});
		expect(result.stdout).toContain('2 scenarios: 2 passed, 0 failed, 0 skipped');
		expect(result.stdout).toContain('✓ count topic:orders.created: exactly 1: seen 1');
		expect(result.code).toBe(0);
		expect(fs.readFileSync(junit, 'utf8')).toMatch(/tests="12" failures="0"/);
	}

	const result = await runCli(['check', failingScenario(), '--source', source, '--json'], {cwd: temp.path});
	expect(result.code).toBe(1);
	const [scenario] = (JSON.parse(result.stdout) as {scenarios: Array<{transactions: number; expectations: Array<{passed: boolean; evidence: string[]}>}>}).scenarios;
	expect(scenario!.transactions).toBe(1);
	const [never, latency, count] = scenario!.expectations;
	expect(never!.passed).toBe(false);
	expect(never!.evidence[1]).toMatch(/^ORD-[0-9A-Z]{8}-3: ShipmentCreated on shipping\.events at /);
	expect(latency!.passed).toBe(false);
	expect(latency!.evidence[1]).toMatch(/^ORD-[0-9A-Z]{8}-3: 1,\d{3} ms \(OrderCreated → PaymentFailed → ShipmentCreated\)$/);
	expect(count!.passed).toBe(true);
}

describe.skipIf(kafkaSkipReason())('check against Kafka', () => {
	let broker: {bootstrap: string; stop(): Promise<void>};
	beforeAll(async () => {
		broker = await kafkaForTestFile();
	});
	afterAll(async () => broker.stop());

	it('publishes, reads back and judges', async () => {
		await judge(`kafka://${broker.bootstrap}?topics=orders.*,payment.*,inventory.*,customer.*,shipping.*`);
	}, limit(120_000));
});

describe.skipIf(ownDatabasesSkipReason())('check against Redis Streams', () => {
	// A database of its own, empty: the streams do not exist until the scenarios publish.
	const redis = useRedisDatabase(11);

	it('publishes, reads back and judges', async () => {
		await judge(`${redis.url}?streams=orders.*,payment.*,inventory.*,customer.*,shipping.*`);
	}, limit(120_000));
});
