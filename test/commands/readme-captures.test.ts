// The README's screen captures are what the program draws: each screen scripts/readme-screens.ts lists, captured
// from the real TUI in tmux at 80×24, is in the README as it is, after the command and keys that made it. The
// Alerts pane's capture had kept a column layout the pane no longer drew. A headless command's output shown after
// its `$ npx pubsub-tools …` line is what it prints, a line `…` standing for the lines left out.
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {captureScreen, screens} from '../../scripts/readme-screens.js';
import {runCli} from '../support/cli.js';
import {limit} from '../support/limits.js';

const root = path.resolve(import.meta.dirname, '../..');
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');

describe('the README captures', () => {
	it.each(screens.map(screen => [[...screen.args.slice(0, 2), ...screen.keys].join(' '), screen] as const))('%s is the screen the program draws', async (_, screen) => {
		expect(readme).toContain(await captureScreen(screen, root));
	}, limit(90_000));

	const shown = [...readme.matchAll(/^```\n\$ npx pubsub-tools (.*)\n([\s\S]*?)^```/gm)].map(match => [match[1]!, match[2]!] as const);
	it('finds the headless outputs', () => {
		expect(shown.length).toBeGreaterThanOrEqual(2);
	});

	it.each(shown)('%s prints what the README shows', async (command, output) => {
		const result = await runCli(command.split(' '), {cwd: root});
		expect(result.code).toBe(0);
		// The parts between `…` lines, in order: the first starts the output, the last ends it.
		const parts = output.split('…\n');
		let at = 0;
		for (const [index, part] of parts.entries()) {
			const found = index === parts.length - 1 ? result.stdout.length - part.length : result.stdout.indexOf(part, at);
			expect(result.stdout.slice(found, found + part.length)).toBe(part);
			if (index === 0) expect(found).toBe(0);
			expect(found).toBeGreaterThanOrEqual(at);
			at = found + part.length;
		}
	}, limit(60_000));
});
