// Reading through SASL_PLAINTEXT (PLAIN and SCRAM-SHA-256 without TLS) on a broker of the test's own, credentials in
// the URL: every event read and the password in nothing printed or recorded; a wrong password names the broker that
// refused it. A URL whose first broker is down: the listener probe asked only that one, so a SASL port listed after it
// was never asked and the run ended `could not reach … within 10 s`; every broker is asked now, and a cluster none of
// whose brokers answers names each one asked.
import {randomBytes} from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {Kafka, logLevel} from 'kafkajs';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {KafkaServer} from '../../scripts/kafka-server.js';
import {freePort} from '../../scripts/local-process.js';
import {runCli} from '../support/cli.js';
import {kafkaSkipReason, startDedicatedKafka} from '../support/kafka.js';
import {backstopDuration} from '../support/limits.js';
import {recordedEvents} from '../support/recording-lines.js';
import {useTempDir} from '../support/temp-dir.js';
import {uniqueName} from './reader.js';

const skipReason = kafkaSkipReason({dedicated: true});
const user = {username: 'reader', password: `pw-${randomBytes(9).toString('hex')}`};
const count = 20;

describe.skipIf(skipReason)('Kafka source over SASL_PLAINTEXT, and brokers down before the one that answers', () => {
	const temp = useTempDir('pubsub-kafka-sasl-plain-');
	let broker: KafkaServer;
	let deadPort: number;
	const topic = uniqueName('it-sasl-plain');

	/** A kafka:// URL with the credentials in it, as the README gives them. */
	const urlWith = (password: string, query = '') => `kafka://${user.username}:${password}@${broker.saslPlaintext!.bootstrap}?topics=${topic}${query}`;

	beforeAll(async () => {
		broker = await startDedicatedKafka({saslPlaintext: {users: [user]}});
		deadPort = await freePort();
		// Written through the PLAINTEXT listener: what is tested is reading.
		const kafka = new Kafka({clientId: 'it-sasl-plain', brokers: [broker.bootstrap], logLevel: logLevel.NOTHING});
		const admin = kafka.admin();
		await admin.connect();
		await admin.createTopics({topics: [{topic, numPartitions: 1}], waitForLeaders: true});
		await admin.disconnect();
		const producer = kafka.producer();
		await producer.connect();
		await producer.send({topic, messages: Array.from({length: count}, (_, n) => ({value: JSON.stringify({n})}))});
		await producer.disconnect();
	});

	afterAll(async () => {
		await broker?.stop();
	});

	it.each(['', '&sasl=plain', '&sasl=scram-sha-256'])('metrics --to now reads every event with credentials in the URL (%s), never printing the password', async query => {
		const result = await runCli(['metrics', '--source', urlWith(user.password, query), '--from', 'earliest', '--to', 'now', '--json'], {cwd: temp.path});
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		expect((JSON.parse(result.stdout) as {events: number}).events).toBe(count);
		expect(result.stdout).not.toContain(user.password);
	});

	it('records every event without the password anywhere in the recording', async () => {
		const output = path.join(temp.path, 'plain.jsonl');
		const result = await runCli(['record', '--source', urlWith(user.password, '&sasl=plain'), '--from', 'earliest', '--count', String(count), '--duration', backstopDuration(30), '-o', output], {cwd: temp.path});
		expect(result.stderr).toContain(`recorded ${count} events`);
		expect(result.code).toBe(0);
		expect(recordedEvents(output)).toHaveLength(count);
		expect(result.stdout + result.stderr + fs.readFileSync(output, 'utf8')).not.toContain(user.password);
	});

	it.each(['plain', 'scram-sha-256'])('a wrong password (%s) stops the run naming the broker that refused it, not the password', async mechanism => {
		const wrong = `${user.password}-wrong`;
		const result = await runCli(['metrics', '--source', urlWith(wrong, `&sasl=${mechanism}`), '--from', 'earliest', '--to', 'now'], {cwd: temp.path});
		expect(result.stderr).toContain(`could not read it: ${broker.saslPlaintext!.bootstrap} refused the credentials (sasl=${mechanism}): `);
		expect(result.stderr).toContain('check the user name, the password and the mechanism');
		expect(result.stdout + result.stderr).not.toContain(wrong);
		expect(result.stdout + result.stderr).not.toContain(user.password);
		expect(result.code).toBe(1);
	});

	it('asks the brokers after a dead first one: says the SASL port wants credentials and which broker did not answer', async () => {
		const dead = `127.0.0.1:${deadPort}`;
		const result = await runCli(['metrics', '--source', `kafka://${dead},${broker.saslPlaintext!.bootstrap}?topics=${topic}`, '--from', 'earliest', '--to', 'now'], {cwd: temp.path});
		expect(result.stderr).toContain(`could not read it: ${broker.saslPlaintext!.bootstrap} asks for SASL authentication on this port (mechanisms PLAIN, SCRAM-SHA-256): give sasl=plain or sasl=scram-sha-256 and the credentials`);
		expect(result.stderr).toContain(`(no answer from ${dead})`);
		expect(result.code).toBe(1);
	});

	it('reads with credentials past a dead first broker', async () => {
		const result = await runCli(['metrics', '--source', `kafka://${user.username}:${user.password}@127.0.0.1:${deadPort},${broker.saslPlaintext!.bootstrap}?topics=${topic}&sasl=plain`, '--from', 'earliest', '--to', 'now', '--json'], {cwd: temp.path});
		expect(result.code).toBe(0);
		expect((JSON.parse(result.stdout) as {events: number}).events).toBe(count);
		expect(result.stdout + result.stderr).not.toContain(user.password);
	});

	it('names every broker it asked when none answers', async () => {
		const dead = [`127.0.0.1:${deadPort}`, `127.0.0.1:${await freePort()}`];
		const result = await runCli(['metrics', '--source', `kafka://${dead.join(',')}?topics=${topic}`, '--to', 'now'], {cwd: temp.path});
		expect(result.stderr).toContain(`could not reach kafka://${dead.join(',')}?topics=${topic} within 10 s (--connect-timeout): no broker answered (asked ${dead.join(', ')})`);
		expect(result.code).toBe(1);
	});
});
