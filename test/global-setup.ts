// Runs once before the suite: builds dist/ (CLI tests run the real binary) and starts the Kafka broker and Redis
// server the integration tests talk to, unless they are already running; stops what it started.
import {execFileSync} from 'node:child_process';
import {startKafkaForTests} from './support/kafka.js';
import {startRedisForTests} from './support/redis.js';

/** Compile, start the servers, and return the teardown that stops them. */
export default async function setup(): Promise<() => Promise<void>> {
	// Incremental (tsconfig's dist/.tsbuildinfo): outputs are rewritten only for sources whose content changed, and none
	// when nothing did, so a dist/ under measurement is swapped only after its sources were edited, when the tests must
	// see the edit. (A dist file deleted or edited by hand is not put back: rm dist/.tsbuildinfo and build again.)
	try {
		execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json'], {stdio: 'inherit'});
	} catch (error) {
		// While several people edit the tree at once a half-written file must not stop everyone's tests.
		if (process.env.PUBSUB_TOLERATE_TSC !== '1') throw error;
	}

	const [kafka, redis] = await Promise.all([startKafkaForTests(), startRedisForTests()]);
	return async () => {
		await Promise.all([kafka.stop(), redis.stop()]);
	};
}
