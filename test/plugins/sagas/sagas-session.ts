// A replayed recording with the bundled panes and the sagas plugin active (its stage runs in the session's engine),
// and the app rendered over it; set up before a describe block's tests and torn down after them.
import {afterAll, beforeAll} from 'vitest';
import sagas from '../../../plugins/sagas/index.js';
import {noPlugins, setUpPlugins} from '../../../source/commands/support/plugin-setup.js';
import {setActivePlugins} from '../../../source/commands/support/plugins.js';
import {builtInPanes} from '../../../source/ui/panes/built-in.js';
import {renderApp, replaySession, type RenderedApp} from '../../ui/support/app-harness.js';

/** The bundled panes and the sagas plugin. */
export const sagaPlugins = setUpPlugins([builtInPanes, sagas], []);

/** Replays `recording` with the sagas plugin active for the describe block; `render` draws the app (the last one is unmounted after). */
export function useSagasSession(recording: string, cleanup?: () => void): {render(size: {columns: number; rows: number}): Promise<RenderedApp>} {
	let session: Awaited<ReturnType<typeof replaySession>>;
	let app: RenderedApp | undefined;
	beforeAll(async () => {
		setActivePlugins(sagaPlugins);
		session = await replaySession(recording, {run: true});
	});
	afterAll(async () => {
		app?.unmount();
		await session.close();
		setActivePlugins(noPlugins);
		cleanup?.();
	});
	return {
		async render(size) {
			app?.unmount();
			app = await renderApp(session, {...size, plugins: sagaPlugins});
			return app;
		},
	};
}
