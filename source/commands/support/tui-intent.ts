// Whether a run opens the TUI. A command that can says so from its parsed flags (Command.opensTui); at start, before
// the commands are loaded, the CLI guesses it from argv alone to hold the keys typed meanwhile (ui/startup-keys.ts)
// and lets them go once the command's flags say otherwise.
import {pluginFlags} from './plugin-flags.js';

/** The commands that open the TUI unless their flags say otherwise (each has opensTui). */
export const tuiCommands = ['monitor', 'replay'];

/** Options that print and exit. */
const helpOptions = ['--help', '-h', '--version'];

/** argv with the default command put in: none, or options only, is `monitor --source demo` (the TUI on the simulator). */
export function withDefaultCommand(argv: string[]): string[] {
	const first = argv[0];
	const optionsOnly = first !== undefined && first.startsWith('-') && first !== '-' && !helpOptions.includes(first);
	return first === undefined || optionsOnly ? ['monitor', '--source', 'demo', ...argv] : argv;
}

/** Whether argv names a flag that makes a run headless: --headless, or monitor's --alerts-out - (alerts to stdout). */
function headlessWord(words: string[], index: number): boolean {
	const word = words[index]!;
	if (word === '--headless' || word === '--headless=true') return true;
	return words[0] === 'monitor' && (word === '--alerts-out=-' || (word === '--alerts-out' && words[index + 1] === '-'));
}

/**
 * From argv alone, whether this run may open the TUI (on a terminal): a guess, which the command's parsed flags
 * settle. It reads the flags that make monitor and replay headless as their opensTui does: keys read while held
 * cannot be put back in the terminal, so a run said headless in argv must never hold them.
 */
export function mayOpenTui(argv: string[]): boolean {
	const words = withDefaultCommand(pluginFlags(argv).rest);
	return tuiCommands.includes(words[0]!) && !words.some((word, index) => headlessWord(words, index) || helpOptions.includes(word));
}
