// The bottom line: the prompt being typed, else a notice, else the keys of what has focus.
import type {Notice, Prompt} from '../state/app-state.js';
import {sanitize} from '../../core/sanitize.js';
import {lineView} from '../state/line-edit.js';
import {displayWidth} from '../text/width.js';
import {useTheme} from '../theme.js';
import {Line} from './line.js';

/** The footer line. */
export function Footer(props: {prompt?: Prompt; notice?: Notice; hints: string[]; width: number}) {
	const theme = useTheme();
	const {prompt, notice, width} = props;
	if (prompt) {
		const lead = prompt.kind === 'filter' ? '/' : ':';
		const after = prompt.error ? `  ✗ ${prompt.error}` : prompt.kind === 'filter' ? '  Enter applies · ↑ history · Esc cancels' : '  Enter runs · ↑ history · Esc cancels';
		// The error always shows in full; the text gets what is left, scrolled to keep the cursor in view.
		// Counted in cells as shown: an error quoting wide characters takes more cells than characters.
		const room = Math.max(12, width - 1 - (prompt.error ? displayWidth(sanitize(after)) : 0));
		return (
			<Line
				parts={[
					{text: lead, bold: true},
					lineView(prompt, room),
					prompt.error ? {text: after, color: theme.error} : {text: after, dim: true},
				]}
				width={width}
			/>
		);
	}

	if (notice) {
		// `sent` gets an arrow, not a tick: nothing confirmed it arrived.
		const symbol = notice.kind === 'error' ? '✗' : notice.kind === 'sent' ? '→' : '✓';
		const color = notice.kind === 'error' ? theme.error : notice.kind === 'info' ? theme.ok : undefined;
		return <Line parts={[{text: `${symbol} ${notice.text}`, color}]} width={width} />;
	}

	return <Line parts={[{text: props.hints.join(' · '), dim: true}]} width={width} />;
}
