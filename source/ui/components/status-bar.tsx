// The top line: source states, events/s, window, and the paused / recording / replay / finished indicators.
import {fitSegments, statusSegments, type StatusInput} from '../state/status.js';
import {useTheme} from '../theme.js';
import {Line, type Segment} from './line.js';

const separator = ' │ ';

/** The status bar, fitted to `width` by dropping the least important segments. */
export function StatusBar(props: StatusInput & {width: number}) {
	const theme = useTheme();
	const segments = fitSegments(statusSegments(props), props.width, separator);
	const parts: Segment[] = [];
	for (const [index, segment] of segments.entries()) {
		if (index > 0) parts.push({text: separator, dim: true});
		parts.push({text: segment.text, color: segment.tone ? theme[segment.tone] : undefined, bold: segment.priority === 0});
	}

	return <Line parts={parts} width={props.width} />;
}
