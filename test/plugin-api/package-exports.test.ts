// What docs/plugin-api.md tells a plugin outside this repository to import resolves by the package's name, as it
// does in a project with pubsub-tools installed (a package may import itself by name through its "exports").
import {execFileSync} from 'node:child_process';
import path from 'node:path';
import {describe, expect, it} from 'vitest';

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
