// A titled line chart over a per-second series.
import {Box} from 'ink';
import {Line} from './line.js';
import {chartLines, markLine, type ChartMark, type Merge} from './chart-lines.js';

/** Moments marked under the time axis, which runs from `from` to `to` (ms). */
export type ChartMarks = {marks: ChartMark[]; from: number; to: number; label: string};

/** A chart with a title line and, with `marks`, a row marking moments on its time axis; takes exactly `height` rows. */
export function Chart(props: {title: string; series: number[]; width: number; height: number; merge: Merge; format: (value: number) => string; color?: string; marks?: ChartMarks}) {
	const {marks} = props;
	const lines = chartLines(props.series, {width: props.width, height: props.height - 1 - (marks ? 1 : 0), merge: props.merge, format: props.format});
	return (
		<Box flexDirection="column" width={props.width}>
			<Line parts={props.title} width={props.width} bold />
			{lines.map((line, index) => <Line key={index} parts={line} width={props.width} color={props.color} />)}
			{marks ? <Line parts={markLine(marks.marks, {...marks, width: props.width})} width={props.width} /> : undefined}
		</Box>
	);
}
