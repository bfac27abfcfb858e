// `node dist/bench/outputs.js OTHER_CLONE [EVENTS]`: whether a change left every output as it was. Runs `metrics
// --json`, `alerts --json` and `flow analyze --json` (on the first correlation id of each input) of this build and of
// OTHER_CLONE's build (a clone of another commit, built) over every bundled recording and the benchmark's recording
// (EVENTS, default 40 000), and names each output that differs, byte for byte; exit code 1 when one does.
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {gunzipSync} from 'node:zlib';
import {generateRecording} from './generate.js';

const [other, eventsText] = process.argv.slice(2);
if (!other) {
	process.stderr.write('usage: node dist/bench/outputs.js OTHER_CLONE [EVENTS=40000]\n');
	process.exit(2);
}

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const clis = {this: path.join(here, '..', 'source', 'cli.js'), other: path.join(path.resolve(other), 'dist', 'source', 'cli.js')};
if (!fs.existsSync(clis.other)) {
	process.stderr.write(`outputs: ${clis.other} is missing: build that clone first (npm ci && npm run build)\n`);
	process.exit(2);
}

/** The first text member named like a correlation id (…Id, …_id; not an event's own id) in a value, nested ones too. */
function correlationId(value: unknown): string | undefined {
	if (typeof value !== 'object' || value === null) return undefined;
	for (const [name, member] of Object.entries(value)) {
		if (typeof member === 'string' && member !== '' && /[a-z](Id|_id)$/.test(name) && !/^event_?id$/i.test(name)) return member;
	}

	for (const member of Object.values(value)) {
		const found = correlationId(member);
		if (found !== undefined) return found;
	}

	return undefined;
}

/** The correlation id of the first event of a recording that has one. */
function firstId(file: string): string {
	const bytes = fs.readFileSync(file);
	const text = (file.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
	for (const line of text.split('\n', 100)) {
		try {
			const found = correlationId(JSON.parse(line));
			if (found !== undefined) return found;
		} catch {
			// A line that is not JSON (a header, a blank line) has none.
		}
	}

	return '';
}

/** What one CLI run printed on standard output, and its exit code. */
function run(cli: string, args: string[]): {stdout: string; status: number | null} {
	const {stdout, status} = spawnSync(process.execPath, [cli, ...args], {encoding: 'utf8', maxBuffer: 256 * 1024 * 1024});
	return {stdout, status};
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pubsub-outputs-'));
try {
	const bench = path.join(work, 'bench.jsonl');
	generateRecording(bench, Number(eventsText ?? 40_000));
	const recordings = path.join(root, 'recordings');
	const inputs = [...fs.readdirSync(recordings).filter(name => /\.jsonl(\.gz)?$/.test(name)).sort().map(name => path.join(recordings, name)), bench];
	let differing = 0;
	for (const input of inputs) {
		const id = firstId(input);
		const commands = [['metrics', input, '--json'], ['alerts', input, '--json'], ['flow', 'analyze', input, '--id', id, '--json']];
		for (const args of commands) {
			const mine = run(clis.this, args);
			const theirs = run(clis.other, args);
			const same = mine.stdout === theirs.stdout && mine.status === theirs.status;
			if (!same) differing++;
			// An output is only worth comparing when there is one: the exit code and size say so.
			const shown = `exit ${mine.status}, ${mine.stdout.length.toLocaleString('en-US')} characters`;
			process.stdout.write(`${same ? 'same     ' : 'DIFFERENT'} ${args.filter(arg => arg !== input && arg !== '--json').join(' ')} ${path.basename(input)} (${shown})\n`);
		}
	}

	process.stdout.write(`\n${differing === 0 ? 'every output the same' : `${differing} outputs differ`} (${inputs.length} inputs)\n`);
	process.exitCode = differing === 0 ? 0 : 1;
} finally {
	fs.rmSync(work, {recursive: true, force: true});
}
