import {describe, expect, it} from 'vitest';
import {formatSourceState, formatTime} from '../../source/ui/format.js';
import {counted, formatCount, formatDuration, formatMs, formatPercent, formatRate, formatSpan} from '../../source/core/units/format.js';
import {eventRecord} from '../../source/ui/event-json.js';
import {osc52} from '../../source/ui/clipboard.js';
import {envelope} from '../support/envelope.js';
import type {SourceView} from '../../source/core/engine.js';
import type {TransactionView} from '../../source/core/queries/transaction.js';
import {malformedReport} from '../../source/commands/support/malformed.js';
import {transactionSummary} from '../../source/ui/transaction/timeline.js';

describe('formatting', () => {
	it('reads numbers, latencies, durations and windows', () => {
		expect(formatCount(1_234_567)).toBe('1,234,567');
		expect(formatCount(Number.NaN)).toBe('-');
		// Small counts take a short way that must read as the formatter does: every whole number up to 1,000, −0 too.
		const formatter = new Intl.NumberFormat('en-US', {maximumFractionDigits: 0});
		for (let n = -2; n <= 1001; n++) expect(formatCount(n)).toBe(formatter.format(n));
		expect(formatCount(999.6)).toBe('1,000');
		expect(formatCount(-0.2)).toBe('-0');
		expect(formatCount(42.4)).toBe('42');
		expect(formatRate(3.25)).toBe('3.3');
		expect(formatRate(1234.4)).toBe('1,234');
		// A slow system is not a stopped one: below 0.1 two significant digits, never `0.0`.
		expect(formatRate(17 / 516)).toBe('0.033');
		expect(formatRate(0.0049)).toBe('0.0049');
		expect(formatRate(1 / 86_400)).toBe('<0.001');
		expect(formatRate(0)).toBe('0');
		expect(formatMs(840)).toBe('840 ms');
		expect(formatMs(12_400)).toBe('12.4 s');
		expect(formatMs(185_000)).toBe('3m 05s');
		expect(formatMs(Number.NaN)).toBe('-');
		expect(formatDuration(7_800_000)).toBe('2h 10m');
		expect(formatSpan(10_000)).toBe('10s');
		expect(formatSpan(900_000)).toBe('15m');
		expect(formatSpan(3_600_000)).toBe('1h');
		expect(formatPercent(0.0123)).toBe('1.23 %');
		expect(formatMs(6955)).toBe('6,955 ms');
		expect(formatMs(2.54)).toBe('2.5 ms');
		for (const [count, text] of [[1, '1 alert'], [0, '0 alerts'], [2, '2 alerts'], [1204, '1,204 alerts']] as const) expect(counted(count, 'alert')).toBe(text);
		expect(formatTime(Date.UTC(2026, 10, 21, 10, 0, 5, 123))).toBe('10:00:05.123');
	});

	it('names states with a symbol and a word', () => {
		expect(formatSourceState('error')).toBe('✗ error');
		expect(formatSourceState('reconnecting')).toBe('⚠ reconnecting');
		expect(formatSourceState('connected')).toBe('✓ connected');
	});
});

describe('event JSON and the clipboard', () => {
	it('copies with OSC 52, base64 so the payload cannot act on the terminal', () => {
		const sequence = osc52('{"a":"\u001B]0;x\u0007"}');
		expect(sequence.startsWith('\u001B]52;c;')).toBe(true);
		expect(sequence.endsWith('\u0007')).toBe(true);
		const payload = sequence.slice('\u001B]52;c;'.length, -1);
		expect(payload).toMatch(/^[A-Za-z0-9+/=]+$/);
		expect(Buffer.from(payload, 'base64').toString('utf8')).toBe('{"a":"\u001B]0;x\u0007"}');
	});

	it('shows where an event came from, its ids and times, then the value', () => {
		const event = envelope({
			source: 'recording', topic: 'orders', partition: 0, offset: '7', key: 'k', value: {orderId: 'ORD-1'},
			timestamp: Date.UTC(2026, 0, 1), receivedAt: Date.UTC(2026, 0, 1, 0, 0, 1), deliveryMs: 1000,
			type: 'OrderCreated', ids: ['ORD-1'], eventId: 'e', seq: 3, txId: 1,
		});
		expect(JSON.parse(JSON.stringify(eventRecord(event)))).toEqual({
			topic: 'orders', partition: 0, offset: '7', key: 'k', type: 'OrderCreated', status: 'ok', ids: ['ORD-1'],
			timestamp: '2026-01-01T00:00:00.000Z', receivedAt: '2026-01-01T00:00:01.000Z', deliveryMs: 1000, value: {orderId: 'ORD-1'},
		});
	});
});

describe('singular and plural', () => {
	it('says one of a thing in the singular wherever a count is written', () => {
		const source = (malformed: number) => ({name: 'rec.jsonl', malformed, malformedSamples: [{line: 7, reason: 'not JSON'}]}) as unknown as SourceView;
		expect(malformedReport([source(1)])).toEqual(['rec.jsonl: 1 malformed line skipped (line 7: not JSON)']);
		expect(malformedReport([source(2)])).toEqual(['rec.jsonl: 2 malformed lines skipped (line 7: not JSON; …)']);
		const view = (slow: number) => ({steps: [0, 1, 2].map(index => ({slow: index < slow})), outcome: 'ok', totalMs: 1234}) as unknown as TransactionView;
		expect(transactionSummary(view(1))).toBe('3 events · total 1,234 ms · outcome ✓ ok · ⚠ 1 slow hop');
		expect(transactionSummary(view(2))).toBe('3 events · total 1,234 ms · outcome ✓ ok · ⚠ 2 slow hops');
		expect(counted(1, 'copy', 'copies')).toBe('1 copy');
		expect(counted(3, 'copy', 'copies')).toBe('3 copies');
	});
});
