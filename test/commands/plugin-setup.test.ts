import {describe, expect, it} from 'vitest';
import {definePlugin, type PaneDefinition, type Plugin} from '../../source/plugin-api/index.js';
import {setUpPlugins} from '../../source/commands/support/plugin-setup.js';
import {builtInPanes} from '../../source/ui/panes/built-in.js';

const pane = (id: string, extra: Partial<PaneDefinition> = {}): PaneDefinition => ({id, title: id, bindings: [], render: () => null, ...extra});
const plugin = (name: string, ...panes: PaneDefinition[]) => definePlugin({name, apiVersion: 1, setup(context) {
	for (const each of panes) context.registerPane(each);
}});
const problemsOf = (plugins: Plugin[]) => setUpPlugins([builtInPanes, ...plugins], ['metrics', 'flow analyze']).problems;
const stage = (name: string) => ({name, create: () => ({onBatch() {}, snapshot: () => 0})});

describe('plugin set-up', () => {
	it('registers the built-in panes on keys 1–4 and gives plugins the next free digits', () => {
		const {panes, names} = setUpPlugins([builtInPanes, plugin('flow-visualizer', pane('flow')), plugin('saga-visualizer', pane('sagas', {key: '6'}))], []);
		expect(panes.map(each => `${each.key} ${each.id}`)).toEqual(['1 overview', '2 topics', '3 messages', '4 alerts', '5 flow', '6 sagas']);
		expect(names).toEqual(['built-in', 'flow-visualizer', 'saga-visualizer']);
	});

	it('leaves out a plugin whose pane clashes, naming it and the clash, and keeps the others', () => {
		const set = setUpPlugins([builtInPanes, plugin('p', pane('topics')), plugin('good', pane('mine'))], []);
		expect(set.problems).toEqual(['plugin "p", pane "topics": a pane with this id is already registered; left out']);
		expect(set.panes.map(each => each.id)).toContain('mine');
		expect(problemsOf([plugin('p', pane('x', {key: '2'}))])).toEqual(['plugin "p", pane "x": key 2 already switches to pane "topics"; left out']);
		expect(problemsOf([plugin('p', pane('x', {key: 'x'}))])[0]).toContain('the pane key must be a digit 1–9, not "x"');
		expect(problemsOf([plugin('p', pane('x', {bindings: [{keys: ['e', 'q'], label: 'q', description: 'quick'}]}))])[0])
			.toContain('plugin "p", pane "x": key "q" (quick) is already bound to "quit (Ctrl-C too); the terminal is restored"');
	});

	it('drops everything a refused plugin registered before its clash', () => {
		const set = setUpPlugins([builtInPanes, definePlugin({name: 'half', apiVersion: 1, setup(context) {
			context.registerPane(pane('first'));
			context.registerStage(stage('half-stage'));
			context.registerCommand({name: 'metrics', summary: '', help: '', run: async () => 0});
		}})], ['metrics']);
		expect(set.problems).toEqual(['plugin "half", command "metrics": a command with this name already exists; left out']);
		expect(set.panes.map(each => each.id)).not.toContain('first');
		expect(set.stages).toEqual([]);
	});

	it('refuses a plugin written for another API version, a duplicate name, a setup that throws, and clashing stages and commands', () => {
		expect(problemsOf([{name: 'future', apiVersion: 2, setup() {}}])).toEqual(['plugin "future" was written for plugin API version 2; this pubsub-tools offers version 1; left out']);
		expect(problemsOf([plugin('twice'), plugin('twice')])).toEqual(['plugin "twice": a plugin with this name is already loaded; left out']);
		expect(problemsOf([definePlugin({name: 'boom', apiVersion: 1, setup() {
			throw new Error('no config');
		}})])).toEqual(['plugin "boom": setup failed: no config; left out']);
		expect(problemsOf([definePlugin({name: 's', apiVersion: 1, setup(context) {
			context.registerStage(stage('hops'));
		}})])).toEqual(['plugin "s", stage "hops": a stage with this name is already registered; left out']);
		expect(problemsOf([definePlugin({name: 'c', apiVersion: 1, setup(context) {
			context.registerCommand({name: ' flow   analyze ', summary: '', help: '', run: async () => 0});
		}})])).toEqual(['plugin "c", command "flow analyze": a command with this name already exists; left out']);
	});

	it('gives each plugin its own options', () => {
		let seen: unknown;
		setUpPlugins([definePlugin({name: 'opts', apiVersion: 1, setup(context) {
			seen = context.options;
		}})], [], name => (name === 'opts' ? {limit: 3} : {}));
		expect(seen).toEqual({limit: 3});
	});
});
