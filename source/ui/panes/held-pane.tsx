// A plugin's pane held to its room and to safe text: the text of the Ink elements it returns is escaped (sanitize)
// and cut to the cells the pane has. Ink lays a text out in time that grows with the square of its length, so one
// string of 200,000 characters froze the TUI for minutes, and escape sequences in a pane's text reached the terminal.
import {Box, Text} from 'ink';
import {Children, cloneElement, isValidElement, type ComponentType, type ReactNode} from 'react';
import type {PaneProps} from '../../plugin-api/index.js';
import {sanitize} from '../../core/sanitize.js';

/** The text of `node`'s Box and Text elements (and of arrays of them) escaped and each string cut to `cells`. */
function held(node: ReactNode, cells: number): ReactNode {
	if (typeof node === 'string') return sanitize(node.length > cells ? node.slice(0, cells) : node);
	if (Array.isArray(node)) return Children.map(node, child => held(child as ReactNode, cells));
	// Other components draw later, out of reach: the built-in ones (Line) sanitize and cut their text themselves.
	if (!isValidElement<{children?: ReactNode}>(node) || (node.type !== Text && node.type !== Box)) return node;
	const {children} = node.props;
	return children === undefined ? node : cloneElement(node, undefined, held(children, cells));
}

/**
 * `Pane` held as above. A function component is called inside this one (its hooks become this component's, in the
 * same order every render); any other kind of component is drawn as it is.
 */
export function heldPane(Pane: ComponentType<PaneProps>): ComponentType<PaneProps> {
	if (typeof Pane !== 'function' || (Pane.prototype as {isReactComponent?: unknown} | undefined)?.isReactComponent) return Pane;
	const draw = Pane as (props: PaneProps) => ReactNode;
	function HeldPane(props: PaneProps) {
		return held(draw(props), props.size.columns * props.size.rows);
	}

	HeldPane.displayName = `Held(${Pane.displayName ?? Pane.name})`;
	return HeldPane;
}
