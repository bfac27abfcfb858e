// The demo's recovery is sized from the alert config: long enough for every alert the incident raises to resolve.
import {describe, expect, it} from 'vitest';
import type {Config} from '../../../../source/core/config.js';
import {defaultConfig} from '../../../../source/core/config.js';
import {createEngine} from '../../../../source/core/engine.js';
import {openStore} from '../../../../source/core/store/store.js';
import {simulatorSource, fastStartTime} from '../../../../source/core/sources/simulator/source.js';
import {defaultPhases, demoPhases, recoveryDuration} from '../../../../source/core/sources/simulator/phases.js';
import {incidentAlertProblems, incidentAlerts, incidentKeys} from '../../../support/incident-alerts.js';

const minute = 60_000;

/** The default config with the windows of the incident's rules changed (and rules switched off). */
function withWindows(windows: {slo?: number; errors?: number}, disabled: string[] = []): Config {
	const config = structuredClone(defaultConfig);
	const rules = config.alerts.rules;
	if (windows.slo !== undefined) rules['slo.latency'].windowMs = windows.slo;
	if (windows.errors !== undefined) rules['error-rate'].windowMs = windows.errors;
	for (const name of disabled) rules[name as keyof typeof rules].enabled = false;
	return config;
}

describe('recoveryDuration', () => {
	it('covers the longest window of the incident rules twice (the incident leaves it, then hysteresis), lateness and the incident tail', () => {
		// 2 × 5 min (slo.latency) + 5 s allowed lateness + 30 s for the incident's last sagas.
		expect(recoveryDuration(defaultConfig)).toBe(635_000);
		expect(recoveryDuration(withWindows({slo: minute, errors: 30_000}))).toBe(155_000);
		expect(recoveryDuration(withWindows({errors: 10 * minute}))).toBe(1_235_000);
		expect(recoveryDuration(withWindows({}, ['slo.latency']))).toBe(2 * minute + 35_000);
	});

	it('keeps 30 s with both rules off, and little more than the incident tail with tiny windows and no lateness', () => {
		expect(recoveryDuration(withWindows({}, ['slo.latency', 'error-rate']))).toBe(30_000);
		const tiny = withWindows({slo: 1000, errors: 500});
		tiny.latency.allowedLatenessMs = 0;
		expect(recoveryDuration(tiny)).toBe(32_000);
	});

	it('changes only the recovery: the default phases are the demo phases of the default config', () => {
		const short = demoPhases(withWindows({slo: minute, errors: 30_000}));
		expect(short.map(phase => phase.name)).toEqual(['normal', 'black-friday', 'incident', 'recovery']);
		expect(short.slice(0, 3)).toEqual(defaultPhases.slice(0, 3));
		expect({...short[3], durationMs: 0}).toEqual({...defaultPhases[3], durationMs: 0});
		expect(defaultPhases.map(phase => phase.durationMs)).toEqual([30_000, 40_000, 40_000, 635_000]);
	});
});

describe('a demo cycle under a config with a longer latency window', () => {
	it('resolves every incident alert within its recovery, which the default recovery would be too short for', async () => {
		const config = withWindows({slo: 7 * minute, errors: 2 * minute});
		const phases = demoPhases(config);
		const cycleMs = phases.reduce((sum, phase) => sum + phase.durationMs, 0);
		const store = openStore({ephemeral: true, retention: config.store.retention, maxTransactionEvents: config.transactions.maxEvents});
		const engine = createEngine({config, store, sources: [simulatorSource({seed: 42, mode: 'fast', phases, durationMs: cycleMs})]});
		try {
			await engine.run();
			const alerts = store.alerts();
			expect(incidentAlerts(alerts).map(alert => `${alert.rule} ${alert.key}`).sort()).toEqual(incidentKeys);
			expect(incidentAlertProblems(alerts, phases, fastStartTime, config.latency.allowedLatenessMs)).toEqual([]);
			const incidentEnd = fastStartTime + phases.slice(0, 3).reduce((sum, phase) => sum + phase.durationMs, 0);
			const latest = Math.max(...incidentAlerts(alerts).map(alert => alert.resolvedAt!));
			expect(latest - incidentEnd).toBeGreaterThan(defaultPhases[3]!.durationMs);
		} finally {
			await engine.stop();
			await store.close();
		}
	});
});
