// What `demo --publish` and `check` write to Kafka is keyed by each event's correlation id, found where normalization
// finds it (top level, containers, headers; the configured id fields), so one transaction's events share a partition
// and keep their order; headers go as they are, a header without a value included. Read back from a real broker.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {defaultConfig, type FieldConfig} from '../../source/core/config.js';
import type {RawEvent} from '../../source/core/envelope.js';
import {kafkaSource} from '../../source/core/sources/kafka/source.js';
import {openPublisher} from '../../source/core/sources/publish.js';
import {kafkaForTestFile, kafkaSkipReason} from '../support/kafka.js';
import {Reader, uniqueName} from './reader.js';
import {limit} from '../support/limits.js';

/** Publish `events` to a new topic with `fields`, read them back, and give each one's key by its `n`. */
async function keysAfterPublishing(bootstrap: string, fields: FieldConfig, events: RawEvent[]): Promise<Map<number, string | undefined>> {
	const topic = uniqueName('it-keys');
	const publisher = await openPublisher(`kafka://${bootstrap}`, [topic], fields);
	try {
		await publisher.publish(events.map(event => ({...event, topic})));
	} finally {
		await publisher.close();
	}

	const reader = new Reader(kafkaSource(`kafka://${bootstrap}?topics=${topic}`, {from: 'earliest'}));
	await reader.waitFor(events.length);
	await reader.close();
	expect(reader.events).toHaveLength(events.length);
	return new Map(reader.events.map(event => [(event.value as {n: number}).n, event.key]));
}

describe.skipIf(kafkaSkipReason())('Kafka publisher keys', () => {
	let broker: {bootstrap: string; stop(): Promise<void>};
	beforeAll(async () => {
		broker = await kafkaForTestFile();
	});
	afterAll(async () => broker?.stop());

	it('keys by the correlation id at the top level, inside a container or in a header, else by the customer', async () => {
		const keys = await keysAfterPublishing(broker.bootstrap, defaultConfig.fields, [
			{value: {n: 1, orderId: 'ORD-1'}},
			{value: {n: 2, data: {orderId: 'ORD-2', customerId: 'C-2'}}},
			{value: {n: 3, payload: {paymentId: 'PAY-3'}}},
			{value: {n: 4}, headers: {correlationId: 'COR-4'}},
			{value: {n: 5, data: {customerId: 'C-5'}}},
			{key: 'own', value: {n: 6, orderId: 'ORD-6'}},
			{value: {n: 7, note: 'no id at all'}},
		]);
		expect(Object.fromEntries(keys)).toEqual({1: 'ORD-1', 2: 'ORD-2', 3: 'PAY-3', 4: 'COR-4', 5: 'C-5', 6: 'own', 7: undefined});
	}, limit(60_000));

	it('publishes a header without a value (a scenario line\'s "deleted": null) as one, also inside a repeated header', async () => {
		const topic = uniqueName('it-null-header');
		const publisher = await openPublisher(`kafka://${broker.bootstrap}`, [topic], defaultConfig.fields);
		try {
			await publisher.publish([{topic, value: {n: 1}, headers: {deleted: null, hop: ['a', null], correlationId: 'COR-1'}}]);
		} finally {
			await publisher.close();
		}

		const reader = new Reader(kafkaSource(`kafka://${broker.bootstrap}?topics=${topic}`, {from: 'earliest'}));
		await reader.waitFor(1);
		await reader.close();
		expect(reader.events[0]).toMatchObject({key: 'COR-1', headers: {deleted: null, hop: ['a', null], correlationId: 'COR-1'}});
	}, limit(60_000));

	it('follows the configured id fields and containers', async () => {
		const fields = {...defaultConfig.fields, ids: ['bookingRef'], containers: ['body']};
		const keys = await keysAfterPublishing(broker.bootstrap, fields, [
			{value: {n: 1, body: {bookingRef: 'BK-1', orderId: 'ORD-1'}}},
			{value: {n: 2, orderId: 'ORD-2', bookingRef: 'BK-2'}},
		]);
		expect(Object.fromEntries(keys)).toEqual({1: 'BK-1', 2: 'BK-2'});
	}, limit(60_000));
});
