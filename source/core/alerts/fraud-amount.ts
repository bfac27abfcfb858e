// fraud.amount — one payment with an amount of at least `threshold` (default 10 000), keyed by transaction.
// Severity critical. The condition is an instant; the alert resolves after a window with no other such payment
// of the same transaction, so the several events of one payment raise one alert.
import {findExactString} from '../exact-integer.js';
import {findAmount, findCurrency} from '../fields.js';
import {paymentKind} from './classify.js';
import * as v from 'valibot';
import {positiveNumber} from '../config-schema.js';
import {noReports, type AlertRule, type RuleContext, type RuleReport} from './rule.js';
import {ruleSettings} from './settings.js';

/** fraud.amount's settings and their defaults (`alerts.rules.fraud.amount`). */
export const fraudAmountSettings = ruleSettings({severity: 'critical', windowMs: 60_000}, {threshold: v.optional(positiveNumber, 10_000)});

/** The fraud.amount rule; redeliveries (duplicates) are ignored. */
export function createFraudAmountRule({config}: RuleContext): AlertRule {
	const settings = config.alerts.rules['fraud.amount'];
	const {amount, containers} = config.fields;
	const {maxExamples} = config.alerts;
	// A payment carrying several ids is named by its own (transaction or payment id) when it has one.
	const paymentIds = config.fields.ids.filter(name => /transaction|payment/i.test(name));
	return {
		name: 'fraud.amount',
		severity: settings.severity,
		windowMs: settings.windowMs,
		settleMs: 0,
		observe({events, times, kinds}) {
			let reports: RuleReport[] | undefined;
			for (let i = 0; i < events.length; i++) {
				const env = events[i]!;
				if (env.duplicate || env.copy || (kinds[i]! & paymentKind) === 0) continue;
				const value = findAmount(env.value, env.headers, amount, containers);
				if (value === undefined || value < settings.threshold) continue;
				const currency = findCurrency(env.value, env.headers, amount, containers);
				const key = findExactString(env, paymentIds, containers) ?? env.ids[0] ?? env.eventId;
				const at = times[i]!;
				(reports ??= []).push({
					kind: 'violation',
					key,
					at,
					until: at,
					value,
					threshold: settings.threshold,
					message: `transaction ${key} paid ${value}${currency === undefined ? '' : ` ${currency}`} (threshold ${settings.threshold})`,
					exampleIds: env.ids.slice(0, maxExamples),
				});
			}

			return reports ?? noReports;
		},
		keys: () => ({tracked: 0, dropped: 0}),
	};
}
