// A registered pane, kept mounted while hidden so it keeps its selection, and not re-rendered while hidden.
import {createElement, memo, useMemo} from 'react';
import {Box} from 'ink';
import type {PaneProps} from '../../plugin-api/index.js';
import type {ReadyPane} from '../panes/registry.js';
import {heldPane} from '../panes/held-pane.js';
import {builtInPanes} from '../panes/built-in.js';
import {PaneGuard} from './pane-guard.js';

/** Props of a pane slot. */
type PaneSlotProps = {pane: ReadyPane; visible: boolean; props: PaneProps};

/**
 * Renders the pane's component; hidden panes take no room and skip renders until shown again. A plugin's pane is
 * held to its room and to safe text (held-pane.tsx), and one that throws is switched off (pane-guard.tsx); the
 * built-in ones draw through Line, which does that.
 */
export const PaneSlot = memo(
	({pane, visible, props}: PaneSlotProps) => {
		const builtIn = pane.plugin === undefined || pane.plugin === builtInPanes.name;
		const render = useMemo(() => (builtIn ? pane.render : heldPane(pane.render)), [pane, builtIn]);
		const drawn = createElement(render, props);
		return (
			<Box display={visible ? 'flex' : 'none'} flexDirection="column" width={props.size.columns} height={props.size.rows}>
				{builtIn ? drawn : <PaneGuard plugin={pane.plugin ?? ''} pane={pane.id} width={props.size.columns} notify={props.host.notify}>{drawn}</PaneGuard>}
			</Box>
		);
	},
	(previous, next) => !previous.visible && !next.visible,
);
