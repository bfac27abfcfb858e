// The bottom line: the prompt being typed, else a notice, else the keys of what has focus.
import type {Notice, Prompt} from '../state/app-state.js';
import {useTheme} from '../theme.js';
import {Line} from './line.js';

/** The footer line. */
export function Footer(props: {prompt?: Prompt; notice?: Notice; hints: string[]; width: number}) {
	const theme = useTheme();
	const {prompt, notice, width} = props;
	if (prompt) {
		const lead = prompt.kind === 'filter' ? '/' : ':';
		return (
			<Line
				parts={[
					{text: lead, bold: true},
					`${prompt.text}▏`,
					prompt.error ? {text: `  ✗ ${prompt.error}`, color: theme.error} : {text: prompt.kind === 'filter' ? '  Enter applies · Esc clears' : '  Enter runs · Esc cancels', dim: true},
				]}
				width={width}
			/>
		);
	}

	if (notice) {
		return <Line parts={[{text: `${notice.kind === 'error' ? '✗' : '✓'} ${notice.text}`, color: notice.kind === 'error' ? theme.error : theme.ok}]} width={width} />;
	}

	return <Line parts={[{text: props.hints.join(' · '), dim: true}]} width={width} />;
}
