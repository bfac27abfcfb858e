// One scale for every time limit the tests set for themselves: a test's or hook's limit, and the backstop a test
// gives a wait for what it tests. A limit only catches a hang; on a loaded machine (the whole suite on 2 cores runs
// at load 18 and more) a test that passes alone in 20 s can take minutes, and a fixed limit failed it. Times that
// are the subject of a test (an alert after 5 s of silence, a state said within 10 s) are not limits: never scaled.
import os from 'node:os';

/**
 * The factor: TEST_TIME_SCALE when set; else the machine's load per core when the file starts (at most 4), and at
 * least 3 under CI=true (the suite's own load comes after vitest.config.ts reads it) or 1.
 */
function timeScale(): number {
	const asked = process.env.TEST_TIME_SCALE;
	if (asked !== undefined && asked !== '') {
		const factor = Number(asked);
		if (!(factor > 0)) throw new Error(`TEST_TIME_SCALE: expected a positive number, not ${asked}`);
		return factor;
	}

	const loadPerCore = os.loadavg()[0]! / os.availableParallelism();
	return Math.max(process.env.CI === 'true' ? 3 : 1, Math.min(4, loadPerCore));
}

const scale = timeScale();

/** `ms` scaled by the time scale of this run: a test's or hook's limit, or a backstop to a wait, never a tested time. */
export function limit(ms: number): number {
	return Math.round(ms * scale);
}

/** `seconds` as a `--duration` value scaled by the time scale: a live run's backstop, ended earlier by what it waits for. */
export function backstopDuration(seconds: number): string {
	return `${Math.round(seconds * scale)}s`;
}
