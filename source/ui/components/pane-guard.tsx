// A plugin's pane that throws is switched off in its place, as a stage that throws is: the TUI goes on without it.
import {Component, type ReactNode} from 'react';
import {Box} from 'ink';
import {Line} from './line.js';

/** Props of a pane guard: whose pane it holds, the room it has, and where to say that it stopped. */
type PaneGuardProps = {plugin: string; pane: string; width: number; notify: (text: string, kind: 'error') => void; children: ReactNode};

/**
 * Holds a plugin's pane: an error thrown while rendering it, in its effects or by its key actions (usePaneKeys) replaces
 * it with one line saying so.
 */
export class PaneGuard extends Component<PaneGuardProps, {stopped?: string}> {
	override state: {stopped?: string} = {};

	static getDerivedStateFromError(error: unknown): {stopped: string} {
		return {stopped: error instanceof Error ? error.message : String(error)};
	}

	override componentDidCatch(): void {
		this.props.notify(this.line(), 'error');
	}

	override render(): ReactNode {
		if (this.state.stopped === undefined) return this.props.children;
		return <Box flexDirection="column"><Line parts={this.line()} width={this.props.width} /></Box>;
	}

	private line(): string {
		return `plugin "${this.props.plugin}", pane "${this.props.pane}" stopped: it threw ${this.state.stopped ?? ''}; the run goes on without it`;
	}
}
