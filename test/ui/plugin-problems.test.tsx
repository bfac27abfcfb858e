// A plugin left out at start, or a stage switched off while running, is said in the TUI's status line.
import {describe, expect, it} from 'vitest';
import {definePlugin} from '../../source/plugin-api/index.js';
import {openSession} from '../../source/commands/support/session.js';
import {setActivePlugins} from '../../source/commands/support/plugins.js';
import {setUpPlugins} from '../../source/commands/support/plugin-setup.js';
import {builtInPanes} from '../../source/ui/panes/built-in.js';
import {fixture, renderApp, sessionPerBlock, fixtureSession} from './support/app-harness.js';

describe('plugin problems in the status line', () => {
	const held = sessionPerBlock(async () => fixtureSession({run: true}));

	it('shows a plugin left out at start', async () => {
		held.app = await renderApp(held.session, {columns: 160, pluginProblems: ['plugin "future" was written for plugin API version 2; this pubsub-tools offers version 1; left out']});
		expect(await held.app.waitFor('plugin "future" was written for plugin API version 2')).toContain('left out');
	});

	it('shows a stage that stopped while the run goes on', async () => {
		setActivePlugins(setUpPlugins([builtInPanes, definePlugin({name: 'fragile', apiVersion: 1, setup(context) {
			context.registerStage({name: 'fragile', create: () => ({
				onBatch() {
					throw new Error('cannot parse amount');
				},
				snapshot: () => 0,
			})});
		}})], []));
		const session = await openSession([fixture], {ephemeral: true});
		try {
			await session.engine.run();
			const app = await renderApp(session);
			try {
				expect(await app.waitFor('stage "fragile" stopped')).toContain('onBatch threw cannot parse amount');
			} finally {
				app.unmount();
			}
		} finally {
			setActivePlugins(setUpPlugins([builtInPanes], []));
			await session.close();
		}
	});
});
