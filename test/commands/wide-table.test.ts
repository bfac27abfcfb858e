// Headless tables (metrics, query) with names of wide characters: columns padded by cells, not by UTF-16 units, so the
// figures stay under their headers when a topic is `注文.東京` or carries an emoji.
import fs from 'node:fs';
import path from 'node:path';
import stringWidth from 'string-width';
import {describe, expect, it} from 'vitest';
import {formatAlert} from '../../source/commands/alerts.js';
import {formatTable} from '../../source/commands/support/table.js';
import {runCli} from '../support/cli.js';
import {useTempDir} from '../support/temp-dir.js';

const temp = useTempDir('pubsub-wide-table-');

describe('headless tables of wide names', () => {
	it('pads each cell to the widest cell of its column, in cells', () => {
		expect(formatTable(['topic', 'events'], [['注文.東京', 22], ['orders', 3], ['pay.😀', 10]])).toBe([
			'topic      events',
			'注文.東京      22',
			'orders          3',
			'pay.😀         10',
		].join('\n'));
	});

	it('metrics: every topic\'s event count ends under the header\'s `events`', async () => {
		const file = path.join(temp.path, 'wide.jsonl');
		const topics = ['注文.東京.イベント', 'orders.plain', 'café.🇩🇪'];
		const lines = Array.from({length: 9}, (_, index) => JSON.stringify({
			topic: topics[index % 3], partition: 0, offset: String(index), key: `K-${index}`,
			value: {orderId: `ORD-${index}`}, timestamp: new Date(Date.UTC(2026, 0, 1, 0, 0, index)).toISOString(),
		}));
		fs.writeFileSync(file, `${lines.join('\n')}\n`);
		const result = await runCli(['metrics', file], {cwd: temp.path});
		expect(result.code, result.stderr).toBe(0);
		const out = result.stdout.split('\n');
		const header = out.find(line => line.startsWith('topic '))!;
		const end = (line: string) => stringWidth(/^.*? {2,}\d+/.exec(line)![0]);
		for (const topic of topics) {
			const row = out.find(line => line.startsWith(`${topic} `));
			expect(row, result.stdout).toBeDefined();
			expect(end(row!), result.stdout).toBe(stringWidth(/^topic +events/.exec(header)![0]));
		}
	});

	it('alerts: the message starts in the same column whatever the rule name\'s characters (a plugin may name its rules)', () => {
		const alert = {id: 'a', key: 'k', severity: 'warning' as const, firedAt: 0, value: 1, threshold: 1, message: 'MESSAGE', exampleIds: []};
		const column = (rule: string) => stringWidth(formatAlert({...alert, rule}).split('MESSAGE')[0]!);
		expect(column('注文.遅延')).toBe(column('saga.timeout'));
		expect(column('pay.😀')).toBe(column('saga.timeout'));
	});
});
