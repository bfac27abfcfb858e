// At 80×24 (the on-call size) and 60×16 (the smallest), with hostile-length topic, event type and transaction names
// (recordings/ecommerce.jsonl.gz renamed: `prod.eu-west-1.commerce.<topic>.v2-events`, `<type>WithLongQualifiedSuffix`,
// `ORDER-EU-WEST-PRODUCTION-CHECKOUT-…` ids): the names are what is cut, never a figure, an outcome or a mark. The
// Flow header keeps the slowest edge's p95 and the most erroring edge's errors; the transaction view its outcome,
// slow hops, the slow hop's latency and `failed`; the Overview each firing alert's value and time.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import flowPlugin from '../../plugins/flow/index.js';
import {setUpPlugins, noPlugins} from '../../source/commands/support/plugin-setup.js';
import {setActivePlugins} from '../../source/commands/support/plugins.js';
import {builtInPanes} from '../../source/ui/panes/built-in.js';
import {fittedLines, renderApp, replaySession, sessionPerBlock} from './support/app-harness.js';
import {ENTER} from './support/keys.js';

const recording = path.resolve(import.meta.dirname, '../../recordings/ecommerce.jsonl.gz');
const plugins = setUpPlugins([builtInPanes, flowPlugin], []);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pubsub-long-names-'));
const renamed = path.join(dir, 'long-names.jsonl');
// A payment of the incident: 4 s to PaymentFailed, then the order cancelled.
const id = 'ORDER-EU-WEST-PRODUCTION-CHECKOUT-5T6H-003044';

/** The recording with every topic, event type and order id made long. */
function writeRenamed(): void {
	const [header, ...events] = zlib.gunzipSync(fs.readFileSync(recording)).toString('utf8').trim().split('\n');
	const lines = events.map(line => {
		const event = JSON.parse(line.replaceAll('ORD-5T6H-', 'ORDER-EU-WEST-PRODUCTION-CHECKOUT-5T6H-')) as {topic: string; value: {eventType: string}};
		event.topic = `prod.eu-west-1.commerce.${event.topic}.v2-events`;
		event.value.eventType += 'WithLongQualifiedSuffix';
		return JSON.stringify(event);
	});
	fs.writeFileSync(renamed, [header, ...lines].join('\n') + '\n');
}

writeRenamed();
beforeAll(() => {
	setActivePlugins(plugins);
});
afterAll(() => {
	setActivePlugins(noPlugins);
	fs.rmSync(dir, {recursive: true, force: true});
});

describe('long names at 80×24 and 60×16', () => {
	const held = sessionPerBlock(async () => replaySession(renamed, {run: true, to: Date.UTC(2026, 10, 27, 8, 3, 30)}));

	it.each([[80, 24], [60, 16]])('at %d×%d the Flow header keeps the slowest edge\'s p95 and the most erroring edge\'s errors', async (columns, rows) => {
		const app = (held.app = await renderApp(held.session, {columns, rows, plugins}));
		await app.press('5');
		const lines = fittedLines(await app.waitFor(text => text.includes('Flow · ') && text.includes('slowest transactions on')), columns);
		expect(lines.find(line => line.startsWith('★ slowest ')), lines.join('\n')).toMatch(/ p95 [\d,]+ ms$/);
		expect(lines.find(line => line.includes('✗ most errors ')), lines.join('\n')).toMatch(/ [\d,]+ \(\d+\.\d\d %\)$/);
		// The list under the graph names its edge, cut, and ends its sentence.
		expect(lines.find(line => line.startsWith('slowest transactions on '))).toMatch(/^slowest transactions on \S+->\S+(:| \(← → choose, Enter opens\):)$/);
	});

	it.each([[80, 24], [60, 16]])('at %d×%d the transaction view keeps its outcome, slow hops, the hop\'s latency and `failed`', async (columns, rows) => {
		const app = (held.app = await renderApp(held.session, {columns, rows, plugins}));
		await app.press(':', `tx ${id}`, ENTER);
		const lines = fittedLines(await app.waitFor(text => text.includes('5T6H-003044 · ')), columns);
		expect(lines[2], lines.join('\n')).toMatch(/5T6H-003044 · 4 events · (total )?4,172 ms · (outcome )?✗ error · ⚠ 1 slow( hop)?( · Esc back)?$/);
		expect(lines.find(line => line.startsWith('⚠ slow '))).toMatch(/ on \S+: 4,143 ms( \(> 100 ms\))?$/);
		expect(lines.find(line => line.startsWith('✗ PaymentFailed'))).toMatch(/ on \S+ failed$/);
	});

	it.each([[80, 24], [60, 16]])('at %d×%d the Overview keeps each firing alert\'s value and time', async (columns, rows) => {
		const app = (held.app = await renderApp(held.session, {columns, rows, plugins}));
		const lines = fittedLines(await app.waitFor('Alerts  ✗'), columns);
		const alerts = lines.filter(line => /^ {2}[✗⚠·] /.test(line));
		expect(alerts.length).toBe(3);
		for (const alert of alerts) expect(alert).toMatch(/ [\d.,]+( %)? vs [\d.,]+( %)? {2}\d\d:\d\d:\d\d \(\d[^)]*\)$/);
		// A topic's name as an alert's key is what is cut, keeping its end.
		expect(alerts.join('\n')).toMatch(/ …\S+ {2}[\d.,]+( %)? vs /);
	});
});
