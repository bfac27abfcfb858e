// Two long topic names alike at their start (`com.example.platform….created-events`, `com.example.platform….payment-events`)
// and a short one: the Flow pane's edge lines cut the one edge target among them at its end, `com.example.platfor…`,
// which reads as either long topic (the other is a node, no edge's target). An edge's target is told apart from every
// node name, as the node lines and the header's edges are.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import flowPlugin from '../../plugins/flow/index.js';
import {setUpPlugins, noPlugins} from '../../source/commands/support/plugin-setup.js';
import {setActivePlugins} from '../../source/commands/support/plugins.js';
import {builtInPanes} from '../../source/ui/panes/built-in.js';
import {fittedLines, renderApp, replaySession, sessionPerBlock} from './support/app-harness.js';
import {toldApart} from './support/told-apart.js';

const plugins = setUpPlugins([builtInPanes, flowPlugin], []);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pubsub-edge-targets-'));
const recording = path.join(dir, 'edge-targets.jsonl');
const long = (name: string) => `com.example.platform.eu-west-1.production.checkout-service.v2.domain-events.${name}-events-with-a-long-suffix`;
const topics = [long('order-created'), long('payment-authorization'), 'single.event.topic'];

beforeAll(() => {
	const start = Date.UTC(2026, 11, 1, 9);
	const lines: string[] = [];
	const event = (topic: string, type: string, orderId: string, ms: number) => {
		const at = new Date(start + ms).toISOString();
		lines.push(JSON.stringify({topic, value: {eventType: type, orderId, timestamp: at}, recordedAt: at}));
	};

	for (let n = 0; n < 20; n++) {
		event(topics[0]!, 'OrderCreated', `ORD-${n}`, n * 500);
		event(topics[1]!, 'PaymentAuthorized', `ORD-${n}`, (n * 500) + 200);
	}

	event(topics[2]!, 'Lonely', 'ORD-1', 900);
	fs.writeFileSync(recording, `${lines.sort((a, b) => (JSON.parse(a) as {recordedAt: string}).recordedAt.localeCompare((JSON.parse(b) as {recordedAt: string}).recordedAt)).join('\n')}\n`);
	setActivePlugins(plugins);
});
afterAll(() => {
	setActivePlugins(noPlugins);
	fs.rmSync(dir, {recursive: true, force: true});
});

describe('the Flow pane\'s edge targets alike at their start', () => {
	const held = sessionPerBlock(async () => replaySession(recording, {run: true}));

	it.each([[80, 24], [60, 16]])('at %d×%d are told apart from every node, not only from the other targets', async (columns, rows) => {
		const app = (held.app = await renderApp(held.session, {columns, rows, plugins}));
		await app.press('5');
		const frame = await app.waitFor(text => text.includes('Flow · ') && /[├└]─/.test(text));
		const targets = fittedLines(frame, columns).flatMap(line => /[├└]─[▶↺↑] (\S+)/.exec(line)?.[1] ?? []);
		expect(targets, frame).toHaveLength(2);
		toldApart(targets, topics, frame);
	});
});
