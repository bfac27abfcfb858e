// A replay at the recorded pace reads its file long before it plays the last event: its source says finished only
// once everything was played (a helper saw "✓ finished 16 events" in the Sources row while --speed 5 still played).
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {openSession} from '../../../../source/commands/support/session.js';
import type {ReplayControl} from '../../../../source/core/sources/paced-source.js';

const fixture = path.resolve(import.meta.dirname, '../../../fixtures/ui/shop.jsonl');

describe('a paced replay\'s health', () => {
	it('is not finished while events remain to be played, and is once the last was', async () => {
		// 13 s of recorded time at speed 10: about 1.3 s to play, the file read at once.
		const session = await openSession([fixture], {ephemeral: true}, {speed: 10});
		const replay = (session.sources[0] as unknown as {replay: ReplayControl}).replay;
		try {
			const running = session.engine.run();
			await new Promise(resolve => setTimeout(resolve, 300));
			expect(replay.finished()).toBe(false);
			expect(session.engine.sources()[0]!.state).not.toBe('finished');
			await running;
			expect(replay.finished()).toBe(true);
			expect(session.engine.sources()[0]!.state).toBe('finished');
		} finally {
			await session.close();
		}
	});
});
