// The README's screen captures: which command and keys make each, and the capture itself from the real program in
// a real terminal (tmux, 80×24, NO_COLOR). scripts/capture-screens.ts prints them; a test holds the README to them.
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * One screen: the arguments of pubsub-tools, the keys typed once the replay finished, what to wait for, and, for a
 * view shown in part, the line it starts at and how many lines it has.
 */
export type Screen = {args: string[]; keys: string[]; until: string; excerpt?: {from: string; lines: number}};

const replay = ['replay', 'recordings/ecommerce.jsonl.gz', '--speed', 'max', '--to', '2026-11-27T08:01:52Z'];

/** Every screen the README shows, in its order. */
export const screens: Screen[] = [
	{args: replay, keys: [], until: 'Throughput'},
	{args: replay, keys: ['2'], until: '─ selected topic ─'},
	{args: replay, keys: ['4'], until: '─ last hour'},
	{args: replay, keys: [':', 'tx ORD-5T6H-002529', 'Enter'], until: 'Transaction ORD-5T6H-002529'},
	{
		args: ['replay', 'recordings/claims-store.jsonl', '--speed', 'max'],
		keys: [':', 'group client_id --sum montant_estime', 'Enter'],
		until: 'Group by client_id',
		excerpt: {from: 'Group by client_id', lines: 10},
	},
];

/** Wait until the pane shows `text`, then return it. */
async function screenWith(tmux: (...args: string[]) => string, text: string): Promise<string> {
	const deadline = Date.now() + 60_000;
	for (;;) {
		const shown = tmux('capture-pane', '-p', '-t', 'capture');
		if (shown.includes(text)) return shown;
		if (Date.now() > deadline) throw new Error(`no "${text}" on screen:\n${shown}`);
		await new Promise(resolve => setTimeout(resolve, 100));
	}
}

/** The screen as the README shows it: the command and keys that made it, then the frame in a Markdown block. */
export async function captureScreen(screen: Screen, root: string): Promise<string> {
	// A private tmux server per screen: a new one started while the last one is stopping may fail to start.
	const socket = `pubsub-capture-${process.pid}-${screens.indexOf(screen)}`;
	const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, '-f', '/dev/null', ...args], {encoding: 'utf8'});
	const command = [process.execPath, path.join(root, 'dist/source/cli.js'), ...screen.args].map(word => `'${word}'`).join(' ');
	tmux('new-session', '-d', '-s', 'capture', '-x', '80', '-y', '24', '-c', root, `env -u CI NO_COLOR=1 TERM=xterm-256color ${command}; sleep 60`);
	try {
		await screenWith(tmux, '✓ replay finished');
		for (const key of screen.keys) tmux('send-keys', '-t', 'capture', ...(key === 'Enter' ? ['Enter'] : ['-l', key]));
		// One more frame after the awaited text, so the pane has settled.
		await screenWith(tmux, screen.until);
		await new Promise(resolve => setTimeout(resolve, 500));
		const shown = tmux('capture-pane', '-p', '-t', 'capture').replace(/\n+$/, '');
		const typed = screen.keys.length > 0 ? `, then ${screen.keys.map(key => (key === 'Enter' ? 'Enter' : `\`${key}\``)).join(' ')}` : '';
		const {excerpt} = screen;
		const lines = shown.split('\n');
		const start = excerpt ? lines.findIndex(line => line.includes(excerpt.from)) : 0;
		const frame = excerpt ? lines.slice(start, start + excerpt.lines).join('\n') : shown;
		return `\`pubsub-tools ${screen.args.join(' ')}\`${typed}${excerpt ? ', the view' : ''}:\n\n\`\`\`\n${frame}\n\`\`\`\n`;
	} finally {
		tmux('kill-server');
		// tmux leaves the socket file behind.
		fs.rmSync(path.join(process.env.TMUX_TMPDIR || '/tmp', `tmux-${process.getuid!()}`, socket), {force: true});
	}
}
