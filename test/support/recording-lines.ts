// What tests read back of a recording file: its event lines, without its header and the later header lines a live
// run writes as quiet time passes (docs/recording-format.md, "Quiet time"), which come whenever nothing arrives for a
// second (more often on a loaded machine).
import fs from 'node:fs';

/** The event lines of a recording file, as written. */
export function eventLines(file: string): string[] {
	return fs.readFileSync(file, 'utf8').split('\n').filter(line => line !== '' && !line.startsWith('{"$recording"'));
}

/** The event lines of a recording file, parsed. */
export function recordedEvents<Line>(file: string): Line[] {
	return eventLines(file).map(line => JSON.parse(line) as Line);
}
