import {defineConfig} from 'vitest/config';
import {limit} from './test/support/limits.js';

export default defineConfig({
	test: {
		include: ['test/**/*.test.{ts,tsx}'],
		globalSetup: ['test/global-setup.ts'],
		// Scaled as every limit a test sets itself (test/support/limits.ts): TEST_TIME_SCALE, CI=true or the load.
		testTimeout: limit(60_000),
		hookTimeout: limit(180_000),
		reporters: ['default'],
		// Most test files wait on subprocesses, brokers and terminals rather than compute: vitest's default of one
		// worker per core but one (a single worker on 2 cores) left the machine mostly idle. Four files at a time
		// took the suite from 18 to under 7 minutes on 2 cores (1,078 s → 394 s in two clean-clone CI runs).
		maxWorkers: 4,
	},
});
