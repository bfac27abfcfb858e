// Runs once before the suite: builds dist/ (CLI tests run the real binary) when it is missing or older than a source,
// and starts the Kafka broker and Redis server the integration tests talk to, unless they are already running; stops
// what it started.
import {buildIfStale} from '../scripts/build-if-stale.mjs';
import {startKafkaForTests} from './support/kafka.js';
import {startRedisForTests} from './support/redis.js';

/** Compile if stale, start the servers, and return the teardown that stops them. */
export default async function setup(): Promise<() => Promise<void>> {
	// Only a stale dist/ is compiled (scripts/build-if-stale.mjs): one put in place newer than the sources (the build
	// of an A/B comparison) is tested as it is. CI's `npm ci` builds a fresh clone (prepare), so its tests see that build.
	try {
		buildIfStale('test setup: building dist/ (missing, or older than a source)…\n');
	} catch (error) {
		// While several people edit the tree at once a half-written file must not stop everyone's tests.
		if (process.env.PUBSUB_TOLERATE_TSC !== '1') throw error;
	}

	const [kafka, redis] = await Promise.all([startKafkaForTests(), startRedisForTests()]);
	return async () => {
		await Promise.all([kafka.stop(), redis.stop()]);
	};
}
