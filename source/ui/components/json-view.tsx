// Pretty JSON of an event in a fixed box, scrolled with J and K; lines say how much is above and below.
import {Box} from 'ink';
import type {ScrollWindow} from '../state/detail-scroll.js';
import {Line} from './line.js';

/** The part of a document in `window` in exactly `height` rows of `width` cells, under a title; `empty` (its lines) when there is none. */
export function JsonView(props: {title: string; window: ScrollWindow | undefined; width: number; height: number; empty: string}) {
	const {width, height, window} = props;
	const body = Math.max(0, height - 1);
	const shown = window === undefined
		? props.empty.split('\n')
		: [
			...(window.above > 0 ? [`↑ ${window.above} lines above (K scrolls up)`] : []),
			...window.lines,
			...(window.below > 0 ? [`↓ ${window.below} more lines (J scrolls down, c copies all)`] : []),
		];
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Line parts={props.title} width={width} bold />
			{shown.slice(0, body).map((line, index) => <Line key={index} parts={line} width={width} />)}
		</Box>
	);
}
