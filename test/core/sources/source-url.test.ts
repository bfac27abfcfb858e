import {describe, expect, it} from 'vitest';
import {InputError} from '../../../source/core/errors.js';
import {parseKafkaUrl, topicSelected} from '../../../source/core/sources/kafka/url.js';
import {parseRedisUrl} from '../../../source/core/sources/redis/url.js';
import {parseStartFrom} from '../../../source/core/sources/start-from.js';

describe('parseKafkaUrl', () => {
	it('reads brokers (default port 9092), names, globs and regular expressions', () => {
		const url = parseKafkaUrl('kafka://b1:19092,b2?topics=payment.transactions,orders.*,/(inv|ship)\\..+/,ev?nts', {});
		expect(url.brokers).toEqual(['b1:19092', 'b2:9092']);
		expect(url.topics.names).toEqual(['payment.transactions']);
		expect(url.sasl).toBeUndefined();
		expect(url.tls).toBeUndefined();
		const selected = ['orders.created', 'ordersXcreated', 'inventory.updates', 'inv.x', 'ship.y', 'events', 'evxnts', 'payment.transactions', 'payment.other']
			.filter(topic => topicSelected(url.topics, topic));
		expect(selected).toEqual(['orders.created', 'inv.x', 'ship.y', 'events', 'evxnts', 'payment.transactions']);
	});

	it('selects every topic but internal ones when none are named, and internal ones only by name', () => {
		const all = parseKafkaUrl('kafka://b:1', {});
		expect(['orders', '__consumer_offsets'].filter(topic => topicSelected(all.topics, topic))).toEqual(['orders']);
		const named = parseKafkaUrl('kafka://b:1?topics=__consumer_offsets,_*', {});
		expect(['__consumer_offsets', '__transaction_state', '_x'].filter(topic => topicSelected(named.topics, topic))).toEqual(['__consumer_offsets', '_x']);
	});

	it('takes credentials from the URL or the environment, never shows them, and lists them as secrets', () => {
		const fromUrl = parseKafkaUrl('kafka://alice:s%40cret@b:9092?topics=t&sasl=SCRAM-SHA-512&tls=true', {});
		expect(fromUrl.sasl).toEqual({mechanism: 'scram-sha-512', username: 'alice', password: 's@cret'});
		expect(fromUrl.tls).toEqual({ca: undefined});
		expect(fromUrl.display).toBe('kafka://b:9092?topics=t&sasl=SCRAM-SHA-512&tls=true');
		expect(fromUrl.secrets).toContain('s@cret');

		const fromEnv = parseKafkaUrl('kafka://b:9092?ca=/etc/ca.pem', {KAFKA_USERNAME: 'bob', KAFKA_PASSWORD: 'pw'});
		expect(fromEnv.sasl).toEqual({mechanism: 'plain', username: 'bob', password: 'pw'});
		expect(fromEnv.tls).toEqual({ca: '/etc/ca.pem'});
		expect(fromEnv.display).toBe('kafka://b:9092');
	});

	it('reads the application groups whose lag to show', () => {
		expect(parseKafkaUrl('kafka://b:1?groups=billing,shipping', {}).groups).toEqual(['billing', 'shipping']);
	});

	it.each([
		['kafka://', /at least one broker|looks like/],
		['kafka://b:1?topic=x', /Unknown kafka:\/\/ option "topic"/],
		['kafka://b:1?sasl=gssapi', /Unknown SASL mechanism/],
		['kafka://b:1?sasl=plain', /user name and a password/],
		['kafka://b:1?tls=maybe', /true or false/],
		['kafka://b:1?topics=/(/', /Bad topic pattern/],
		['kafka://b c:1', /Bad Kafka broker address/],
		['http://b:1', /looks like/],
	])('rejects %s', (url, message) => {
		expect(() => parseKafkaUrl(url, {})).toThrow(InputError);
		expect(() => parseKafkaUrl(url, {})).toThrow(message);
	});
});

describe('parseRedisUrl', () => {
	it('reads host, port, database, credentials, names and patterns', () => {
		const url = parseRedisUrl('redis://app:p%3Ass@cache.local:6380/2?streams=events:*,ecommerce.checkout.events,q?,[ab]x', {});
		expect(url).toMatchObject({
			host: 'cache.local', port: 6380, db: 2, username: 'app', password: 'p:ss', tls: false,
			streams: {names: ['ecommerce.checkout.events'], globs: ['events:*', 'q?', '[ab]x']},
			display: 'redis://cache.local:6380/2?streams=events:*,ecommerce.checkout.events,q?,[ab]x',
		});
		expect(url.secrets).toContain('p:ss');
	});

	it('defaults to port 6379, database 0, every stream; rediss means TLS; the password may come from the environment', () => {
		expect(parseRedisUrl('rediss://h', {REDIS_PASSWORD: 'pw'})).toMatchObject({
			host: 'h', port: 6379, db: 0, password: 'pw', tls: true, streams: {names: [], globs: []}, display: 'rediss://h:6379',
		});
		expect(parseRedisUrl('redis://[::1]:7000', {}).display).toBe('redis://[::1]:7000');
	});

	it.each([
		['redis://h:1/x', /Bad Redis database/],
		['redis://h:1?stream=a', /Unknown redis:\/\/ option "stream"/],
		['redis:nothing', /needs a host/],
		['not a url', /looks like/],
	])('rejects %s', (url, message) => {
		expect(() => parseRedisUrl(url, {})).toThrow(InputError);
		expect(() => parseRedisUrl(url, {})).toThrow(message);
	});
});

describe('parseStartFrom', () => {
	it('reads latest (default), earliest, ISO times and epoch ms', () => {
		expect(parseStartFrom(undefined)).toEqual({kind: 'latest'});
		expect(parseStartFrom('latest')).toEqual({kind: 'latest'});
		expect(parseStartFrom('earliest')).toEqual({kind: 'earliest'});
		expect(parseStartFrom('2026-11-21T10:00:00Z')).toEqual({kind: 'time', ms: Date.UTC(2026, 10, 21, 10)});
		expect(parseStartFrom(String(Date.UTC(2026, 10, 21, 10)))).toEqual({kind: 'time', ms: Date.UTC(2026, 10, 21, 10)});
	});

	it.each(['yesterday', '12345', '2026-13-45'])('rejects %s', from => {
		expect(() => parseStartFrom(from)).toThrow(InputError);
	});
});
