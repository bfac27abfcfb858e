// ESLint: typescript-eslint's recommended rules, React hooks rules for .tsx, and the layer rules of
// docs/architecture.md as folder patterns (eslint-plugin-boundaries), so moving files inside a layer changes nothing.
// Type-aware rules (no-floating-promises and the like) are left out: with them `npx eslint .` took 2.8× the CPU time
// (median user time of 3 alternating runs: 29.8 s against 10.6 s; wall 217 s against 86 s on the shared 2-core machine).
import js from '@eslint/js';
import boundaries from 'eslint-plugin-boundaries';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** External packages that draw a screen: core never imports them. */
const screenPackages = ['react', 'ink', 'ink-testing-library'];

export default tseslint.config(
	{ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'recordings/**', 'patches/**']},
	js.configs.recommended,
	tseslint.configs.recommended,
	{
		languageOptions: {globals: {...globals.node}},
		rules: {
			// Unused names are errors, except a leading underscore marks one kept on purpose (a parameter a signature needs).
			'@typescript-eslint/no-unused-vars': ['error', {argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none'}],
			// Off: the regular expressions that match control characters strip terminal escapes and control bytes on purpose.
			'no-control-regex': 'off',
		},
	},
	{
		files: ['**/*.tsx', 'source/ui/**/*.ts'],
		plugins: {'react-hooks': reactHooks},
		rules: {
			'react-hooks/rules-of-hooks': 'error',
			'react-hooks/exhaustive-deps': 'error',
		},
	},
	{
		files: ['source/**/*.{ts,tsx}', 'plugins/**/*.{ts,tsx}'],
		plugins: {boundaries},
		settings: {
			'import/resolver': {typescript: {project: './tsconfig.json'}},
			'boundaries/dependency-nodes': ['import', 'dynamic-import', 'export'],
			'boundaries/elements': [
				{type: 'core', pattern: 'source/core', partialMatch: false},
				{type: 'plugin-api', pattern: 'source/plugin-api', partialMatch: false},
				{type: 'ui', pattern: 'source/ui', partialMatch: false},
				{type: 'commands', pattern: 'source/commands', partialMatch: false},
				{type: 'plugin', pattern: 'plugins/*', partialMatch: false, capture: ['name']},
			],
			// The CLI's own files (cli.tsx and what it loads first) sit directly in source/.
			'boundaries/files': [{category: 'cli', pattern: 'source/*.{ts,tsx}'}],
		},
		rules: {
			'boundaries/dependencies': ['error', {
				default: 'allow',
				// External packages, node: builtins and files outside every layer are checked too, not only the layers.
				checkAllOrigins: true,
				checkUnknownLocals: true,
				policies: [
					{
						from: {element: {type: 'core'}},
						disallow: {to: [{element: {types: {anyOf: ['ui', 'commands', 'plugin']}}}, {file: {categories: 'cli'}}]},
						message: 'core never imports the UI, commands, the CLI or plugins (docs/architecture.md)',
					},
					{
						from: {element: {type: 'core'}},
						disallow: {to: {module: {origin: 'external', source: screenPackages}}},
						message: 'core never imports React, Ink or other screen packages (docs/architecture.md)',
					},
					{
						from: {element: {type: 'ui'}},
						disallow: {to: {element: {type: 'commands'}}},
						message: 'ui does not import commands (docs/architecture.md)',
					},
					// Plugins: everything is refused, then the plugin API, the plugin's own folder, rxjs, react, ink and
					// node: builtins are allowed back (the last matching policy decides).
					{
						from: {element: {type: 'plugin'}},
						disallow: {to: {module: {origin: '*'}}},
						message: 'plugins import only the plugin API, their own folder, rxjs, react, ink and node: builtins (docs/plugin-api.md)',
					},
					{
						from: {element: {type: 'plugin'}},
						allow: {to: [
							{element: {type: 'plugin-api'}},
							{element: {type: 'plugin', captured: {name: '{{ from.element.captured.name }}'}}},
							{module: {origin: 'external', source: ['rxjs', 'react', 'ink']}},
							{module: {origin: 'core'}},
						]},
					},
				],
			}],
		},
	},
);
