// The demo's incident raises error-rate and slo.latency alerts and its recovery resolves every one of them: in the
// bundled recording, and from `--source demo` under a config with shorter windows (hence a shorter recovery).
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import type {Alert} from '../../source/core/alerts/types.js';
import {defaultConfig} from '../../source/core/config.js';
import {parseConfig} from '../../source/core/config-file.js';
import {fastStartTime} from '../../source/core/sources/simulator/source.js';
import {defaultPhases, demoPhases, PhaseTimeline} from '../../source/core/sources/simulator/phases.js';
import {runCli} from '../support/cli.js';
import {useTempDir} from '../support/temp-dir.js';
import {incidentAlertProblems, incidentAlerts, incidentKeys} from '../support/incident-alerts.js';

const recording = path.resolve(import.meta.dirname, '../../recordings/ecommerce.jsonl.gz');
const temp = useTempDir('pubsub-demo-alerts-');

/** The alerts `pubsub-tools alerts … --json` printed, one per line. */
async function alertsOf(args: string[]): Promise<Alert[]> {
	const result = await runCli(['alerts', ...args, '--json'], {cwd: temp.path});
	expect(result.code, result.stderr).toBe(0);
	return result.stdout.trim().split('\n').map(line => JSON.parse(line) as Alert);
}

const keysOf = (alerts: Alert[]) => incidentAlerts(alerts).map(alert => `${alert.rule} ${alert.key}`).sort();

describe('the demo incident and its recovery', () => {
	it('recordings/ecommerce.jsonl.gz: each error-rate and slo.latency alert fires during the incident and resolves during the recovery', async () => {
		const alerts = await alertsOf([recording]);
		expect(keysOf(alerts)).toEqual(incidentKeys);
		expect(incidentAlertProblems(alerts, defaultPhases, fastStartTime, defaultConfig.latency.allowedLatenessMs)).toEqual([]);
		// The latency SLOs need most of the recovery: the slow hops leave the 5 min window, then 5 min of hysteresis.
		const timeline = new PhaseTimeline(defaultPhases, fastStartTime);
		const incidentEnd = timeline.slot(0, 2).end;
		const slo = incidentAlerts(alerts).filter(alert => alert.rule === 'slo.latency');
		expect(Math.min(...slo.map(alert => alert.resolvedAt! - incidentEnd))).toBeGreaterThan(defaultConfig.alerts.rules['slo.latency'].windowMs);
	});

	it('--source demo with shorter windows in --config runs a shorter cycle whose recovery still resolves them all', async () => {
		const yaml = ['alerts:', '  rules:', '    slo.latency:', '      windowMs: 1m', '    error-rate:', '      windowMs: 30s', ''].join('\n');
		const file = path.join(temp.path, 'short-windows.yaml');
		fs.writeFileSync(file, yaml);
		const config = parseConfig(yaml, file);
		const phases = demoPhases(config);
		// 2 × 1 min (the slow hops leave the window, then hysteresis) + 5 s lateness + 30 s for the incident's last sagas.
		expect(phases.at(-1)).toMatchObject({name: 'recovery', durationMs: 155_000});
		// Two cycles of the shorter demo: each incident raises its alerts again, and its own recovery resolves them.
		const cycleMs = phases.reduce((sum, phase) => sum + phase.durationMs, 0);
		const alerts = await alertsOf(['--source', 'demo', '--duration', `${(2 * cycleMs) / 1000}s`, '--config', file]);
		expect(keysOf(alerts)).toEqual(incidentKeys.flatMap(key => [key, key]));
		expect(incidentAlertProblems(alerts, phases, fastStartTime, config.latency.allowedLatenessMs)).toEqual([]);
	});
});
