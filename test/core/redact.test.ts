import {describe, expect, it} from 'vitest';
import {maskSecrets, maskUrl, safeErrorMessage} from '../../source/core/redact.js';
import {maskSecretsIn} from '../../source/core/sources/secrets.js';

describe('maskUrl', () => {
	it.each([
		['redis://user:pa55@host:6379/0?streams=a', 'redis://***@host:6379/0?streams=a'],
		['redis://:pa55@host:6379', 'redis://***@host:6379'],
		['rediss://pa55@host', 'rediss://***@host'],
		['kafka://u:p%40ss@b1:9092,b2:9092?topics=x', 'kafka://***@b1:9092,b2:9092?topics=x'],
		['kafka://b1:9092?topics=x&password=hunter2&sasl=plain', 'kafka://b1:9092?topics=x&password=***&sasl=plain'],
		['kafka://b1:9092?sasl.password=a&token=b', 'kafka://b1:9092?sasl.password=***&token=***'],
		['no url here', 'no url here'],
		['kafka://b1:9092?topics=orders.*', 'kafka://b1:9092?topics=orders.*'],
	])('%s → %s', (url, masked) => {
		expect(maskUrl(url)).toBe(masked);
	});

	it('masks every URL inside a longer text', () => {
		expect(maskUrl('cannot reach redis://a:b@h1 nor redis://c:d@h2:1'))
			.toBe('cannot reach redis://***@h1 nor redis://***@h2:1');
	});
});

describe('maskSecrets', () => {
	it('masks each secret, its URL-encoded form, and longer secrets first', () => {
		expect(maskSecrets('AUTH p@ss and p%40ss and p@ss-long', ['p@ss', 'p@ss-long', undefined, ''])).toBe('AUTH *** and *** and ***');
	});

	it('takes passwords from the environment in maskSecretsIn', () => {
		expect(maskSecretsIn('x=k-pw y=r-pw redis://u:v@h', {KAFKA_PASSWORD: 'k-pw', REDIS_PASSWORD: 'r-pw'}))
			.toBe('x=*** y=*** redis://***@h');
	});
});

describe('safeErrorMessage', () => {
	it('uses messages only, never the command arguments ioredis attaches', () => {
		const error = Object.assign(new Error('WRONGPASS invalid username-password pair'), {command: {name: 'auth', args: ['hunter2']}});
		expect(safeErrorMessage(error, ['hunter2'])).toBe('WRONGPASS invalid username-password pair');
	});

	it('follows causes (kafkajs originalError, Error.cause, AggregateError) and masks them', () => {
		const inner = new Error('SASL authentication failed for hunter2');
		const outer = Object.assign(new Error('Retries exceeded'), {originalError: inner});
		expect(safeErrorMessage(outer, ['hunter2'])).toBe('Retries exceeded: SASL authentication failed for ***');
		expect(safeErrorMessage(new Error('connect', {cause: new Error('ECONNREFUSED')}), [])).toBe('connect: ECONNREFUSED');
		expect(safeErrorMessage(new AggregateError([new Error('a'), new Error('b')], ''), [])).toBe('AggregateError: a: b');
	});

	it('describes non-errors and empty errors', () => {
		expect(safeErrorMessage('text with redis://u:p@h', [])).toBe('text with redis://***@h');
		expect(safeErrorMessage(undefined, [])).toBe('unknown error');
	});
});
