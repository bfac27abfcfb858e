// A command's arguments as its flags see them: which tokens name a flag, a value that starts with `-`, and the
// tokens that name no flag of the command.
import type {Flags} from './command.js';
import {sanitize} from '../../core/sanitize.js';
import {usageError, type UserError} from './errors.js';

/** `dataDir` → `data-dir`. */
const kebab = (name: string) => name.replace(/[A-Z]/g, letter => `-${letter.toLowerCase()}`);

/** A negative number is a value, never a flag (as the parser reads it). */
const negativeNumber = /^-(?:\d+|\d*\.\d+)(?:e[+-]?\d+)?$/i;

/**
 * The tokens that name a flag of the command as the parser reads them: `--data-dir` and `--dataDir`, their `--no-`
 * forms, the short flag (`-o`), and --help and --version.
 */
function flagNames(flags: Flags): Set<string> {
	return new Set(['--help', '--version', ...Object.entries(flags).flatMap(([name, flag]) => [
		...[...new Set([name, kebab(name)])].flatMap(long => [`--${long}`, `--no-${long}`]),
		...(flag.shortFlag ? [`-${flag.shortFlag}`] : []),
	])]);
}

/** The name part of a flag token: `--window` of `--window=5m`. */
const nameOf = (token: string) => token.split('=')[0]!;

/**
 * `--flag -` as `--flag=-`, and `--flag -5m` as `--flag=-5m`: the parser would otherwise read the lone `-`
 * (stdin/stdout) as an argument, and a value starting with `-` as flags of its own ("Unknown flag -5m"), where the
 * flag's own check says what is wrong with the value. A following token that is a flag of the command stays one.
 */
export function attachDashValues(argv: string[], flags: Flags): string[] {
	const stringFlags = new Set(Object.entries(flags).filter(([, flag]) => flag.type === 'string').map(([name]) => `--${kebab(name)}`));
	const names = flagNames(flags).add('-h');
	const isFlag = (arg: string) => arg === '--' || names.has(nameOf(arg));
	const out: string[] = [];
	for (const arg of argv) {
		const previous = out.at(-1);
		if (arg.startsWith('-') && !isFlag(arg) && previous !== undefined && stringFlags.has(previous)) out[out.length - 1] = `${previous}=${arg}`;
		else out.push(arg);
	}

	return out;
}

/**
 * The usage error for the tokens before `--` that look like flags but name none of the command's, each named once
 * without a value it was given (a mistyped `--pasword=…` must not echo the password); undefined when there is none.
 */
export function unknownFlagsError(argv: string[], flags: Flags, command: string): UserError | undefined {
	const names = flagNames(flags);
	const end = argv.indexOf('--');
	const unknown = new Set(argv.slice(0, end === -1 ? undefined : end)
		.filter(token => token.length > 1 && token.startsWith('-') && !negativeNumber.test(token) && !names.has(nameOf(token)))
		.map(token => sanitize(nameOf(token))));
	if (unknown.size === 0) return undefined;
	return usageError(`unknown flag${unknown.size > 1 ? 's' : ''} ${[...unknown].join(', ')} (see pubsub-tools ${command} --help)`);
}
