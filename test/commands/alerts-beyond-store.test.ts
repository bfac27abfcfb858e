// `alerts` on a run that fires more alerts than the store keeps (its newest 10,000): the listing is those, and it
// says so on stderr; the text summary counts every alert fired, as `replay --headless` does. Both said `10,000
// alerts` for 12,001, silently.
import {describe, expect, it} from 'vitest';
import {runCli} from '../support/cli.js';
import {useTempDir} from '../support/temp-dir.js';
import {writeAlertFlood} from '../support/test-plugins.js';
import {limit} from '../support/limits.js';

const temp = useTempDir('pubsub-alerts-beyond-');

describe('alerts beyond the 10,000 the store keeps', () => {
	it('counts every alert fired and says that the newest 10,000 are listed', async () => {
		const {input} = writeAlertFlood(temp.path);
		const text = await runCli(['alerts', input, '--plugin', './flood.mjs'], {cwd: temp.path});
		expect(text.code).toBe(0);
		expect(text.stdout.trim().split('\n').at(-1)).toMatch(/^12,001 alerts, [\d,]+ still firing$/);
		expect(text.stderr).toBe('pubsub-tools: 12,001 alerts fired; the store keeps the newest 10,000, which are listed\n');
		const json = await runCli(['alerts', input, '--plugin', './flood.mjs', '--json'], {cwd: temp.path});
		expect(json.stdout.trim().split('\n')).toHaveLength(10_000);
		expect(json.stderr).toBe('pubsub-tools: 12,001 alerts fired; the store keeps the newest 10,000, which are listed\n');
		const replay = await runCli(['replay', input, '--plugin', './flood.mjs', '--speed', 'max', '--headless'], {cwd: temp.path});
		expect(replay.stdout).toMatch(/^replay finished: 12,000 events, 0 malformed, [\d,]+ alerts firing, 12,001 alerts in all$/m);
	}, limit(90_000));
});
