// Reading Redis as production runs it: TLS with a private CA and a least-privilege ACL user; a CA that does not
// match and a password rotated while running end with a clear, credential-free error and nothing lost.
import fs from 'node:fs';
import path from 'node:path';
import {Redis} from 'ioredis';
import {describe, expect, it} from 'vitest';
import {makeTestCertificates} from '../../scripts/redis-server.js';
import {redisStreamsSource} from '../../source/core/sources/redis/source.js';
import {startCli} from '../support/cli.js';
import {redisSkipReason, useDedicatedRedis} from '../support/redis.js';
import {useTempDir} from '../support/temp-dir.js';
import {Reader, uniqueName} from './reader.js';
import {eventLines, recordedEvents} from '../support/recording-lines.js';
import {limit} from '../support/limits.js';

const skipReason = redisSkipReason({dedicated: true});

describe.skipIf(skipReason)('Redis Streams over TLS with an ACL user', () => {
	const password = 'Reader-pass-1';
	const rotated = 'Reader-pass-2';
	const temp = useTempDir('pubsub-redis-tls-');
	const redis = useDedicatedRedis({tls: true, users: [{name: 'reader', password}]}, server => new Redis({port: server.port, host: '127.0.0.1', tls: {ca: fs.readFileSync(server.caFile!)}}));

	const sourceUrl = (stream: string, secret: string, ca = redis.server.caFile!) =>
		`rediss://reader:${secret}@127.0.0.1:${redis.server.port}?streams=${stream}&ca=${ca}`;

	it('reads every entry through TLS as a read-only ACL user', async () => {
		const stream = uniqueName('it:tls');
		for (let n = 0; n < 5; n++) await redis.client.xadd(stream, '*', 'type', 'OrderCreated', 'orderId', `ORD-${n}`);
		const reader = new Reader(redisStreamsSource(sourceUrl(stream, password), {from: 'earliest'}));
		await reader.waitFor(5);
		await reader.close();
		expect(reader.events.map(event => (event.value as {orderId: string}).orderId)).toEqual(['ORD-0', 'ORD-1', 'ORD-2', 'ORD-3', 'ORD-4']);
		expect(reader.source.health().name).toBe(`rediss://127.0.0.1:${redis.server.port}?streams=${stream}`);
	});

	it('stops with a clear error when the server certificate is not signed by the given CA', async () => {
		const otherCa = makeTestCertificates(temp.path, 'some other').caFile;
		const reader = new Reader(redisStreamsSource(sourceUrl(uniqueName('it:tls'), password, otherCa), {from: 'earliest'}));
		await reader.ended();
		const health = reader.source.health();
		expect(health.state).toBe('error');
		expect(health.error).toMatch(/certificate is not trusted.*\?ca=FILE/);
		expect(String(reader.error)).not.toContain(password);
	});

	it('says which CA file it cannot read', () => {
		expect(() => redisStreamsSource(sourceUrl('s', password, path.join(temp.path, 'missing.pem')))).toThrow(/Cannot read the Redis CA file .*missing\.pem/);
	});

	it('record: a password rotated while running fails loudly, and everything read before is in the file', async () => {
		const stream = uniqueName('it:tls');
		const output = path.join(temp.path, 'rotated.jsonl');
		for (let n = 0; n < 20; n++) await redis.client.xadd(stream, '*', 'n', String(n));
		const running = startCli(['record', '--source', sourceUrl(stream, password), '--from', 'earliest', '-o', output], {cwd: temp.path});
		running.child.stdin.end();
		const lines = () => fs.existsSync(output) ? eventLines(output).length : 0;
		await expect.poll(lines, {timeout: limit(30_000), message: 'lines recorded'}).toBeGreaterThanOrEqual(20);
		await redis.client.call('ACL', 'SETUSER', 'reader', 'resetpass', `>${rotated}`);
		await redis.client.call('CLIENT', 'KILL', 'USER', 'reader');
		await redis.client.xadd(stream, '*', 'n', 'after-rotation');
		const result = await Promise.race([running.exited, new Promise<undefined>(resolve => setTimeout(resolve, limit(20_000)))]);
		if (!result) running.child.kill('SIGKILL');
		expect(result, 'record kept running after its password stopped working').toBeDefined();
		expect(result!.code).not.toBe(0);
		expect(result!.stderr).toMatch(/WRONGPASS|authentication/i);
		for (const secret of [password, rotated]) expect(result!.stdout + result!.stderr).not.toContain(secret);
		expect(recordedEvents<{value: {n: string}}>(output).map(line => line.value.n)).toEqual(Array.from({length: 20}, (_, n) => String(n)));
	});
});
