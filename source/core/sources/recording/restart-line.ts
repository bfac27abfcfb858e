// A recording's restart line (recording-format.md "Offsets that went back"): a partition whose offsets went back live
// (its topic deleted and made again, or truncated), so that a replay takes the messages after it at offsets already
// read as new ones, as the live run did, not as the same messages read twice.
import {isRecord} from '../../fields.js';
import type {RestartedPartition} from '../../store/types.js';

/** The partition a header's `restarted` member names, or why it names none (a bad line). */
export function parseRestarted(value: unknown): RestartedPartition | {problem: string} {
	const bad = (why: string) => ({problem: `recording restart: ${why}; skipped`});
	if (!isRecord(value)) return bad('"restarted" is not an object');
	const {source, origin, topic, partition} = value;
	if (typeof source !== 'string' || source === '') return bad('"source" is not a non-empty string');
	if (typeof topic !== 'string') return bad('"topic" is not a string');
	if (!Number.isSafeInteger(partition) || (partition as number) < 0) return bad('"partition" is not a non-negative integer');
	if (origin !== undefined && typeof origin !== 'string') return bad('"origin" is not a string');
	return {source, topic, partition: partition as number, ...(origin !== undefined && {origin})};
}

/** The header line that says `restarted` (recording-format.md "Offsets that went back"). */
export function restartLine(version: number, {source, origin, topic, partition}: RestartedPartition): string {
	return JSON.stringify({$recording: {version, restarted: {source, origin, topic, partition}}});
}
