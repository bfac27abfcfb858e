// A live run that means "read what the brokers hold" ends with `--to now` once it has read up to where its sources
// ended when it started, not after a --duration guessed to be long enough: a fixed 3 s or 8 s read too little on a
// loaded machine, silently. The --duration kept is a scaled backstop only; a run it ended says so on stderr
// (kafka/source.ts, redis/source.ts shortOfEnd), and the tests assert it never did.
import {expect} from 'vitest';
import type {CliResult} from './cli.js';
import {backstopDuration} from './limits.js';

/** What the run says when --duration, not --to now, ended it. */
export const cutByDuration = '--to now: the run ended before';

/** The arguments that end a live run at the ends of its sources, with a backstop of `seconds` (scaled). */
export function toNow(seconds = 120): string[] {
	return ['--to', 'now', '--duration', backstopDuration(seconds)];
}

/** Asserts that `result`'s run ended by itself where its sources ended, exit 0, and not at its backstop. */
export function expectReadToNow(result: CliResult): void {
	expect(result.stderr).not.toContain(cutByDuration);
	expect(result.code, result.stderr).toBe(0);
}
