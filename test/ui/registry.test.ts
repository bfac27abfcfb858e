import {describe, expect, it} from 'vitest';
import {definePlugin, type PaneDefinition} from '../../source/plugin-api/index.js';
import {registerPanes} from '../../source/ui/panes/registry.js';
import {builtInPanes} from '../../source/ui/panes/built-in.js';

const pane = (id: string, extra: Partial<PaneDefinition> = {}): PaneDefinition => ({id, title: id, bindings: [], render: () => null, ...extra});
const plugin = (name: string, ...panes: PaneDefinition[]) => definePlugin({name, apiVersion: 1, setup(context) {
	for (const each of panes) context.registerPane(each);
}});

describe('pane registry', () => {
	it('registers the built-in panes on keys 1–4 and gives plugins the next free digits', () => {
		const panes = registerPanes([builtInPanes, plugin('flow-visualizer', pane('flow')), plugin('saga-visualizer', pane('sagas', {key: '6'}))]);
		expect(panes.map(each => `${each.key} ${each.id}`)).toEqual(['1 overview', '2 topics', '3 messages', '4 alerts', '5 flow', '6 sagas']);
	});

	it('refuses duplicate ids, taken digits, and keys bound globally', () => {
		expect(() => registerPanes([builtInPanes, plugin('p', pane('topics'))])).toThrow('plugin "p", pane "topics": a pane with this id is already registered');
		expect(() => registerPanes([builtInPanes, plugin('p', pane('x', {key: '2'}))])).toThrow('plugin "p", pane "x": key 2 already switches to pane "topics"');
		expect(() => registerPanes([plugin('p', pane('x', {key: 'x'}))])).toThrow('the pane key must be a digit 1–9, not "x"');
		expect(() => registerPanes([plugin('p', pane('x', {bindings: [{keys: ['e', 'q'], label: 'q', description: 'quick'}]}))]))
			.toThrow('plugin "p", pane "x": key "q" (quick) is already bound to "quit (Ctrl-C too); the terminal is restored"');
	});

	it('refuses a plugin written for another API version', () => {
		expect(() => registerPanes([{name: 'future', apiVersion: 2, setup() {}}])).toThrow('plugin "future" was written for plugin API version 2; this pubsub-tools offers version 1');
	});
});
