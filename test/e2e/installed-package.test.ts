// The package as a stranger gets it: `npm pack`, installed from the tarball into a fresh project with no install
// scripts run (npm 11 runs none without approval), then the installed binary run from elsewhere, with a fresh HOME:
// help, a headless replay of a bundled recording, and the TUI in a real terminal (tmux) running Ink with its text
// caches bounded (patches/ink+6.8.0.patch, applied as Ink loads: source/patched-dependencies.ts). Installs from the
// npm cache where it can (`npm ci` filled it with the locked tarballs), from the registry what it lacks: `npm ci` caches
// no package metadata, which resolving the tarball's dependency ranges needs (offline, a fresh machine's CI failed
// with ENOTCACHED); about 60 s, most of it npm.
import {execFileSync, spawnSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {beforeAll, describe, expect, it, vi} from 'vitest';
import type {RenderStatsFile} from '../../source/ui/render-stats.js';
import {useTempDir} from '../support/temp-dir.js';
import {tmuxServer, tmuxSkipReason} from '../support/tmux.js';
import {limit} from '../support/limits.js';

const root = path.resolve(import.meta.dirname, '../..');
const version = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {version: string}).version;
const temp = useTempDir('pubsub-installed-');
const quote = (word: string) => `'${word.replaceAll('\'', '\'\\\'\'')}'`;

/** Every file under `directory` with its size, to tell whether a run wrote anything there. */
function listing(directory: string): string[] {
	return fs.readdirSync(directory, {recursive: true, encoding: 'utf8'}).sort()
		.map(file => `${file} ${fs.statSync(path.join(directory, file)).size}`);
}

describe('the package installed from its tarball', () => {
	let tarball: string;
	let installed: string;
	let bin: string;
	let cwd: string;
	let home: string;
	const run = (...args: string[]) => spawnSync(bin, args, {cwd, encoding: 'utf8', env: {PATH: process.env.PATH, HOME: home, TMPDIR: temp.path}});

	beforeAll(() => {
		// dist/ is current (the suite's global setup compiles it): pack it as it is, without running `prepare`.
		const packed = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', temp.path], {cwd: root, encoding: 'utf8'});
		tarball = path.join(temp.path, (JSON.parse(packed) as Array<{filename: string}>)[0]!.filename);
		const project = path.join(temp.path, 'project');
		fs.mkdirSync(project);
		fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({name: 'a-project', version: '1.0.0', private: true}));
		execFileSync('npm', ['install', '--prefer-offline', '--ignore-scripts', '--no-audit', '--no-fund', tarball], {cwd: project, stdio: 'pipe'});
		installed = path.join(project, 'node_modules/pubsub-tools');
		bin = path.join(project, 'node_modules/.bin/pubsub-tools');
		cwd = fs.mkdtempSync(path.join(temp.path, 'cwd-'));
		home = fs.mkdtempSync(path.join(temp.path, 'home-'));
	}, limit(300_000));

	it('holds what the installed program and its help point at, and no tests, benchmarks, build state or stores', () => {
		const files = execFileSync('tar', ['tzf', tarball], {encoding: 'utf8'}).split('\n').filter(Boolean).map(file => file.replace(/^package\//, ''));
		for (const needed of ['dist/source/cli.js', 'dist/plugins/flow/index.js', 'dist/plugins/sagas/index.js', 'patches/ink+6.8.0.patch',
			'patches/kafkajs+2.2.4.patch', 'patches/ioredis+5.11.1.patch', 'recordings/ecommerce.jsonl.gz', 'scenarios/ecommerce.yaml', 'README.md',
			'docs/headless-json.md', 'docs/scenarios.md', 'docs/plugin-api.md']) expect(files).toContain(needed);
		expect(files.filter(file => /^(test|bench|scripts|source|plugins|\.ci|dist\/(test|bench|scripts))\/|tsbuildinfo|\.mdb/.test(file))).toEqual([]);
	});

	it('answers --version and --help from any directory and writes nothing there, in HOME or in the install', () => {
		const before = listing(installed);
		const shown = run('--version');
		expect(shown.stderr).toBe('');
		expect(shown.stdout.trim()).toBe(version);
		expect(run('--help').stdout).toContain('Usage: pubsub-tools [command] [options]');
		const replay = run('replay', path.join(installed, 'recordings/checkout.jsonl'), '--headless', '--speed', 'max');
		expect(replay.status, replay.stderr).toBe(0);
		expect(replay.stdout).toContain('StockReserved->OrderCreated');
		expect(fs.readdirSync(cwd)).toEqual([]);
		expect(fs.readdirSync(home)).toEqual([]);
		expect(listing(installed)).toEqual(before);
	});

	it('loads kafkajs with its patch, as the installed CLI does at start', () => {
		// kafkajs' Metadata parse kept throwing on a partition without a leader unpatched (patches/kafkajs+2.2.4.patch).
		const script = [
			`import {createRequire} from 'node:module';`,
			`const {patchDependencies} = await import(${JSON.stringify(path.join(installed, 'dist/source/patched-dependencies.js'))});`,
			'patchDependencies({esm: false});',
			`const metadata = createRequire(${JSON.stringify(path.join(installed, 'package.json'))})('kafkajs/src/protocol/requests/metadata/v0/response.js');`,
			'console.log(metadata.parse.toString().includes(\'REPLICA_NOT_AVAILABLE\'));',
		].join('\n');
		expect(execFileSync(process.execPath, ['--input-type=module', '-e', script], {cwd, encoding: 'utf8'}).trim()).toBe('true');
	});

	it('loads ioredis with its patch, as the installed CLI does at start', () => {
		// ioredis let a socket timeout armed before a reconnection fire on the new connection (patches/ioredis+5.11.1.patch).
		const script = [
			`import {createRequire} from 'node:module';`,
			`const {patchDependencies} = await import(${JSON.stringify(path.join(installed, 'dist/source/patched-dependencies.js'))});`,
			'patchDependencies({esm: false});',
			`const handlers = createRequire(${JSON.stringify(path.join(installed, 'package.json'))})('ioredis/built/redis/event_handler.js');`,
			'console.log(handlers.closeHandler.toString().includes(\'clearTimeout(self.socketTimeoutTimer)\'));',
		].join('\n');
		expect(execFileSync(process.execPath, ['--input-type=module', '-e', script], {cwd, encoding: 'utf8'}).trim()).toBe('true');
	});

	it.skipIf(tmuxSkipReason())('opens the TUI on a bundled recording with Ink\'s text caches bounded', async () => {
		const {tmux, waitForScreen, stop} = tmuxServer(`pubsub-installed-${process.pid}`);
		const stats = path.join(temp.path, 'render-stats.json');
		try {
			const command = ['env', '-i', `PATH=${process.env.PATH}`, `HOME=${home}`, `TMPDIR=${temp.path}`, 'TERM=xterm-256color', 'LANG=C.UTF-8',
				`PUBSUB_TUI_RENDER_STATS=${stats}`, bin, 'replay', path.join(installed, 'recordings/checkout.jsonl'), '--speed', 'max'].map(quote).join(' ');
			tmux('new-session', '-d', '-s', 'tui', '-x', '80', '-y', '24', '-c', cwd, `exec ${command}`);
			await waitForScreen('tui', 'q quit', {timeoutMs: limit(60_000)});
			tmux('send-keys', '-t', 'tui', 'q');
			await vi.waitFor(() => {
				if (!fs.existsSync(stats)) throw new Error('the TUI has not quit');
			}, {timeout: limit(30_000), interval: 100});
		} finally {
			stop();
		}

		// Null when Ink runs as installed: its caches keep every string it ever measured or wrapped.
		const {inkTextCaches} = JSON.parse(fs.readFileSync(stats, 'utf8')) as RenderStatsFile;
		expect(inkTextCaches).toEqual({measureText: {size: expect.any(Number), limit: 4096}, wrapText: {size: expect.any(Number), limit: 4096}});
		expect(inkTextCaches!.measureText.size).toBeGreaterThan(0);
		expect(fs.readdirSync(cwd)).toEqual([]);
	});
});
