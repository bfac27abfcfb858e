// A dependency's patch applied to its files' text as they load (source/core/package-patch.ts): the same text
// patch-package writes to disk, nothing done twice, and a file the patch was not made for left alone.
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {applyHunks, parsePackagePatch, type Hunk} from '../../source/core/package-patch.js';

const root = path.resolve(import.meta.dirname, '../..');
const reversed = (hunks: Hunk[]) => hunks.map(({before, after}) => ({before: after, after: before}));

describe('package patches', () => {
	for (const [patchFile, name] of [['ink+6.8.0.patch', 'ink'], ['kafkajs+2.2.4.patch', 'kafkajs'], ['ioredis+5.11.1.patch', 'ioredis']] as const) {
		it(`gives each file of ${name} the text patch-package gave it, and leaves a patched file as it is`, () => {
			const files = parsePackagePatch(fs.readFileSync(path.join(root, 'patches', patchFile), 'utf8'), name);
			expect(files.size).toBeGreaterThan(1);
			for (const [file, hunks] of files) {
				// node_modules holds the files patch-package patched (npm ci): undone, then patched again as on load.
				const patched = fs.readFileSync(path.join(root, 'node_modules', name, file), 'utf8');
				expect(applyHunks(patched, hunks), file).toEqual({state: 'already'});
				const undone = applyHunks(patched, reversed(hunks));
				if (undone.state !== 'patched') throw new Error(`${file}: ${JSON.stringify(undone)}`);
				expect(applyHunks(undone.text, hunks), file).toEqual({state: 'patched', text: patched});
			}
		});
	}

	it('reads hunk counts, added and removed lines, blank context lines and a missing newline at the end', () => {
		const patch = [
			'diff --git a/node_modules/dep/a.js b/node_modules/dep/a.js',
			'--- a/node_modules/dep/a.js',
			'+++ b/node_modules/dep/a.js',
			'@@ -1,3 +1,3 @@',
			' one',
			'-two',
			'+TWO',
			'',
			'@@ -9 +9,2 @@',
			' nine',
			'+ten',
			'\\ No newline at end of file',
			'diff --git a/node_modules/other/b.js b/node_modules/other/b.js',
			'--- a/node_modules/other/b.js',
			'+++ b/node_modules/other/b.js',
			'@@ -1 +1 @@',
			'-x',
			'+y',
		].join('\n');
		const files = parsePackagePatch(patch, 'dep');
		expect([...files.keys()]).toEqual(['a.js']);
		expect(files.get('a.js')).toEqual([{before: ['one', 'two', ''], after: ['one', 'TWO', '']}, {before: ['nine'], after: ['nine', 'ten']}]);
		const text = 'one\ntwo\n\n4\n5\n6\n7\n8\nnine';
		expect(applyHunks(text, files.get('a.js')!)).toEqual({state: 'patched', text: 'one\nTWO\n\n4\n5\n6\n7\n8\nnine\nten'});
	});

	it('says which hunk fits nowhere in a file the patch was not made for', () => {
		const hunks = [{before: ['a'], after: ['A']}, {before: ['b'], after: ['B']}];
		expect(applyHunks('a\nc', hunks)).toEqual({state: 'mismatch', hunk: 2});
	});
});
