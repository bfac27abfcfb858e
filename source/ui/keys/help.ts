// The help screen and the footer, generated from the bindings so they can never disagree with the keys.
import type {PaneBinding, PaneDefinition} from '../../plugin-api/index.js';
import {truncate, wrap} from '../text/width.js';
import {detailBindings, globalBindings, listBindings, promptBindings, transactionBindings, helpBindings} from './bindings.js';

/** A titled group of bindings on the help screen. */
export type HelpSection = {title: string; bindings: readonly PaneBinding[]};

const isListBinding = (binding: PaneBinding) => (listBindings as readonly PaneBinding[]).includes(binding);

/** Every binding, grouped: global keys, list keys, each pane's own keys, the transaction view, prompts, help. */
export function helpSections(panes: ReadonlyArray<PaneDefinition & {key: string}>): HelpSection[] {
	return [
		{title: 'Everywhere', bindings: globalBindings},
		{title: 'In lists', bindings: listBindings},
		...panes
			.map(pane => ({title: `${pane.key} ${pane.title}`, bindings: pane.bindings.filter(binding => !isListBinding(binding))}))
			.filter(section => section.bindings.length > 0),
		{title: 'Transaction view', bindings: [...detailBindings, ...transactionBindings]},
		{title: 'Typing a filter or a command', bindings: promptBindings},
		{title: 'This help', bindings: helpBindings},
	];
}

/** Rows a key's description may take on the help screen; longer ones end with …. */
const descriptionRows = 4;

/** The help screen as lines of at most `width` cells; a long description goes on under itself, not cut. */
export function helpLines(sections: HelpSection[], width: number): string[] {
	const labelWidth = Math.max(...sections.flatMap(section => section.bindings.map(binding => binding.label.length))) + 2;
	const indent = 2 + labelWidth;
	const lines: string[] = [];
	for (const section of sections) {
		if (lines.length > 0) lines.push('');
		lines.push(truncate(section.title, width));
		for (const binding of section.bindings) {
			const label = `  ${binding.label.padEnd(labelWidth)}`;
			// Too narrow to indent under the description column: the line is cut as before.
			if (width - indent < 20) {
				lines.push(truncate(label + binding.description, width));
				continue;
			}

			const rows = wrap(binding.description, width - indent, descriptionRows);
			lines.push(...rows.map((row, index) => (index === 0 ? label : ' '.repeat(indent)) + row));
		}
	}

	return lines;
}

/** Footer items: bindings with the same hint merged into one ("↑ k ↓ j … move"). */
export function footerItems(bindings: readonly PaneBinding[]): string[] {
	const groups = new Map<string, string[]>();
	for (const binding of bindings) {
		const hint = binding.hint ?? binding.description;
		const labels = groups.get(hint) ?? [];
		if (!labels.includes(binding.label)) labels.push(binding.label);
		groups.set(hint, labels);
	}

	return [...groups].map(([hint, labels]) => `${labels.join(' ')} ${hint}`);
}
