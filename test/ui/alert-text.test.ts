// Alert values read in their rule's unit: an error rate just over 5 % must not read as "0.05 vs 0.05".
import {describe, expect, it} from 'vitest';
import {alertMeasure} from '../../source/ui/alert-text.js';
import type {Alert} from '../../source/core/alerts/types.js';

const alert = (rule: string, value: number, threshold: number): Alert => ({
	id: `${rule}:k:0`, rule, key: 'k', severity: 'warning', firedAt: 0, value, threshold, message: '', exampleIds: [],
});

describe('alertMeasure', () => {
	it.each([
		['error-rate', 0.0504, 0.05, '5.04 % vs 5 %'],
		['slo.latency', 1754.6, 1000, '1,755 ms vs 1,000 ms'],
		['silence', 45_000, 30_000, '45s vs 30s'],
		['rate-limit', 11, 10, '11 vs 10'],
		['fraud.amount', 12_499.75, 10_000, '12,499.75 vs 10,000'],
	])('%s %d vs %d → %s', (rule, value, threshold, text) => {
		expect(alertMeasure(alert(rule, value, threshold))).toBe(text);
	});
});
