// A command's arguments as its flags see them: which tokens name a flag, and a value that starts with `-`.
import type {Flags} from './command.js';

/**
 * `--flag -` as `--flag=-`, and `--flag -5m` as `--flag=-5m`: the parser would otherwise read the lone `-`
 * (stdin/stdout) as an argument, and a value starting with `-` as flags of its own ("Unknown flag -5m"), where the
 * flag's own check says what is wrong with the value. A following token that is a flag of the command stays one.
 */
export function attachDashValues(argv: string[], flags: Flags): string[] {
	const kebab = (name: string) => name.replace(/[A-Z]/g, letter => `-${letter.toLowerCase()}`);
	const stringFlags = new Set(Object.entries(flags).filter(([, flag]) => flag.type === 'string').map(([name]) => `--${kebab(name)}`));
	const flagTokens = new Set(['--help', '-h', '--version', ...Object.entries(flags).flatMap(([name, flag]) => [`--${kebab(name)}`, `--no-${kebab(name)}`, ...(flag.shortFlag ? [`-${flag.shortFlag}`] : [])])]);
	const isFlag = (arg: string) => arg === '--' || flagTokens.has(arg.split('=')[0]!);
	const out: string[] = [];
	for (const arg of argv) {
		const previous = out.at(-1);
		if (arg.startsWith('-') && !isFlag(arg) && previous !== undefined && stringFlags.has(previous)) out[out.length - 1] = `${previous}=${arg}`;
		else out.push(arg);
	}

	return out;
}
