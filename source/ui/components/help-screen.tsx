// The `?` screen: every key with its description, generated from the bindings; scrolls when it does not fit.
import {Box} from 'ink';
import {Line} from './line.js';

/** The help lines from `offset`, in `height` rows; the last row says how to scroll when more follow. */
export function HelpScreen(props: {lines: string[]; offset: number; width: number; height: number}) {
	const {lines, width, height} = props;
	const body = Math.max(1, height - 1);
	const offset = Math.min(props.offset, Math.max(0, lines.length - body));
	const more = lines.length - offset - body;
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Line parts={[{text: 'Help · every key', bold: true}, more > 0 ? ` · ↓ j for ${more} more lines` : '', ' · Esc closes']} width={width} />
			{lines.slice(offset, offset + body).map((line, index) => <Line key={index} parts={line} width={width} />)}
		</Box>
	);
}
