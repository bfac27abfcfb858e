// The terminal's size, following resizes (Ink 6 has no useWindowSize).
import {useLayoutEffect, useState} from 'react';
import {useStdout} from 'ink';

/** Columns and rows of a terminal. */
export type TerminalSize = {columns: number; rows: number};

/** Current size of the output terminal; 80×24 when it does not say. */
export function useTerminalSize(): TerminalSize {
	const {stdout} = useStdout();
	const [size, setSize] = useState(() => sizeOf(stdout));
	// Subscribed during the commit, so a resize right after the first frame is not missed.
	useLayoutEffect(() => {
		const resized = () => {
			setSize(previous => {
				const next = sizeOf(stdout);
				return next.columns === previous.columns && next.rows === previous.rows ? previous : next;
			});
		};

		stdout.on('resize', resized);
		return () => {
			stdout.off('resize', resized);
		};
	}, [stdout]);
	return size;
}

/** The size a terminal stream says it has; 80×24 when it does not say. */
function sizeOf(stdout: NodeJS.WriteStream): TerminalSize {
	return {columns: stdout.columns || 80, rows: stdout.rows || 24};
}
