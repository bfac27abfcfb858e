// The guess the CLI makes from argv at start, to hold the keys typed while it loads (cli.tsx), agrees with what the
// commands do once their flags are parsed.
import {describe, expect, it} from 'vitest';
import {commands} from '../../source/commands/index.js';
import {mayOpenTui, tuiCommands} from '../../source/commands/support/tui-intent.js';

describe('whether a run opens the TUI', () => {
	it('the commands the guess names are those that can open it', () => {
		expect(commands.filter(command => command.opensTui !== undefined).map(command => command.name)).toEqual(tuiCommands);
	});

	it('is guessed from argv: the default command, monitor and replay, unless headless or asking for help', () => {
		expect([[], ['--no-color'], ['--plugin', 'p.js'], ['monitor', '--source', 'demo'], ['replay', 'rec.jsonl'], ['--plugin', 'p.js', 'replay', 'rec.jsonl']].map(argv => mayOpenTui(argv)))
			.toEqual([true, true, true, true, true, true]);
		expect([['replay', 'rec.jsonl', '--headless'], ['monitor', '--help'], ['--version'], ['help'], ['metrics', 'rec.jsonl'], ['query', '--plugin', 'replay']].map(argv => mayOpenTui(argv)))
			.toEqual([false, false, false, false, false, false]);
	});

	it('reads the flags that make a run headless as the commands do: --alerts-out - streams monitor\'s alerts instead', () => {
		expect([['monitor', '--alerts-out', '-'], ['monitor', '--alerts-out=-'], ['--alerts-out', '-'], ['replay', 'rec.jsonl', '--headless=true']].map(argv => mayOpenTui(argv)))
			.toEqual([false, false, false, false]);
		expect([['monitor', '--alerts-out', 'alerts.jsonl'], ['replay', 'rec.jsonl', '--alerts-out', '-'], ['monitor', '--source', '-']].map(argv => mayOpenTui(argv)))
			.toEqual([true, true, true]);
	});

	it('the commands settle it from their flags', () => {
		const opens = (name: string, flags: Record<string, unknown>) => commands.find(command => command.name === name)!.opensTui!(flags as never);
		expect(opens('monitor', {})).toBe(true);
		expect(opens('monitor', {headless: true})).toBe(false);
		expect(opens('monitor', {alertsOut: '-'})).toBe(false);
		expect(opens('monitor', {alertsOut: 'alerts.jsonl'})).toBe(true);
		expect(opens('replay', {})).toBe(true);
		expect(opens('replay', {headless: true})).toBe(false);
	});
});
