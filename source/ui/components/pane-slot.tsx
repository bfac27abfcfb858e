// A registered pane, kept mounted while hidden so it keeps its selection, and not re-rendered while hidden.
import {createElement, memo, useMemo} from 'react';
import {Box} from 'ink';
import type {PaneProps} from '../../plugin-api/index.js';
import type {ReadyPane} from '../panes/registry.js';
import {heldPane} from '../panes/held-pane.js';
import {builtInPanes} from '../panes/built-in.js';

/** Props of a pane slot. */
type PaneSlotProps = {pane: ReadyPane; visible: boolean; props: PaneProps};

/**
 * Renders the pane's component; hidden panes take no room and skip renders until shown again. A plugin's pane is
 * held to its room and to safe text (held-pane.tsx); the built-in ones draw through Line, which does that.
 */
export const PaneSlot = memo(
	({pane, visible, props}: PaneSlotProps) => {
		const render = useMemo(() => (pane.plugin === undefined || pane.plugin === builtInPanes.name ? pane.render : heldPane(pane.render)), [pane]);
		return (
			<Box display={visible ? 'flex' : 'none'} flexDirection="column" width={props.size.columns} height={props.size.rows}>
				{createElement(render, props)}
			</Box>
		);
	},
	(previous, next) => !previous.visible && !next.visible,
);
