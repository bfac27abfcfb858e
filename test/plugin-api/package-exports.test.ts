// What docs/plugin-api.md tells a plugin outside this repository to import resolves by the package's name, as it
// does in a project with pubsub-tools installed (a package may import itself by name through its "exports").
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import {describe, expect, it} from 'vitest';
import {useTempDir} from '../support/temp-dir.js';

const root = path.resolve(import.meta.dirname, '../..');

/** The names `specifier` exports, as a separate Node process importing it by the package name finds them. */
function exportedNames(specifier: string): string[] {
	const script = `import(${JSON.stringify(specifier)}).then(module => console.log(JSON.stringify(Object.keys(module))))`;
	return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], {cwd: root, encoding: 'utf8'})) as string[];
}

describe('the plugin API as a package', () => {
	it('exports the API and, apart, the Ink components a pane draws with', () => {
		expect(exportedNames('pubsub-tools/plugin-api')).toEqual(expect.arrayContaining(['definePlugin', 'pluginApiVersion', 'usePaneKeys', 'sanitize', 'useListState']));
		expect(exportedNames('pubsub-tools/plugin-api/components')).toEqual(expect.arrayContaining(['Line', 'layoutSegments']));
	});
});

/** The exports docs/plugin-api.md lists in its reference section, a table row each (`| \`name\` | …`). */
function documentedExports(): string[] {
	const doc = fs.readFileSync(path.join(root, 'docs/plugin-api.md'), 'utf8');
	const section = /\n## Reference: every function and value the API exports\n([\s\S]*?)(?:\n## |$)/.exec(doc)?.[1] ?? '';
	return [...section.matchAll(/^\| `(\w+)` \|/gm)].map(match => match[1]!);
}

describe('the plugin API reference in docs/plugin-api.md', () => {
	it('lists every function and value either entry exports, so a plain-JavaScript author finds its signature', () => {
		const exported = [...exportedNames('pubsub-tools/plugin-api'), ...exportedNames('pubsub-tools/plugin-api/components')];
		expect(exported).toEqual(expect.arrayContaining(['formatTable', 'definePlugin', 'Line']));
		const documented = documentedExports();
		expect(exported.filter(name => !documented.includes(name))).toEqual([]);
		expect(documented.filter(name => !exported.includes(name))).toEqual([]);
	});
});

/** The type names docs/plugin-api.md says the package exports for panes ("Types exported for panes: `A`, `B`…"). */
function documentedTypes(): string[] {
	const doc = fs.readFileSync(path.join(root, 'docs/plugin-api.md'), 'utf8');
	const list = /Types exported for panes:([^.]*)\./.exec(doc)?.[1] ?? '';
	return [...list.matchAll(/`(\w+)`/g)].map(match => match[1]!);
}

describe('the plugin API types, as a TypeScript plugin in another project sees them', () => {
	const temp = useTempDir('pubsub-tools-types-');

	it('declares every type the docs name, by the package name, so a mistake in a plugin is a type error', () => {
		const names = documentedTypes();
		expect(names).toEqual(expect.arrayContaining(['EngineSnapshot', 'Envelope', 'TransactionView']));
		fs.mkdirSync(path.join(temp.path, 'node_modules'));
		fs.symlinkSync(root, path.join(temp.path, 'node_modules/pubsub-tools'), 'dir');
		fs.writeFileSync(path.join(temp.path, 'package.json'), '{"type": "module"}');
		const file = path.join(temp.path, 'plugin.ts');
		fs.writeFileSync(file, [
			`import {definePlugin, pluginApiVersion, type PaneProps, type StageContext, ${names.map(name => `type ${name}`).join(', ')}} from 'pubsub-tools/plugin-api';`,
			`import {Line} from 'pubsub-tools/plugin-api/components';`,
			`export type Used = [PaneProps, StageContext, typeof Line, ${names.join(', ')}];`,
			`export const columns: PaneProps['size']['columns'] = 'eighty';`,
			`export default definePlugin({name: 'typed', apiVersion: pluginApiVersion, setup() {}});`,
		].join('\n'));
		const program = ts.createProgram([file], {module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, strict: true, noEmit: true, skipLibCheck: true});
		const problems = ts.getPreEmitDiagnostics(program).map(diagnostic => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
		expect(problems).toEqual([`Type 'string' is not assignable to type 'number'.`]);
	});
});
