// A titled asciichart over a per-second series.
import {Box} from 'ink';
import {Line} from './line.js';
import {chartLines, type Merge} from './chart-lines.js';

/** A chart with a title line; takes exactly `height` rows. */
export function Chart(props: {title: string; series: number[]; width: number; height: number; merge: Merge; format: (value: number) => string; color?: string}) {
	const lines = chartLines(props.series, {width: props.width, height: props.height - 1, merge: props.merge, format: props.format});
	return (
		<Box flexDirection="column" width={props.width}>
			<Line parts={props.title} width={props.width} bold />
			{lines.map((line, index) => <Line key={index} parts={line} width={props.width} color={props.color} />)}
		</Box>
	);
}
