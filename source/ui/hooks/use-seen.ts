// What the user could have seen when typing the key now read: a value as of the newest frame drawn before the event
// loop last looked for input.
import {useCallback, useLayoutEffect, useRef} from 'react';

/**
 * `value` as the newest frame drawn before the event loop last looked for input showed it. A key waits unread while
 * the process draws or ingests and is read only when the loop next looks for input (its poll phase), so a frame drawn
 * since the loop last looked may have come after the key was typed: the user can not have acted on it.
 */
export function useSeen<T>(value: T): () => T {
	const seen = useRef(value);
	useLayoutEffect(() => {
		// Queued after this frame is drawn, an immediate runs once the loop has looked for input again.
		setImmediate(() => {
			seen.current = value;
		});
	});
	return useCallback(() => seen.current, []);
}
