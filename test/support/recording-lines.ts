// What tests read back of a recording file: its event lines, without its header and the later header lines a live
// run writes as quiet time passes (docs/recording-format.md, "Quiet time"), which come whenever nothing arrives for a
// second (more often on a loaded machine).
import fs from 'node:fs';
import zlib from 'node:zlib';

/** The event lines of a recording file, as written. */
export function eventLines(file: string): string[] {
	return fs.readFileSync(file, 'utf8').split('\n').filter(line => line !== '' && !line.startsWith('{"$recording"'));
}

/** The event lines of a recording file, parsed. */
export function recordedEvents<Line>(file: string): Line[] {
	return eventLines(file).map(line => JSON.parse(line) as Line);
}

/**
 * The event lines a .jsonl.gz holds so far, read as far as it goes: a gzip still being written, or left by a process
 * killed outright, has no trailer (and maybe half a line at its end, left out).
 */
export function gzipEventLinesSoFar(file: string): string[] {
	let text: string;
	try {
		text = zlib.gunzipSync(fs.readFileSync(file), {finishFlush: zlib.constants.Z_SYNC_FLUSH}).toString('utf8');
	} catch {
		return [];
	}

	return text.slice(0, text.lastIndexOf('\n') + 1).split('\n').filter(line => line !== '' && !line.startsWith('{"$recording"'));
}

/** The event lines a recording file being written holds so far (none before it exists): a .gz as far as it goes, else its whole lines. */
export function eventLinesSoFar(file: string): string[] {
	if (file.endsWith('.gz')) return gzipEventLinesSoFar(file);
	let text: string;
	try {
		text = fs.readFileSync(file, 'utf8');
	} catch {
		return [];
	}

	return text.slice(0, text.lastIndexOf('\n') + 1).split('\n').filter(line => line !== '' && !line.startsWith('{"$recording"'));
}
