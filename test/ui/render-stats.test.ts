// The benchmark's opt-in TUI timings (PUBSUB_TUI_RENDER_STATS): what the file holds once the TUI stops.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import {setTimeout as sleep} from 'node:timers/promises';
import {describe, expect, it} from 'vitest';
import {startRenderStats, type RenderStatsFile} from '../../source/ui/render-stats.js';

describe('render stats', () => {
	it('records commits, frames, input, a held event loop, garbage collection and CPU time, written on stop', async () => {
		const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'pubsub-render-stats-'));
		const file = path.join(directory, 'stats.json');
		try {
			const stats = startRenderStats(file);
			// Time is tested: the stats span real time before and after the commit.
			await sleep(20);
			// A commit that holds the loop for 40 ms of this process's own CPU time (not wall time, which other processes
			// on a loaded machine would take part of) and allocates enough to make the young generation collect.
			const started = performance.now();
			const cpuAtStart = process.cpuUsage();
			const junk: Array<{index: number}> = [];
			for (let index = 0; process.cpuUsage(cpuAtStart).user < 40_000; index++) junk.push({index});
			stats.commit(started);
			stats.frame({renderTime: 3});
			stats.input();
			await sleep(20);
			stats.stop();

			const written = JSON.parse(fs.readFileSync(file, 'utf8')) as RenderStatsFile;
			expect(junk.length).toBeGreaterThan(0);
			expect(written.commits).toHaveLength(1);
			expect(written.commits[0]![1]).toBeGreaterThanOrEqual(40);
			expect(written.frames).toEqual([[expect.any(Number), 3]]);
			expect(written.input).toHaveLength(1);
			expect(written.blocked.some(([, ms]) => ms >= 30)).toBe(true);
			expect(written.gc.length).toBeGreaterThan(0);
			if (fs.existsSync(`/proc/self/task/${process.pid}/schedstat`)) expect(written.cpu!.ranMs).toBeGreaterThanOrEqual(30);
			// Ink's text caches as patches/ink+6.8.0.patch bounds them (null would mean Ink runs unpatched).
			expect(written.inkTextCaches).toEqual({measureText: {size: expect.any(Number), limit: 4096}, wrapText: {size: expect.any(Number), limit: 4096}});
		} finally {
			fs.rmSync(directory, {recursive: true, force: true});
		}
	});
});
