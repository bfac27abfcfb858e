// Passwords holding URL delimiters (`@`, `?`, `/`, `#`, `%`) are read whole and never echoed in an error.
import {describe, expect, it} from 'vitest';
import {parseKafkaUrl} from '../../../source/core/sources/kafka/url.js';
import {parseRedisUrl} from '../../../source/core/sources/redis/url.js';

const passwords = ['p@ssw0rd?x', 'sec?ret@1', 'a/b@c#d?e', 'x%zz@y', 'pa ss@w?d/1', 'Tr0ub4dor&3=x'];

describe('source URLs with awkward passwords', () => {
	it.each(passwords)('reads the password %s whole from kafka:// and redis:// URLs', password => {
		const kafka = parseKafkaUrl(`kafka://alice:${password}@broker:9092?topics=t`, {});
		expect(kafka.sasl).toEqual({mechanism: 'plain', username: 'alice', password});
		expect(kafka.display).toBe('kafka://broker:9092?topics=t');
		const redis = parseRedisUrl(`redis://alice:${password}@host:6379?streams=s`, {});
		expect({username: redis.username, password: redis.password, host: redis.host}).toEqual({username: 'alice', password, host: 'host'});
		expect(redis.display).toBe('redis://host:6379?streams=s');
	});

	it.each(passwords)('never shows a fragment of %s in a parse error', password => {
		const broken = [
			`kafka://alice:${password}@broker:9092?topic=t`,
			`kafka://alice:${password}@bro ker:9092`,
			`redis://alice:${password}@host:6379/db?streams=s`,
			`redis://alice:${password}@host:6379?stream=s`,
		];
		for (const url of broken) {
			const parse = url.startsWith('kafka') ? () => parseKafkaUrl(url, {}) : () => parseRedisUrl(url, {});
			let message = '';
			try {
				parse();
			} catch (error) {
				message = (error as Error).message;
			}

			expect(message, url).not.toBe('');
			for (const fragment of password.split(/[@?/#&=% ]/).filter(part => part.length >= 3)) expect(message, url).not.toContain(fragment);
		}
	});

	it('reads rediss:// and ?ca=FILE (which implies TLS) and shows them without credentials', () => {
		expect(parseRedisUrl('rediss://u:p@h:6380?streams=s', {})).toMatchObject({tls: true, ca: undefined, display: 'rediss://h:6380?streams=s'});
		expect(parseRedisUrl('redis://h?streams=s&ca=/etc/ca.pem', {})).toMatchObject({tls: true, ca: '/etc/ca.pem', display: 'rediss://h:6379?streams=s'});
		expect(parseRedisUrl('redis://h?tls=true', {})).toMatchObject({tls: true});
	});
});
