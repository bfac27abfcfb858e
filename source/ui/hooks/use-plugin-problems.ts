// Says in the status line when a plugin was left out or one of its stages stopped, once per problem.
import {useEffect, useRef} from 'react';

/** Notify each new line of `problems` (plugins left out at start, stages switched off later) as an error notice. */
export function usePluginProblems(problems: readonly string[], notify: (text: string, kind: 'error') => void): void {
	const shown = useRef(0);
	useEffect(() => {
		if (problems.length <= shown.current) return;
		const fresh = problems.slice(shown.current);
		shown.current = problems.length;
		const [only, ...more] = fresh;
		notify(only !== undefined && more.length === 0 ? only : `${fresh.length} plugin problems: ${fresh.join(' · ')}`, 'error');
	}, [problems, notify]);
}
