// Kafka for tests: one shared broker (global setup) or one per test file, and dedicated brokers for restart tests.
import {javaProblem, startKafkaServer, type KafkaServer, type KafkaServerOptions} from '../../scripts/kafka-server.js';

/** A broker for the tests, or the reason there is none. */
export type TestKafka = {bootstrap?: string; skipReason?: string; stop(): Promise<void>};

const noop = async () => undefined;

/**
 * Why Kafka tests must skip here (undefined when they can run); `dedicated` tests start brokers of their own, so
 * they need Java even when KAFKA_BOOTSTRAP names a running one. Under CI=true a missing Java is an error instead:
 * CI must never pass by skipping the broker tests.
 */
export function kafkaSkipReason(options: {dedicated?: boolean} = {}): string | undefined {
	if (process.env.KAFKA_BOOTSTRAP && !options.dedicated) return undefined;
	const problem = javaProblem();
	if (!problem) return undefined;
	if (process.env.CI === 'true') throw new Error(`Kafka integration tests cannot run: ${problem} (CI=true: failing instead of skipping)`);
	console.warn(`\n!!! SKIPPING Kafka integration tests: ${problem}\n`);
	return problem;
}

/**
 * For the global setup: reuse the broker KAFKA_BOOTSTRAP names, else start one and set KAFKA_BOOTSTRAP so every test
 * worker uses it. Without Java: `skipReason` (or a thrown error under CI=true).
 */
export async function startKafkaForTests(): Promise<TestKafka> {
	if (process.env.KAFKA_BOOTSTRAP) return {bootstrap: process.env.KAFKA_BOOTSTRAP, stop: noop};
	const skipReason = kafkaSkipReason();
	if (skipReason) return {skipReason, stop: noop};
	const server = await startKafkaServer({progress: message => console.warn(`kafka: ${message}`)});
	process.env.KAFKA_BOOTSTRAP = server.bootstrap;
	return {
		bootstrap: server.bootstrap,
		async stop() {
			delete process.env.KAFKA_BOOTSTRAP;
			await server.stop();
		},
	};
}

/** For a test file's beforeAll: the shared broker, or one started for this file when no global setup made one. */
export async function kafkaForTestFile(): Promise<{bootstrap: string; stop(): Promise<void>}> {
	if (process.env.KAFKA_BOOTSTRAP) return {bootstrap: process.env.KAFKA_BOOTSTRAP, stop: noop};
	const server = await startKafkaServer();
	return {bootstrap: server.bootstrap, stop: server.stop};
}

/** A broker of the test's own, which it may stop and start again (`down()` / `up()`); `saslSsl` and `saslPlaintext` add those listeners, `advertisedPort` a proxy in front, `version` another Kafka release. */
export async function startDedicatedKafka(options: Pick<KafkaServerOptions, 'saslSsl' | 'saslPlaintext' | 'joins' | 'port' | 'advertisedPort' | 'version'> = {}): Promise<KafkaServer> {
	return startKafkaServer(options);
}
