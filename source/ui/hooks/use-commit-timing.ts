// Times each React commit of the component that calls it, for the benchmark's render-time figures.
import {useLayoutEffect} from 'react';
import {performance} from 'node:perf_hooks';
import type {RenderStats} from '../render-stats.js';

/** Report to `stats` how long each render of the caller took until its commit ended (nothing when undefined). */
export function useCommitTiming(stats: RenderStats | undefined): void {
	const started = stats ? performance.now() : 0;
	// Layout effects run after Ink has laid the tree out and, unless throttled, drawn it: the end of the frame.
	useLayoutEffect(() => {
		stats?.commit(started);
	});
}
