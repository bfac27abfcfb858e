// Reading through SASL_SSL (SCRAM-SHA-256 and -512 over TLS with a private CA) on a broker of the test's own: every
// event read, the password never printed, and a CA that does not match or a wrong password give a clear error; so
// does a URL that wants other SASL or TLS than the listener speaks (kafkajs said `Closed connection`, as of a broker
// down, or `Request is not valid given the current SASL state`).
import {randomBytes} from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {Kafka, logLevel, Partitioners} from 'kafkajs';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {selfSignedCertificate} from '../../scripts/kafka-sasl.js';
import type {KafkaServer} from '../../scripts/kafka-server.js';
import {InputError} from '../../source/core/errors.js';
import {kafkaSource} from '../../source/core/sources/kafka/source.js';
import {runCli} from '../support/cli.js';
import {kafkaSkipReason, startDedicatedKafka} from '../support/kafka.js';
import {useTempDir} from '../support/temp-dir.js';
import {Reader, uniqueName} from './reader.js';
import {recordedEvents} from '../support/recording-lines.js';
import {backstopDuration, limit} from '../support/limits.js';

const skipReason = kafkaSkipReason({dedicated: true});
const user = {username: 'reader', password: `pw-${randomBytes(9).toString('hex')}`};
const count = 50;

describe.skipIf(skipReason)('Kafka source over SASL_SSL with SCRAM', () => {
	const temp = useTempDir('pubsub-kafka-sasl-');
	let broker: KafkaServer;
	const topic = uniqueName('it-sasl');

	/** A kafka:// URL of the SASL_SSL listener; credentials come from the environment or the source's options. */
	const url = (ca: string, mechanism?: string) => `kafka://${broker.saslSsl!.bootstrap}?topics=${topic}&tls=true&ca=${ca}${mechanism ? `&sasl=${mechanism}` : ''}`;

	beforeAll(async () => {
		broker = await startDedicatedKafka({saslSsl: {users: [user]}});
		// Written through the PLAINTEXT listener: what is tested is reading.
		const kafka = new Kafka({clientId: 'it-sasl', brokers: [broker.bootstrap], logLevel: logLevel.NOTHING});
		const admin = kafka.admin();
		await admin.connect();
		await admin.createTopics({topics: [{topic, numPartitions: 2}], waitForLeaders: true});
		await admin.disconnect();
		const producer = kafka.producer({createPartitioner: Partitioners.DefaultPartitioner, idempotent: true});
		await producer.connect();
		await producer.send({topic, messages: Array.from({length: count}, (_, n) => ({key: `k${n}`, value: JSON.stringify({n})}))});
		await producer.disconnect();
	});

	afterAll(async () => {
		await broker?.stop();
	});

	it.each(['scram-sha-256', 'scram-sha-512'])('record reads every event with %s over TLS, never printing the password', async mechanism => {
		const output = path.join(temp.path, `${mechanism}.jsonl`);
		const result = await runCli(['record', '--source', url(broker.saslSsl!.caFile, mechanism), '--from', 'earliest', '--count', String(count), '--duration', backstopDuration(30), '-o', output], {
			cwd: temp.path,
			env: {KAFKA_USERNAME: user.username, KAFKA_PASSWORD: user.password},
		});
		expect(result.stderr).toContain(`recorded ${count} events`);
		expect(result.code).toBe(0);
		const numbers = recordedEvents<{value: {n: number}}>(output).map(line => line.value.n);
		expect(numbers.sort((a, b) => a - b)).toEqual(Array.from({length: count}, (_, n) => n));
		expect(result.stdout + result.stderr + fs.readFileSync(output, 'utf8')).not.toContain(user.password);
	});

	it('says the certificate is not trusted when the CA given does not match the broker\'s', async () => {
		const wrong = selfSignedCertificate(temp.path, 'other');
		const reader = new Reader(kafkaSource(url(wrong.pem), {from: 'earliest', sasl: {mechanism: 'scram-sha-256', ...user}}));
		await expect.poll(() => reader.source.health(), {timeout: limit(30_000)}).toMatchObject({error: expect.stringMatching(/certificate/i)});
		const health = reader.source.health();
		await reader.close();
		expect(reader.events).toEqual([]);
		expect(health.state).not.toBe('connected');
		expect(JSON.stringify(health)).not.toContain(user.password);
	});

	it('stops with an SASL error that does not show the password when the password is wrong', async () => {
		const wrongPassword = `${user.password}-wrong`;
		const reader = new Reader(kafkaSource(url(broker.saslSsl!.caFile), {from: 'earliest', sasl: {mechanism: 'scram-sha-512', username: user.username, password: wrongPassword}}));
		await reader.ended();
		const health = reader.source.health();
		expect(reader.error).toBeInstanceOf(InputError);
		expect(health).toMatchObject({state: 'error', error: expect.stringMatching(/SASL|auth/i)});
		expect(JSON.stringify(health) + (reader.error as Error).message).not.toContain(wrongPassword);
	});

	/** `metrics` on `source` with the user's credentials in the environment: its exit code and what it printed. */
	const metricsOn = async (source: string) => runCli(['metrics', '--source', source, '--duration', '30s'], {
		cwd: temp.path,
		env: {KAFKA_USERNAME: user.username, KAFKA_PASSWORD: user.password},
	});

	it('says the listener takes no SASL when the URL asks for it on a plain port', async () => {
		const result = await metricsOn(`kafka://${broker.bootstrap}?topics=${topic}&sasl=plain`);
		expect(result.stderr).toContain(`could not read it: ${broker.bootstrap} does not take SASL on this port (the broker answered ILLEGAL_SASL_STATE): leave out sasl= and the credentials`);
		expect(result.stderr).not.toContain(user.password);
		expect(result.code).toBe(1);
	});

	it('says the listener asks for SASL, and with which mechanisms, when the URL gives none', async () => {
		const result = await runCli(['metrics', '--source', url(broker.saslSsl!.caFile), '--duration', '30s'], {cwd: temp.path});
		expect(result.stderr).toMatch(new RegExp(`could not read it: ${broker.saslSsl!.bootstrap} asks for SASL authentication on this port \\(mechanisms SCRAM-SHA-(256|512), SCRAM-SHA-(256|512)\\): give sasl=scram-sha-\\d+ or sasl=scram-sha-\\d+ and the credentials`));
		expect(result.code).toBe(1);
	});

	it('says the port speaks TLS when the URL does not ask for it, with SASL or without', async () => {
		const withSasl = await metricsOn(`kafka://${broker.saslSsl!.bootstrap}?topics=${topic}&sasl=scram-sha-256`);
		expect(withSasl.stderr).toContain(`could not read it: ${broker.saslSsl!.bootstrap} speaks TLS on this port: give tls=true (and ca=FILE for a private CA)`);
		expect(withSasl.stderr).not.toContain(user.password);
		expect(withSasl.code).toBe(1);
		const bare = await runCli(['metrics', '--source', `kafka://${broker.saslSsl!.bootstrap}?topics=${topic}`, '--duration', '30s'], {cwd: temp.path});
		expect(bare.stderr).toMatch(new RegExp(`could not read it: ${broker.saslSsl!.bootstrap} speaks TLS with SASL authentication \\(mechanisms [A-Z0-9-, ]+\\) on this port: give tls=true \\(and ca=FILE for a private CA\\) and sasl=`));
		expect(bare.code).toBe(1);
	});

	it('says the port does not speak TLS when the URL asks for it on a plain port', async () => {
		const result = await runCli(['metrics', '--source', `kafka://${broker.bootstrap}?topics=${topic}&tls=true`, '--duration', '30s'], {cwd: temp.path});
		expect(result.stderr).toContain(`could not read it: ${broker.bootstrap} does not speak TLS on this port (it answers without it): leave out tls=true`);
		expect(result.code).toBe(1);
	});
});
