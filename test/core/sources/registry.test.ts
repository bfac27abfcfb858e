// The source registry is the one place a kind is declared: a kind added to it (here, a fake one) is opened, masked,
// counted live and published to by the code that already exists, with no other file changed.
import {afterEach, describe, expect, it} from 'vitest';
import {defaultConfig} from '../../../source/core/config.js';
import type {RawEvent} from '../../../source/core/envelope.js';
import {InputError} from '../../../source/core/errors.js';
import type {SourceKind} from '../../../source/core/sources/kind.js';
import {isLiveSpec, openSource} from '../../../source/core/sources/open.js';
import {openPublisher} from '../../../source/core/sources/publish.js';
import {addSourceKind, kindOf, liveUrls, publishableText, secretEnvNames, sourceKinds} from '../../../source/core/sources/registry.js';
import {maskSecretsIn} from '../../../source/core/sources/secrets.js';
import type {Publisher, Source} from '../../../source/core/sources/source.js';

/** A fake broker kind whose sources and publishers are plain objects the test can recognise. */
function fakeKind(published: RawEvent[]): SourceKind {
	return {
		name: 'Fake',
		schemes: ['fake'],
		live: true,
		example: `'fake://host?subjects=orders'`,
		secretEnv: ['FAKE_TOKEN'],
		parseUrl: url => ({display: url, secrets: []}),
		async open(spec) {
			const events: RawEvent[] = [{topic: 'orders', value: {orderId: 'ORD-1'}}];
			const source: Source = {
				id: spec,
				async * batches() {
					yield {events};
				},
				health: () => ({name: spec, state: 'finished', malformed: 0, malformedSamples: []}),
				async close() {},
			};
			return source;
		},
		async publisher(url) {
			const publisher: Publisher = {
				name: url,
				async publish(events) {
					published.push(...events);
				},
				async close() {},
			};
			return publisher;
		},
	};
}

let removeFake: (() => void) | undefined;
afterEach(() => {
	removeFake?.();
	removeFake = undefined;
});

describe('the source registry', () => {
	it('knows today\'s kinds, the recording kind last, and which of them are live or publishable', () => {
		expect(sourceKinds().map(kind => kind.name)).toEqual(['Kafka', 'Redis', 'simulator', 'recording']);
		expect(['kafka://b:9092', 'redis://h', 'rediss://h', 'demo', 'rec.jsonl', '-'].map(spec => kindOf(spec).name))
			.toEqual(['Kafka', 'Redis', 'Redis', 'simulator', 'recording', 'recording']);
		expect(['kafka://b:9092', 'redis://h', 'rediss://h', 'demo', 'rec.jsonl', '-', 'KAFKA://b'].map(spec => isLiveSpec(spec)))
			.toEqual([true, true, true, false, false, false, false]);
		expect(secretEnvNames()).toEqual(['KAFKA_PASSWORD', 'REDIS_PASSWORD']);
		expect(publishableText()).toBe('kafka:// or redis://');
		expect(liveUrls()).toEqual(['kafka://', 'redis://']);
	});

	it('opens, masks, counts live and publishes to a kind added to it, and forgets it once removed', async () => {
		const published: RawEvent[] = [];
		removeFake = addSourceKind(fakeKind(published));

		const source = await openSource('fake://host?subjects=orders', {config: defaultConfig});
		expect(source.id).toBe('fake://host?subjects=orders');
		const batches = [];
		for await (const batch of source.batches()) batches.push(batch);
		expect(batches).toEqual([{events: [{topic: 'orders', value: {orderId: 'ORD-1'}}]}]);

		expect(isLiveSpec('fake://host')).toBe(true);
		expect(maskSecretsIn('auth failed for t0ken-s3cret and k-pw', {FAKE_TOKEN: 't0ken-s3cret', KAFKA_PASSWORD: 'k-pw'}))
			.toBe('auth failed for *** and ***');
		expect(sourceKinds().map(kind => kind.example)).toContain(`'fake://host?subjects=orders'`);
		expect(publishableText()).toBe('kafka://, redis:// or fake://');
		expect(liveUrls()).toEqual(['kafka://', 'redis://', 'fake://']);

		const publisher = await openPublisher('fake://host', ['orders'], defaultConfig.fields);
		await publisher.publish([{topic: 'orders', value: {n: 1}}]);
		expect(published).toEqual([{topic: 'orders', value: {n: 1}}]);

		removeFake();
		removeFake = undefined;
		expect(isLiveSpec('fake://host')).toBe(false);
		expect(kindOf('fake://host').name).toBe('recording');
		expect(maskSecretsIn('t0ken-s3cret', {FAKE_TOKEN: 't0ken-s3cret'})).toBe('t0ken-s3cret');
		await expect(openPublisher('fake://host', [], defaultConfig.fields)).rejects.toThrow(new InputError('--publish takes a kafka:// or redis:// URL, got "fake://host"'));
	});

	it('refuses to publish to a kind without a publisher, with the kinds that have one', async () => {
		await expect(openPublisher('demo', [], defaultConfig.fields)).rejects.toThrow('--publish takes a kafka:// or redis:// URL, got "demo"');
		await expect(openPublisher('nats://h:4222?x=1', [], defaultConfig.fields)).rejects.toThrow('--publish takes a kafka:// or redis:// URL, got "nats://h:4222"');
	});
});
