// Engine snapshots as React state, four a second, recomputed at once when the window changes.
import {useEffect, useRef, useState} from 'react';
import type {Engine, EngineSnapshot} from '../../core/engine.js';

/**
 * How often new data reaches the screen. Each frame costs Ink ~9–32 ms of CPU (80×24 to 200×60, measured), so four
 * frames a second keep a busy TUI under a fifth of a core; keys still draw at once, they do not wait for data.
 */
export const snapshotIntervalMs = 250;

/** The newest snapshot of `engine` over a window of `windowMs`. */
export function useSnapshots(engine: Pick<Engine, 'snapshot' | 'snapshots'>, windowMs: number): EngineSnapshot {
	const windowRef = useRef(windowMs);
	windowRef.current = windowMs;
	const [snapshot, setSnapshot] = useState(() => engine.snapshot(windowMs));
	useEffect(() => {
		const subscription = engine.snapshots(() => windowRef.current, snapshotIntervalMs).subscribe(setSnapshot);
		return () => {
			subscription.unsubscribe();
		};
	}, [engine]);
	useEffect(() => {
		setSnapshot(previous => (previous.windowMs === windowMs ? previous : engine.snapshot(windowMs)));
	}, [engine, windowMs]);
	return snapshot;
}

/**
 * `value`, held still while `paused`: the paused view shows what it showed when it was paused. A new `key` (the
 * snapshot's window) takes the new value even while paused, so the view never shows figures of a window other
 * than the one the status line names.
 */
export function usePaused<T>(value: T, paused: boolean, key: unknown): T {
	const held = useRef({value, key});
	// Updating the held value during render keeps the paused frame and the live one in the same render pass.
	if (!paused || held.current.key !== key) held.current = {value, key};
	return held.current.value;
}
