// A registered pane, kept mounted while hidden so it keeps its selection, and not re-rendered while hidden.
import {createElement, memo} from 'react';
import {Box} from 'ink';
import type {PaneProps} from '../../plugin-api/index.js';
import type {ReadyPane} from '../panes/registry.js';

/** Props of a pane slot. */
type PaneSlotProps = {pane: ReadyPane; visible: boolean; props: PaneProps};

/** Renders the pane's component; hidden panes take no room and skip renders until shown again. */
export const PaneSlot = memo(
	({pane, visible, props}: PaneSlotProps) => (
		<Box display={visible ? 'flex' : 'none'} flexDirection="column" width={props.size.columns} height={props.size.rows}>
			{createElement(pane.render, props)}
		</Box>
	),
	(previous, next) => !previous.visible && !next.visible,
);
