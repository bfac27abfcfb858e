import {describe, expect, it} from 'vitest';
import {parseCommand} from '../../source/ui/state/commands.js';
import {nextWindow, parseDuration} from '../../source/ui/state/windows.js';
import {parseDurationMs} from '../../source/core/units/duration.js';
import {faster, formatSpeed, slower} from '../../source/ui/state/speed.js';
import {topicFilter} from '../../source/ui/topic-filter.js';
import {compileFilter} from '../../source/core/filter/filter.js';
import type {Envelope} from '../../source/core/envelope.js';

describe(': commands', () => {
	it('parses :tx, :topic, :window and :q', () => {
		expect(parseCommand('tx ORD-12345')).toEqual({kind: 'transaction', id: 'ORD-12345'});
		expect(parseCommand('  tx   TXN 1 ')).toEqual({kind: 'transaction', id: 'TXN 1'});
		expect(parseCommand('topic orders.created')).toEqual({kind: 'topic', name: 'orders.created'});
		expect(parseCommand('window 5m')).toEqual({kind: 'window', ms: 300_000});
		expect(parseCommand('window 30s')).toEqual({kind: 'window', ms: 30_000});
		expect(parseCommand('q')).toEqual({kind: 'quit'});
	});

	it('says what is wrong', () => {
		expect(parseCommand('tx')).toEqual({kind: 'error', message: ':tx needs an id, e.g. :tx ORD-12345'});
		expect(parseCommand('window 2x')).toEqual({kind: 'error', message: '"2x" is not a duration; write it like 10s, 5m or 1h'});
		expect(parseCommand('window 2d')).toEqual({kind: 'error', message: 'the window must be between 1s and 1h'});
		// One parser for flags and the TUI: a bare number is seconds, as in --duration 30.
		expect(parseCommand('window 30')).toEqual({kind: 'window', ms: 30_000});
		expect(parseCommand('window 2h')).toEqual({kind: 'error', message: 'the window must be between 1s and 1h'});
		expect(parseCommand('frob x')).toEqual({kind: 'error', message: 'unknown command ":frob"; commands: :tx ID, :topic NAME, :group FIELD, :window 5m, :q'});
	});

	it('parses :group FIELD with --where (up to the next option) and --sum in any order, and says what is wrong', () => {
		expect(parseCommand('group client_id')).toEqual({kind: 'group', request: {field: 'client_id'}});
		expect(parseCommand('group customerId --where type:Order* amount>10 --sum totalAmount')).toEqual({kind: 'group', request: {field: 'customerId', where: 'type:Order* amount>10', sum: 'totalAmount'}});
		expect(parseCommand('group data.client_id --sum montant_estime --where topic:claims')).toEqual({kind: 'group', request: {field: 'data.client_id', sum: 'montant_estime', where: 'topic:claims'}});
		expect(parseCommand('group')).toEqual({kind: 'error', message: ':group needs a field, e.g. :group customerId --where type:OrderCreated --sum totalAmount'});
		expect(parseCommand('group x --sum')).toEqual({kind: 'error', message: ':group: --sum needs a field'});
		expect(parseCommand('group x --by y')).toMatchObject({kind: 'error', message: expect.stringContaining(':group: unknown option "--by"') as string});
		expect(parseCommand('group x --where amount>')).toMatchObject({kind: 'error', message: expect.stringMatching(/^:group --where: /) as string});
	});
});

describe('windows and speeds', () => {
	it('reads durations and cycles windows', () => {
		expect(parseDuration('1h')).toBe(3_600_000);
		expect(parseDuration('250ms')).toBe(250);
		expect(parseDuration('5M')).toBe(300_000);
		expect(parseDurationMs('7d')).toBe(604_800_000);
		expect(parseDurationMs('1.5s')).toBe(1500);
		expect(parseDurationMs('soon')).toBeUndefined();
		expect(nextWindow(3_600_000)).toBe(10_000);
		expect(nextWindow(120_000)).toBe(300_000);
	});

	it('steps replay speeds up to max and down to half speed', () => {
		expect(faster(1)).toBe(2);
		expect(faster(3)).toBe(5);
		expect(faster(100)).toBe('max');
		expect(faster('max')).toBe('max');
		expect(slower('max')).toBe(100);
		expect(slower(0.5)).toBe(0.5);
		expect(formatSpeed(10)).toBe('10×');
	});
});

describe('topic filter', () => {
	const event = (topic: string) => ({topic, value: {}, headers: {}, ids: [], type: 't', status: 'ok'}) as unknown as Envelope;

	it('selects exactly the named topic, even with spaces, quotes and backslashes in its name', () => {
		for (const topic of ['orders.created', 'odd topic', 'say "hi"', 'back\\slash', 'evil\u001B]0;x\u0007']) {
			const filter = compileFilter(topicFilter(topic));
			expect(filter.matches(event(topic))).toBe(true);
			expect(filter.matches(event(`${topic}x`))).toBe(false);
		}
	});
});
