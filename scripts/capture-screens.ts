// Text captures of the TUI for the README, from the real program in a real terminal (tmux, 80×24, NO_COLOR):
//   npm run build && node dist/scripts/capture-screens.js
// prints each screen as a Markdown block after the command and keys that produced it.
import {execFileSync} from 'node:child_process';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// A private tmux server per screen: a new one started while the last one is stopping may fail to start.
let socket = '';
const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, '-f', '/dev/null', ...args], {encoding: 'utf8'});

/** One screen: the arguments of pubsub-tools, the keys typed once the replay finished, and what to wait for. */
type Screen = {args: string[]; keys: string[]; until: string};

const replay = ['replay', 'recordings/ecommerce.jsonl.gz', '--speed', 'max', '--to', '2026-11-27T08:01:52Z'];
const screens: Screen[] = [
	{args: replay, keys: [], until: 'Throughput'},
	{args: replay, keys: ['2'], until: '─ selected topic ─'},
	{args: replay, keys: ['4'], until: '─ last hour'},
	{args: replay, keys: [':', 'tx ORD-5T6H-002529', 'Enter'], until: 'Transaction ORD-5T6H-002529'},
];

/** Wait until the screen shows `text`, then return it. */
async function screenWith(text: string): Promise<string> {
	const deadline = Date.now() + 60_000;
	for (;;) {
		const shown = tmux('capture-pane', '-p', '-t', 'capture');
		if (shown.includes(text)) return shown;
		if (Date.now() > deadline) throw new Error(`no "${text}" on screen:\n${shown}`);
		await new Promise(resolve => setTimeout(resolve, 100));
	}
}

for (const [index, screen] of screens.entries()) {
	socket = `pubsub-capture-${process.pid}-${index}`;
	const command = [process.execPath, path.join(root, 'dist/source/cli.js'), ...screen.args].map(word => `'${word}'`).join(' ');
	tmux('new-session', '-d', '-s', 'capture', '-x', '80', '-y', '24', '-c', root, `env -u CI NO_COLOR=1 TERM=xterm-256color ${command}; sleep 60`);
	try {
		await screenWith('✓ replay finished');
		for (const key of screen.keys) tmux('send-keys', '-t', 'capture', ...(key === 'Enter' ? ['Enter'] : ['-l', key]));
		// One more frame after the awaited text, so the pane has settled.
		await screenWith(screen.until);
		await new Promise(resolve => setTimeout(resolve, 500));
		const shown = tmux('capture-pane', '-p', '-t', 'capture').replace(/\n+$/, '');
		const typed = screen.keys.length > 0 ? `, then ${screen.keys.map(key => (key === 'Enter' ? 'Enter' : `\`${key}\``)).join(' ')}` : '';
		process.stdout.write(`\`pubsub-tools ${screen.args.join(' ')}\`${typed}:\n\n\`\`\`\n${shown}\n\`\`\`\n\n`);
	} finally {
		tmux('kill-server');
	}
}
