// The hunks of a dependency's patch (patches/NAME+VERSION.patch, a unified diff as patch-package writes it) and their
// application to a file's text as it loads: how an installed copy, whose install scripts did not run patch-package,
// still runs the patched dependency (../patched-dependencies.ts).

/** One hunk: the lines it expects (context and removed) and the lines it leaves (context and added). */
export type Hunk = {before: string[]; after: string[]};

/** What applying a file's hunks to its text found. */
export type PatchedText =
	| {state: 'patched'; text: string}
	| {state: 'already'}
	| {state: 'mismatch'; hunk: number};

/** The hunks of `patch` for each file of `packageName`, keyed by the file's path inside the package (`build/x.js`). */
export function parsePackagePatch(patch: string, packageName: string): Map<string, Hunk[]> {
	const files = new Map<string, Hunk[]>();
	const prefix = `+++ b/node_modules/${packageName}/`;
	const lines = patch.split('\n');
	let hunks: Hunk[] | undefined;
	for (let index = 0; index < lines.length; index++) {
		const line = lines[index]!;
		if (line.startsWith('+++ ')) {
			hunks = line.startsWith(prefix) ? [] : undefined;
			if (hunks) files.set(line.slice(prefix.length), hunks);
			continue;
		}

		const header = /^@@ -\d+(?:,(\d+))? \+\d+(?:,(\d+))? @@/.exec(line);
		if (!header || !hunks) continue;
		let beforeLeft = Number(header[1] ?? 1);
		let afterLeft = Number(header[2] ?? 1);
		const hunk: Hunk = {before: [], after: []};
		while (beforeLeft > 0 || afterLeft > 0) {
			const body = lines[++index];
			if (body === undefined) throw new Error(`${packageName} patch: a hunk ends before its last line`);
			if (body.startsWith('\\')) continue;
			const [mark, text] = [body[0] ?? ' ', body.slice(1)];
			if (mark !== '+') {
				hunk.before.push(text);
				beforeLeft--;
			}

			if (mark !== '-') {
				hunk.after.push(text);
				afterLeft--;
			}
		}

		hunks.push(hunk);
	}

	return files;
}

/** Where `run` first occurs in `lines` at or after `from`, or -1. */
function indexOfRun(lines: string[], run: string[], from: number): number {
	for (let start = from; start + run.length <= lines.length; start++) {
		if (run.every((line, offset) => lines[start + offset] === line)) return start;
	}

	return -1;
}

/** `text` with `hunks` applied in order; 'already' when every hunk's result is there, 'mismatch' when one fits nowhere. */
export function applyHunks(text: string, hunks: Hunk[]): PatchedText {
	let lines = text.split('\n');
	let from = 0;
	let changed = false;
	for (const [number, hunk] of hunks.entries()) {
		const applied = indexOfRun(lines, hunk.after, from);
		if (applied >= 0) {
			from = applied + hunk.after.length;
			continue;
		}

		const start = indexOfRun(lines, hunk.before, from);
		if (start < 0) return {state: 'mismatch', hunk: number + 1};
		lines = [...lines.slice(0, start), ...hunk.after, ...lines.slice(start + hunk.before.length)];
		from = start + hunk.after.length;
		changed = true;
	}

	return changed ? {state: 'patched', text: lines.join('\n')} : {state: 'already'};
}
