// The pane tabs line: each pane's digit and title, the current one marked with brackets (not colour alone).
import type {ReadyPane} from '../panes/registry.js';
import {useTheme} from '../theme.js';
import {Line, type Segment} from './line.js';
import {displayWidth, truncate} from '../text/width.js';

/**
 * Tabs, then where the transaction view came from and the active filter. When the tabs are wider than the terminal
 * (plugins add panes), the other tabs' titles are cut, then only their digits stay: every digit is always shown.
 */
export function Tabs(props: {panes: ReadyPane[]; current: string; transaction?: string; filter?: string; width: number}) {
	const theme = useTheme();
	const labelsFor = (cells: number) => props.panes.map(pane => {
		const title = pane.id === props.current ? pane.title : truncate(pane.title, cells);
		return title === '' ? pane.key : `${pane.key} ${title}`;
	});
	const widthOf = (labels: string[]) => labels.reduce((sum, label) => sum + displayWidth(label) + 3, 0);
	// The other titles as long as the line allows: whole, else cut to the most cells that fit, else digits only.
	const longest = Math.max(0, ...props.panes.map(pane => displayWidth(pane.title)));
	let labels = labelsFor(longest);
	for (let cells = longest - 1; cells >= 0 && widthOf(labels) > props.width; cells--) labels = labelsFor(cells);
	const parts: Array<Segment | string> = [];
	for (const [index, pane] of props.panes.entries()) {
		const label = labels[index]!;
		parts.push(pane.id === props.current ? {text: `[${label}]`, bold: true, inverse: true, color: theme.accent} : ` ${label} `, ' ');
	}

	if (props.transaction !== undefined) parts.push({text: `› transaction ${props.transaction}`, bold: true});
	if (props.filter !== undefined) parts.push({text: `  filter: ${props.filter}`, color: theme.accent});
	return <Line parts={parts} width={props.width} />;
}
