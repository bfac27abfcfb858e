import {describe, expect, it} from 'vitest';
import {parseEventTime} from '../../source/core/envelope.js';
import {simpleIsoUtcMs} from '../../source/core/iso-time.js';

const pad = (value: number, width: number) => String(value).padStart(width, '0');

/** What parseEventTime gave for an ISO text before the direct reading: Date.parse, as UTC when it names no zone; the epoch and before is no time. */
function byDateParse(text: string): number | undefined {
	const parsed = Date.parse(text.length > 10 && !/[Zz+-]/.test(text.slice(11)) ? `${text}Z` : text);
	return Number.isNaN(parsed) || parsed <= 0 ? undefined : parsed;
}

describe('simpleIsoUtcMs', () => {
	it('reads the common shapes of event times as Date.parse does', () => {
		expect(simpleIsoUtcMs('2026-11-21T10:00:00.024Z')).toBe(Date.UTC(2026, 10, 21, 10, 0, 0, 24));
		expect(simpleIsoUtcMs('2024-02-28T23:59:59Z')).toBe(Date.UTC(2024, 1, 28, 23, 59, 59));
		expect(simpleIsoUtcMs('1969-12-28T23:59:59.999')).toBe(Date.UTC(1969, 11, 28, 23, 59, 59, 999));
	});

	it('leaves every other text to Date.parse', () => {
		for (const text of ['2024-01-31T00:00:00Z', '0999-01-01T00:00:00Z', '2024-01-01T24:00:00Z', '2024-01-01T00:00:60Z', '2024-01-01 00:00:00Z',
			'2024-01-01T00:00:00.5Z', '2024-01-01T00:00:00z', '2024-01-01T00:00:00+01:00', '2024-13-01T00:00:00Z', '2024-1a-01T00:00:00Z', '2024-01-01']) {
			expect(simpleIsoUtcMs(text)).toBeUndefined();
		}
	});

	it('makes parseEventTime agree with Date.parse on a grid of valid and invalid fields', () => {
		let compared = 0;
		for (let i = 0; i < 20_000; i++) {
			const year = [50, 999, 1000, 1600, 1899, 1969, 1970, 2000, 2024, 2100, 2400, 9999][i % 12]!;
			const date = `${pad(year, 4)}-${pad((i * 7) % 14, 2)}-${pad((i * 11) % 33, 2)}`;
			const time = `${pad((i * 13) % 26, 2)}:${pad((i * 17) % 61, 2)}:${pad((i * 19) % 62, 2)}`;
			for (const text of [`${date}T${time}`, `${date}T${time}Z`, `${date}T${time}.${pad((i * 23) % 1000, 3)}`, `${date}T${time}.${pad((i * 23) % 1000, 3)}Z`]) {
				expect(parseEventTime(text), text).toBe(byDateParse(text));
				compared++;
			}
		}

		expect(compared).toBe(80_000);
	});
});
