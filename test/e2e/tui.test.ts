// The real CLI in a real terminal (tmux): replay the fixture, open a transaction by keyboard, quit, terminal intact.
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {tmuxServer, tmuxSkipReason} from '../support/tmux.js';
import {limit} from '../support/limits.js';

const root = path.resolve(import.meta.dirname, '../..');
const cli = path.join(root, 'dist/source/cli.js');
const fixture = path.join(root, 'test/fixtures/ui/shop.jsonl');

// A private tmux server, so the test never touches the user's sessions.
const socket = `pubsub-tui-test-${process.pid}`;
const {tmux, screen, waitForScreen, stop} = tmuxServer(socket);
const title = (session: string) => tmux('display', '-p', '-t', session, '#{pane_title}').trim();
const keys = (session: string, ...names: string[]) => tmux('send-keys', '-t', session, ...names);
const literal = (session: string, text: string) => tmux('send-keys', '-t', session, '-l', text);
/** Open the `/` filter or the `:` command line, type `text` and press Enter. */
const enter = (session: string, prompt: '/' | ':', text: string) => {
	literal(session, prompt);
	literal(session, text);
	keys(session, 'Enter');
};

const quote = (word: string) => `'${word.replaceAll('\'', '\'\\\'\'')}'`;

describe.skipIf(tmuxSkipReason())('TUI in a real terminal', () => {
	let dataDir: string;

	/**
	 * Start `replay <recording> --speed max` in a 100×30 tmux session with a clean environment plus `env`, with a
	 * --data-dir of its own unless `ownStore` is false (then the default: HOME is the same for every session), its
	 * stderr redirected to the file `stderr` when given.
	 */
	const start = (session: string, env: string[] = [], {ownStore = true, recording = fixture, stderr = ''} = {}) => {
		// No CI variables (Ink stops drawing frames under CI) and no colour settings from outside.
		const command = [
			'env', '-i', `PATH=${process.env.PATH}`, `HOME=${dataDir}`, 'TERM=xterm-256color', 'LANG=C.UTF-8', ...env,
			process.execPath, cli, 'replay', recording, '--speed', 'max', ...(ownStore ? ['--data-dir', path.join(dataDir, session)] : []),
		].map(quote).join(' ');
		// tmux runs this with sh -c; the sleep keeps the pane open to read the screen after the TUI exits.
		const redirect = stderr === '' ? '' : ` 2> ${quote(stderr)}`;
		tmux('new-session', '-d', '-s', session, '-x', '100', '-y', '30', `printf 'shell before the TUI\\n'; ${command}${redirect}; printf 'exit=%s\\n' $?; sleep 60`);
	};

	beforeAll(() => {
		dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pubsub-tui-e2e-'));
	});

	afterAll(() => {
		stop();
		fs.rmSync(dataDir, {recursive: true, force: true});
	});

	it('replays, opens a transaction by keyboard, never lets a payload retitle the terminal, and restores the screen on q', async () => {
		start('tui');
		const before = title('tui');
		let shown = await waitForScreen('tui', '✓ replay finished');
		expect(shown).toContain('[1 Overview]');
		expect(shown).toContain('16 total');

		keys('tui', '3');
		await waitForScreen('tui', '[3 Messages]');
		enter('tui', '/', 'id:EVIL-1');
		shown = await waitForScreen('tui', 'filter: id:EVIL-1 ·');
		expect(shown).toContain('evil\\e]0;pwned\\atopic');
		expect(shown).toContain('\\u001b]0;pwned\\u0007');
		expect(title('tui')).toBe(before);
		expect(title('tui')).not.toContain('pwned');

		enter('tui', ':', 'tx TXN-1');
		shown = await waitForScreen('tui', 'Transaction TXN-1');
		expect(shown).toContain('5 events');
		expect(shown).toContain('⚠ SLOW');
		expect(shown).toContain('ShipmentCreated');
		keys('tui', 'Escape');
		await waitForScreen('tui', 'Messages · filter: id:EVIL-1 · 1 matching · searched all');

		literal('tui', 'g');
		keys('tui', 'Enter');
		shown = await waitForScreen('tui', 'Transaction EVIL-1');
		expect(shown).toContain('Probe');
		for (const line of shown.split('\n')) expect(line.length).toBeLessThanOrEqual(100);

		keys('tui', 'q');
		shown = await waitForScreen('tui', 'exit=0');
		expect(shown).toContain('shell before the TUI');
		expect(shown).not.toContain('[1 Overview]');
		expect(title('tui')).not.toContain('pwned');
	});

	it('shows the same figures when the same recording is replayed again with the same HOME', async () => {
		const figures = async (session: string) => {
			start(session, [], {ownStore: false});
			const shown = await waitForScreen(session, '✓ replay finished');
			keys(session, 'q');
			await waitForScreen(session, 'exit=0');
			// Figure lines put two spaces after their label. The chart's title ("Delivery p99 over time") has one and is not
			// a figure: under load it was in one run's last frame and not in the other's.
			return shown.split('\n').filter(line => /^(Events|Delivery|Dropped|Alerts) {2}/.test(line));
		};

		const first = await figures('again-1');
		expect(first.join('\n')).toContain('16 total');
		expect(first.join('\n')).toContain('0 read twice');
		expect(await figures('again-2')).toEqual(first);
	});

	it('says under the source that a recording is of a newer version than it reads, and replays it', async () => {
		const newer = path.join(dataDir, 'v2.jsonl');
		fs.writeFileSync(newer, fs.readFileSync(fixture, 'utf8').replace('{"$recording":{"version":1,', '{"$recording":{"version":2,'));
		start('newer', [], {recording: newer});
		const shown = await waitForScreen('newer', '✓ replay finished');
		expect(shown).toContain('16 total');
		const lines = shown.split('\n');
		const source = lines.findIndex(line => line.includes(`${newer}  ✓ finished`));
		expect(lines[source + 1]).toBe('    ⚠ recording version 2 is newer than this program reads (1); reading it as version 1');
		keys('newer', 'q');
		await waitForScreen('newer', 'exit=0');
	});

	it('stores and shows a message nested 10,000 levels deep as its text, with no store error', async () => {
		const deep = path.join(dataDir, 'deep.jsonl');
		const nest = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
		fs.writeFileSync(deep, `${fs.readFileSync(fixture, 'utf8').trimEnd()}\n{"topic":"orders","value":{"orderId":"ORD-DEEP","nest":${nest}}}\n`);
		start('deep', [], {recording: deep});
		let shown = await waitForScreen('deep', '✓ replay finished');
		expect(shown).toContain('17 total');
		expect(shown).not.toContain('STORE ERROR');
		enter('deep', ':', 'tx ORD-DEEP');
		shown = await waitForScreen('deep', 'Transaction ORD-DEEP');
		expect(shown).toContain('"valueEncoding": "json-deep"');
		expect(shown).toContain('"value": "{\\"orderId\\":\\"ORD-DEEP\\",\\"nest\\":[[[');
		keys('deep', 'q');
		await waitForScreen('deep', 'exit=0');
	});

	it('counts per client with :group on a replayed event store, and Esc closes the view', async () => {
		const recording = path.join(root, 'recordings/claims-store.jsonl');
		// Counted here from the recording's lines: each event id once, client_id and montant_estime inside data.
		const seen = new Set<string>();
		const clients = new Map<string, {count: number; sum: number}>();
		for (const line of fs.readFileSync(recording, 'utf8').trim().split('\n')) {
			const event = JSON.parse(line) as {event_id: string; data?: {client_id?: string; montant_estime?: number}};
			if (seen.has(event.event_id)) continue;
			seen.add(event.event_id);
			const client = event.data?.client_id;
			if (client === undefined) continue;
			const group = clients.get(client) ?? {count: 0, sum: 0};
			clients.set(client, {count: group.count + 1, sum: group.sum + (event.data?.montant_estime ?? 0)});
		}

		start('group', [], {recording});
		await waitForScreen('group', '✓ replay finished');
		enter('group', ':', 'group client_id --sum montant_estime');
		let shown = await waitForScreen('group', 'Group by client_id');
		for (const [client, {count, sum}] of clients) {
			const row = shown.split('\n').find(line => line.slice(2).startsWith(`${client} `));
			expect(row?.slice(2).trim().split(/\s{2,}/).slice(0, 3), client).toEqual([client, String(count), sum.toLocaleString('en-US')]);
		}

		keys('group', 'Escape');
		shown = await waitForScreen('group', 'Throughput');
		expect(shown).not.toContain('Group by');
		keys('group', 'q');
		await waitForScreen('group', 'exit=0');
	});

	it('folds a store of 120,000 events for :group on worker threads, with the figures one thread gives', async () => {
		// Above 100,000 stored events the view's first fold runs on worker threads (it says "reading …" meanwhile).
		const recording = path.join(dataDir, 'big.jsonl');
		const counts = new Map<string, number>();
		const lines: string[] = [];
		for (let id = 0; id < 120_000; id++) {
			const customer = `C-${(id * 7919) % 613}`;
			counts.set(customer, (counts.get(customer) ?? 0) + 1);
			lines.push(JSON.stringify({topic: ['orders', 'payments', 'shipping'][id % 3], value: {eventId: `E-${id}`, customerId: customer, amount: id % 100}, timestamp: 1_795_000_000_000 + id}));
		}

		fs.writeFileSync(recording, `${lines.join('\n')}\n`);
		start('big', [], {recording});
		await waitForScreen('big', '✓ replay finished', {timeoutMs: limit(180_000)});
		enter('big', ':', 'group customerId');
		const shown = await waitForScreen('big', 'values of customerId', {timeoutMs: limit(60_000)});
		expect(shown).toContain('120,000 events · 613 values of customerId · 0 without it');
		const [largest, count] = [...counts].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))[0]!;
		expect(shown.split('\n').find(line => line.startsWith('▶ '))?.slice(2).trim().split(/\s{2,}/).slice(0, 2)).toEqual([largest, count.toLocaleString('en-US')]);
		keys('big', 'q');
		await waitForScreen('big', 'exit=0');
	}, limit(300_000));

	it('c sends the event\'s JSON through tmux to its clipboard (set-clipboard on) and says it is unconfirmed', async () => {
		// env -i drops the pane's own TMUX; the TUI only looks at whether it is set.
		start('copy', ['TMUX=/tmp/pubsub-tui-test,1,0']);
		tmux('set-option', '-s', 'set-clipboard', 'on');
		await waitForScreen('copy', '✓ replay finished');
		keys('copy', '3');
		await waitForScreen('copy', '[3 Messages]');
		literal('copy', 'g');
		literal('copy', 'c');
		const shown = await waitForScreen('copy', 'sent via tmux');
		expect(shown).toMatch(/→ event \d+ sent via tmux \(OSC 52\), unconfirmed: needs tmux set-clipboard on/);
		// tmux took the OSC 52 into a paste buffer: the event's JSON, as the TUI shows it.
		const copied = JSON.parse(tmux('show-buffer')) as {topic: string; type: string};
		expect(copied).toMatchObject({topic: 'orders.created', type: 'OrderCreated'});
		keys('copy', 'q');
		await waitForScreen('copy', 'exit=0');
	});

	it('says in the status line why a source it starts with cannot connect, as it does for one that was lost', async () => {
		// A port nothing listens on: the one a server had a moment ago.
		const port = await new Promise<number>(resolve => {
			const server = net.createServer().listen(0, '127.0.0.1', () => {
				const {port: free} = server.address() as net.AddressInfo;
				server.close(() => resolve(free));
			});
		});
		const url = `redis://127.0.0.1:${port}?streams=orders`;
		const command = ['env', '-i', `PATH=${process.env.PATH}`, `HOME=${dataDir}`, 'TERM=xterm-256color', 'LANG=C.UTF-8', process.execPath, cli, 'monitor', '--source', url, '--data-dir', path.join(dataDir, 'down')].map(quote).join(' ');
		tmux('new-session', '-d', '-s', 'down', '-x', '100', '-y', '30', `${command}; printf 'exit=%s\\n' $?; sleep 60`);
		// The cause first; the address is the URL's own, shown beside it.
		const shown = await waitForScreen('down', `${url} … connecting: ECONNREFUSED`);
		expect(shown.split('\n')[0]).toContain(`${url} … connecting: ECONNREFUSED`);
		keys('down', 'q');
		await waitForScreen('down', 'exit=0');
	});

	it('gives the terminal back on SIGTERM', async () => {
		start('term');
		await waitForScreen('term', '✓ replay finished');
		const shell = Number(tmux('display', '-p', '-t', 'term', '#{pane_pid}').trim());
		// env execs node, so the CLI is the shell's only child.
		const cliPid = Number(execFileSync('pgrep', ['-P', String(shell)], {encoding: 'utf8'}).trim());
		process.kill(cliPid, 'SIGTERM');
		const shown = await waitForScreen('term', 'exit=0');
		expect(shown).toContain('shell before the TUI');
		expect(shown).not.toContain('[1 Overview]');
		expect(tmux('display', '-p', '-t', 'term', '#{alternate_on} #{cursor_flag}').trim()).toBe('0 1');
	});

	it('writes nothing to a stderr that is no terminal, and shows the cursor again on q, Ctrl-C and SIGTERM', async () => {
		const ways: Record<string, (session: string) => void> = {
			q: session => keys(session, 'q'),
			ctrlc: session => keys(session, 'C-c'),
			sigterm(session) {
				const shell = Number(tmux('display', '-p', '-t', session, '#{pane_pid}').trim());
				process.kill(Number(execFileSync('pgrep', ['-P', String(shell)], {encoding: 'utf8'}).trim()), 'SIGTERM');
			},
		};
		for (const [way, quit] of Object.entries(ways)) {
			const session = `err-${way}`;
			const stderr = path.join(dataDir, `${session}.log`);
			start(session, [], {stderr});
			await waitForScreen(session, '✓ replay finished');
			quit(session);
			await waitForScreen(session, 'exit=0');
			expect(JSON.stringify(fs.readFileSync(stderr, 'utf8')), way).toBe('""');
			expect(tmux('display', '-p', '-t', session, '#{alternate_on} #{cursor_flag}').trim(), way).toBe('0 1');
		}
	});

	it('draws in colour on a colour terminal and without any under NO_COLOR', async () => {
		// SGR foreground colours: 30–37, 90–97, 38;5;n and 38;2;r;g;b.
		const colour = /\u001B\[(?:[\d;]*;)?(?:3[0-7]|9[0-7]|38;[25])[;m]/;
		start('colour');
		start('plain', ['NO_COLOR=1']);
		await waitForScreen('colour', '✓ replay finished');
		await waitForScreen('plain', '✓ replay finished');
		expect(screen('colour', true)).toMatch(colour);
		const plain = screen('plain', true);
		expect(plain).not.toMatch(colour);
		expect(plain).toContain('✗ critical');
		keys('colour', 'q');
		keys('plain', 'C-c');
		await waitForScreen('colour', 'exit=0');
		await waitForScreen('plain', 'exit=0');
	});
});
