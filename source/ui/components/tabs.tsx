// The pane tabs line: each pane's digit and title, the current one marked with brackets (not colour alone).
import type {ReadyPane} from '../panes/registry.js';
import {useTheme} from '../theme.js';
import {Line, type Segment} from './line.js';

/** Tabs, then where the transaction view came from and the active filter. */
export function Tabs(props: {panes: ReadyPane[]; current: string; transaction?: string; filter?: string; width: number}) {
	const theme = useTheme();
	const parts: Array<Segment | string> = [];
	for (const pane of props.panes) {
		const active = pane.id === props.current;
		const label = `${pane.key} ${pane.title}`;
		parts.push(active ? {text: `[${label}]`, bold: true, inverse: true, color: theme.accent} : ` ${label} `, ' ');
	}

	if (props.transaction !== undefined) parts.push({text: `› transaction ${props.transaction}`, bold: true});
	if (props.filter !== undefined) parts.push({text: `  filter: ${props.filter}`, color: theme.accent});
	return <Line parts={parts} width={props.width} />;
}
