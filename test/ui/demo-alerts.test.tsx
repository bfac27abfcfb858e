// The Alerts pane over the demo recording: the incident's error-rate and slo.latency alerts are firing when the
// replay stops where the incident ends, and all resolved, within the recovery, once the whole recording has played.
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {fastStartTime} from '../../source/core/sources/simulator/source.js';
import {defaultPhases, PhaseTimeline} from '../../source/core/sources/simulator/phases.js';
import {incidentKeys} from '../support/incident-alerts.js';
import {renderApp, replaySession, type RenderedApp} from './support/app-harness.js';

const recording = path.resolve(import.meta.dirname, '../../recordings/ecommerce.jsonl.gz');
const timeline = new PhaseTimeline(defaultPhases, fastStartTime);
const incident = timeline.slot(0, 2);
const recovery = timeline.slot(0, 3);
/** A time as the pane writes it (UTC, ms); the recording spans one morning, so these compare as text. */
const clock = (ms: number) => new Date(ms).toISOString().slice(11, 23);

/** The Alerts pane's row for each incident alert (`rule key`), in incidentKeys order. */
function incidentRows(frame: string): string[] {
	const lines = frame.split('\n');
	return incidentKeys.map(name => {
		const [rule, key] = name.split(' ') as [string, string];
		return lines.find(line => line.includes(` ${rule} `) && line.includes(` ${key} `)) ?? `no row for ${name}`;
	});
}

/** Replay the recording (up to `to`), open the Alerts pane at 160×40 and return its frame. */
async function alertsPane(to?: number): Promise<string> {
	const session = await replaySession(recording, {run: true, to});
	let app: RenderedApp | undefined;
	try {
		app = await renderApp(session, {columns: 160, rows: 40});
		await app.press('4');
		return await app.waitFor(frame => frame.includes('[4 Alerts]') && frame.includes('slo.latency'));
	} finally {
		app?.unmount();
		await session.close();
	}
}

describe('Alerts pane over recordings/ecommerce.jsonl.gz', () => {
	it('shows the incident alerts firing when the replay stops at the end of the incident', async () => {
		const frame = await alertsPane(incident.end);
		for (const row of incidentRows(frame)) expect(row, frame).toMatch(/^. ✗ (critical|warning|info) /);
	});

	it('shows every one of them resolved within the recovery once the recovery has been replayed', async () => {
		const frame = await alertsPane();
		for (const row of incidentRows(frame)) {
			expect(row, frame).toMatch(/^. ✓ (critical|warning|info) /);
			const [, firedAt, resolvedAt] = /(\d\d:\d\d:\d\d\.\d{3})–(\d\d:\d\d:\d\d\.\d{3})/.exec(row) ?? [];
			expect(firedAt! >= clock(incident.start) && firedAt! < clock(incident.end), row).toBe(true);
			expect(resolvedAt! >= clock(recovery.start) && resolvedAt! < clock(recovery.end), row).toBe(true);
		}
	});
});
