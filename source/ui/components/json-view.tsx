// Pretty JSON of an event in a fixed box; long documents end with a line saying how much is not shown.
import {Box} from 'ink';
import {Line} from './line.js';

/** `text` (multi-line) in exactly `height` rows of `width` cells, under a title. */
export function JsonView(props: {title: string; text: string | undefined; width: number; height: number; empty: string}) {
	const {width, height} = props;
	const body = Math.max(0, height - 1);
	const all = props.text === undefined ? [props.empty] : props.text.split('\n');
	const shown = all.length > body ? [...all.slice(0, Math.max(0, body - 1)), `… ${all.length - body + 1} more lines (c copies all)`] : all;
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Line parts={props.title} width={width} bold />
			{shown.slice(0, body).map((line, index) => <Line key={index} parts={line} width={width} />)}
		</Box>
	);
}
