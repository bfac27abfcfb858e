// A second monitor on the default store (the first one holds it): the message says what to do, a store of its own
// with --data-dir DIR (or --ephemeral), and not only that the store is in use by process N.
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli, startCli} from '../support/cli.js';
import {redisSkipReason, useRedis} from '../support/redis.js';
import {useTempDir} from '../support/temp-dir.js';
import {uniqueName} from '../support/unique-name.js';
import {limit} from '../support/limits.js';

const temp = useTempDir('pubsub-store-in-use-');

describe.skipIf(redisSkipReason())('a second monitor on the default store', () => {
	const redis = useRedis();

	it('says to give it --data-dir DIR of its own', async () => {
		const source = `${redis.url}?streams=${uniqueName('in-use')}`;
		const first = startCli(['monitor', '--source', source, '--headless', '--duration', '60s'], {cwd: temp.path});
		try {
			// startCli's default store: XDG_STATE_HOME under the working directory.
			const lock = path.join(temp.path, '.state-for-tests', 'pubsub-tools', 'pubsub-tools.lock');
			await expect.poll(() => fs.existsSync(lock), {timeout: limit(20_000)}).toBe(true);
			const second = await runCli(['monitor', '--source', source, '--headless', '--duration', '1s'], {cwd: temp.path});
			expect(second.code).toBe(1);
			expect(second.stderr).toContain(`is in use by process ${first.child.pid}`);
			expect(second.stderr).toContain('--data-dir DIR');
		} finally {
			first.child.kill('SIGINT');
			await first.exited;
		}
	});
});
