// The dependency direction of architecture.md is enforced by ESLint (eslint-plugin-boundaries in eslint.config.js);
// this test lints imports placed in each layer and checks the rules still refuse what they must and allow the rest.
import path from 'node:path';
import {ESLint} from 'eslint';
import {beforeAll, describe, expect, it} from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
let eslint: ESLint;

/** The boundaries messages ESLint gives for `imports` written in a file at `file` (relative to the root). */
async function boundaryErrors(file: string, imports: string[]): Promise<string[]> {
	const code = imports.map((specifier, index) => `import * as m${index} from '${specifier}';`).join('\n')
		+ `\nexport const all = [${imports.map((_, index) => `m${index}`).join(', ')}];\n`;
	const [result] = await eslint.lintText(code, {filePath: path.join(root, file)});
	if (!result) throw new Error(`ESLint returned no result for ${file}`);
	return result.messages
		.filter(message => message.ruleId === 'boundaries/dependencies')
		.map(message => `${imports[message.line - 1]}: ${message.message}`);
}

/** Whether each of `imports` from `file` is refused by the layer rules, in order. */
async function refused(file: string, imports: string[]): Promise<boolean[]> {
	const errors = await boundaryErrors(file, imports);
	return imports.map(specifier => errors.some(error => error.startsWith(`${specifier}: `)));
}

beforeAll(() => {
	eslint = new ESLint({cwd: root});
});

describe('dependency direction (eslint-plugin-boundaries)', () => {
	it('core imports no React, Ink, UI, commands, CLI or plugins, at any depth', async () => {
		expect(await refused('source/core/sources/kafka/probe.ts', [
			'react', 'ink', 'ink-testing-library',
			'../../../ui/app.js', '../../../commands/index.js', '../../../cli.js', '../../../../plugins/flow/index.js',
			'rxjs', 'node:fs', '../../engine.js', '../../../plugin-api/index.js',
		])).toEqual([
			true, true, true,
			true, true, true, true,
			false, false, false, false,
		]);
	});

	it('core cannot reach the UI through re-exports or dynamic imports', async () => {
		const [result] = await eslint.lintText(
			"export {theme} from '../ui/theme.js';\nexport const later = () => import('../ui/theme.js');\n",
			{filePath: path.join(root, 'source/core/probe.ts')},
		);
		expect(result?.messages.filter(message => message.ruleId === 'boundaries/dependencies').map(message => message.line))
			.toEqual([1, 2]);
	});

	it('ui does not import commands', async () => {
		expect(await refused('source/ui/panes/probe.tsx', ['../../commands/index.js', '../../core/engine.js', 'ink']))
			.toEqual([true, false, false]);
	});

	it('plugins import only the plugin API, their own folder, rxjs, react, ink and node: builtins', async () => {
		expect(await refused('plugins/flow/probe.ts', [
			'../../source/core/engine.js', '../../source/ui/app.js', '../../source/commands/index.js',
			'../sagas/index.js', 'yaml', '../../test/support/cli.js',
			'../../source/plugin-api/index.js', './slowest.js', 'rxjs', 'rxjs/operators', 'react', 'ink', 'node:path',
		])).toEqual([
			true, true, true,
			true, true, true,
			false, false, false, false, false, false, false,
		]);
	});
});
