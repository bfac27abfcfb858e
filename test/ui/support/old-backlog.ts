// An old backlog as a recording: events whose arrival (recordedAt) is three days after their event time. One topic
// stops at `end`, another goes on a minute more, so that a `silence` on the first fires 30 s after `end`.
import fs from 'node:fs';
import path from 'node:path';

/** A day in ms. */
export const dayMs = 86_400_000;

/** `count` Ping events on `topic`, evenly over the `spanMs` that end at `end` (event time). */
export function pings(topic: string, count: number, spanMs: number, end: number): Array<{topic: string; timestamp: number}> {
	return Array.from({length: count}, (_, n) => ({topic, timestamp: end - ((count - 1 - n) * spanMs / (count - 1))}));
}

/** Write the backlog recording into `directory`; returns its path. `orders.old` stops at `end`, `heartbeat` a minute later. */
export function writeOldBacklog(directory: string, end: number): string {
	const lines = [...pings('orders.old', 720, 360_000, end), ...pings('heartbeat', 421, 420_000, end + 60_000)]
		.sort((a, b) => a.timestamp - b.timestamp)
		.map(({topic, timestamp}, n) => JSON.stringify({
			topic, value: {eventType: 'Ping', n}, timestamp: new Date(timestamp).toISOString(), recordedAt: new Date(timestamp + (3 * dayMs)).toISOString(),
		}));
	const recording = path.join(directory, 'old-backlog.jsonl');
	fs.writeFileSync(recording, `${lines.join('\n')}\n`);
	return recording;
}
