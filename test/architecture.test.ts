// The dependency direction of architecture.md, enforced: core never imports UI; plugins only the plugin API.
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';

const root = path.resolve(import.meta.dirname, '..');

/** Every .ts/.tsx file below a folder. */
function filesUnder(folder: string): string[] {
	const full = path.join(root, folder);
	if (!fs.existsSync(full)) return [];
	return fs.readdirSync(full, {recursive: true, encoding: 'utf8'})
		.filter(file => /\.tsx?$/.test(file))
		.map(file => path.join(full, file));
}

/** The module specifiers a file imports (static and dynamic). */
function importsOf(file: string): string[] {
	const text = fs.readFileSync(file, 'utf8');
	return [...text.matchAll(/(?:from\s+|import\s*\(\s*)['"]([^'"]+)['"]/g)].map(match => match[1]!);
}

/** Imports of files under `folder` that break `allowed`, as "file: specifier". */
function violations(folder: string, allowed: (specifier: string, file: string) => boolean): string[] {
	return filesUnder(folder).flatMap(file => importsOf(file)
		.filter(specifier => !allowed(specifier, file))
		.map(specifier => `${path.relative(root, file)}: ${specifier}`));
}

const resolvesInto = (specifier: string, file: string, folder: string) =>
	specifier.startsWith('.') && path.resolve(path.dirname(file), specifier).startsWith(path.join(root, folder));

describe('dependency direction', () => {
	it('core imports no React, Ink, UI, commands or plugins', () => {
		expect(violations('source/core', (specifier, file) =>
			!/^(react|ink|ink-testing-library|asciichart)(\/|$)/.test(specifier)
			&& !resolvesInto(specifier, file, 'source/ui')
			&& !resolvesInto(specifier, file, 'source/commands')
			&& !resolvesInto(specifier, file, 'plugins'))).toEqual([]);
	});

	it('ui does not import commands', () => {
		expect(violations('source/ui', (specifier, file) => !resolvesInto(specifier, file, 'source/commands'))).toEqual([]);
	});

	it('plugins import only the plugin API, rxjs, react and ink', () => {
		expect(violations('plugins', (specifier, file) =>
			/^(rxjs|react|ink)(\/|$)/.test(specifier)
			|| specifier.startsWith('node:')
			|| resolvesInto(specifier, file, 'source/plugin-api')
			|| resolvesInto(specifier, file, path.relative(root, path.dirname(file))))).toEqual([]);
	});
});
