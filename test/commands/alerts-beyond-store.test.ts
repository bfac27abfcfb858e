// `alerts` on a run that fires more alerts than the store keeps (its newest 10,000): the listing is those, and it
// says so on stderr; the text summary counts every alert fired, as `replay --headless` does. Both said `10,000
// alerts` for 12,001, silently.
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli} from '../support/cli.js';
import {useTempDir} from '../support/temp-dir.js';

const temp = useTempDir('pubsub-alerts-beyond-');

/** A plugin raising an alert on the first event and one on every event, each on its own key. */
const flood = `export default {name: 'flood', apiVersion: 1, setup(context) {
	context.registerStage({name: 'flood', create(stage) {
		let n = 0;
		return {onBatch({events}) {
			for (const event of events) {
				if (n === 0) stage.raise({rule: 'flood.first', key: 'first', at: event.timestamp, message: 'the first event'});
				stage.raise({rule: 'flood.every', key: 'k' + n++, at: event.timestamp, message: 'an event'});
			}
		}, snapshot: () => n};
	}});
}};
`;

describe('alerts beyond the 10,000 the store keeps', () => {
	it('counts every alert fired and says that the newest 10,000 are listed', async () => {
		const start = Date.parse('2026-11-27T08:00:00Z');
		const input = path.join(temp.path, 'many-alerts.jsonl');
		fs.writeFileSync(input, Array.from({length: 12_000}, (_, index) => JSON.stringify({topic: 'orders', value: {eventType: 'OrderCreated', orderId: `ORD-${index}`, timestamp: new Date(start + index * 10).toISOString()}})).join('\n') + '\n');
		fs.writeFileSync(path.join(temp.path, 'flood.mjs'), flood);
		const text = await runCli(['alerts', input, '--plugin', './flood.mjs'], {cwd: temp.path});
		expect(text.code).toBe(0);
		expect(text.stdout.trim().split('\n').at(-1)).toMatch(/^12,001 alerts, [\d,]+ still firing$/);
		expect(text.stderr).toBe('pubsub-tools: 12,001 alerts fired; the store keeps the newest 10,000, which are listed\n');
		const json = await runCli(['alerts', input, '--plugin', './flood.mjs', '--json'], {cwd: temp.path});
		expect(json.stdout.trim().split('\n')).toHaveLength(10_000);
		expect(json.stderr).toBe('pubsub-tools: 12,001 alerts fired; the store keeps the newest 10,000, which are listed\n');
		const replay = await runCli(['replay', input, '--plugin', './flood.mjs', '--speed', 'max', '--headless'], {cwd: temp.path});
		expect(replay.stdout).toMatch(/^replay finished: 12,000 events, 0 malformed, [\d,]+ alerts firing, 12,001 alerts in all$/m);
	}, 90_000);
});
