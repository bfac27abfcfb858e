// A recording of a live run keeps the time that run saw pass with nothing arriving: a stream that stops is `silence`
// live once its quiet lasts the rule's threshold, and the replay of what `record` wrote beside it says the same.
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli} from '../support/cli.js';
import {redisSkipReason, useRedis} from '../support/redis.js';
import {useTempDir} from '../support/temp-dir.js';
import {uniqueName} from './reader.js';

const temp = useTempDir('pubsub-quiet-time-');

/** A silence rule quick enough for a test: 2 s of quiet on a stream that averaged 1 event/s over 10 s. */
const config = 'alerts:\n  rules:\n    silence:\n      windowMs: 10s\n      threshold: 2s\n      minRate: 1\n';

/** The rule and key of each alert line `alerts --json` printed. */
function firedRules(stdout: string): string[] {
	return stdout.split('\n').filter(Boolean).map(line => {
		const alert = JSON.parse(line) as {rule: string; key: string};
		return `${alert.rule} ${alert.key}`;
	});
}

describe.skipIf(redisSkipReason())('a recording of a live run that went quiet', () => {
	const redis = useRedis();

	it('raises on replay the silence the live run raised', async () => {
		const stream = uniqueName('it:quiet');
		// 60 events over the 10 s before now, then nothing.
		const start = Date.now() - 10_000;
		for (let n = 0; n < 60; n++) {
			await redis.client.xadd(stream, '*', 'data', JSON.stringify({eventType: 'Ping', eventId: `P-${n}`, timestamp: new Date(start + (n * 10_000 / 60)).toISOString()}));
		}

		const configFile = path.join(temp.path, 'quiet.yaml');
		fs.writeFileSync(configFile, config);
		const recording = path.join(temp.path, 'quiet.jsonl');
		const source = `${redis.url}?streams=${stream}`;
		const live = ['--source', source, '--from', 'earliest', '--duration', '8s', '--config', configFile];
		const [alerts, recorded] = await Promise.all([
			runCli(['alerts', ...live, '--json'], {cwd: temp.path}),
			runCli(['record', ...live, '-o', recording], {cwd: temp.path}),
		]);
		expect(recorded.stderr).toContain('recorded 60 events');
		expect(firedRules(alerts.stdout)).toEqual([`silence ${stream}`]);

		const replayed = await runCli(['alerts', recording, '--json', '--config', configFile], {cwd: temp.path});
		expect(replayed.code).toBe(0);
		expect(firedRules(replayed.stdout)).toEqual(firedRules(alerts.stdout));
		// From standard input too, and the recording's own recording keeps the quiet time.
		expect(firedRules((await runCli(['alerts', '-', '--json', '--config', configFile], {cwd: temp.path, stdin: fs.readFileSync(recording)})).stdout)).toEqual(firedRules(alerts.stdout));
		const again = path.join(temp.path, 'quiet-again.jsonl');
		expect((await runCli(['record', recording, '-o', again], {cwd: temp.path})).code).toBe(0);
		expect(firedRules((await runCli(['alerts', again, '--json', '--config', configFile], {cwd: temp.path})).stdout)).toEqual(firedRules(alerts.stdout));
	});
});
