// lag — a consumer group's lag (Kafka) or pending entries (Redis) above `threshold` (default 10 000), from the lag
// readings live sources take; keyed by group and topic ("group@topic": Redis groups belong to one stream).
// Severity warning. The alert holds until a reading at or below the threshold (or a round without the group), and
// resolves a full window (default 1 min) after that.
import {noReports, type AlertRule, type LagReport, type RuleContext, type RuleReport} from './rule.js';
import {countRuleSettings} from './settings.js';

/** lag's settings and their defaults (`alerts.rules.lag`). */
export const lagSettings = countRuleSettings({severity: 'warning', windowMs: 60_000, threshold: 10_000, maxKeys: 10_000});

/** Readings of one round summed per group and topic (a source may report partitions separately). */
function totals(readings: readonly LagReport[]): Map<string, LagReport & {pending: number}> {
	const byKey = new Map<string, LagReport & {pending: number}>();
	for (const reading of readings) {
		const key = `${reading.group}@${reading.topic}`;
		const total = byKey.get(key);
		if (total === undefined) {
			byKey.set(key, {...reading, pending: reading.pending ?? 0});
		} else {
			total.lag += reading.lag;
			total.pending += reading.pending ?? 0;
		}
	}

	return byKey;
}

/** The lag rule: only lag readings feed it, never events. */
export function createLagRule({config}: RuleContext): AlertRule {
	const settings = config.alerts.rules.lag;
	// Groups above the threshold now; capped like every rule's keys.
	const lagging = new Set<string>();
	let dropped = 0;
	return {
		name: 'lag',
		severity: settings.severity,
		windowMs: settings.windowMs,
		settleMs: 0,
		observe: () => noReports,
		observeLag(readings, now) {
			const reports: RuleReport[] = [];
			const round = totals(readings);
			for (const [key, {group, topic, lag, pending}] of round) {
				const value = Math.max(lag, pending);
				if (value <= settings.threshold) {
					if (lagging.delete(key)) reports.push({kind: 'end', key, at: now});
					continue;
				}

				if (lagging.has(key)) continue;
				if (lagging.size >= settings.maxKeys) {
					dropped++;
					continue;
				}

				lagging.add(key);
				const what = pending > lag ? `has ${pending} pending entries on` : `lags ${lag} messages behind on`;
				reports.push({
					kind: 'violation',
					key,
					at: now,
					until: Number.POSITIVE_INFINITY,
					value,
					threshold: settings.threshold,
					message: `group ${group} ${what} ${topic} (threshold ${settings.threshold})`,
					exampleIds: [],
				});
			}

			for (const key of lagging) {
				if (round.has(key)) continue;
				lagging.delete(key);
				reports.push({kind: 'end', key, at: now});
			}

			return reports;
		},
		keys: () => ({tracked: lagging.size, dropped}),
	};
}
