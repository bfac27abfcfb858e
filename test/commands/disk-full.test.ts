// A store that fills its disk: one line saying so and how many events are safe, a clean exit, no lock left, and
// the store opens afterwards with exactly those events. The disk is a 20 MB tmpfs (the tests run as root here);
// where mounting is not permitted, a file size limit (ulimit -f) makes the writes fail the same way.
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {generateRecording} from '../../bench/generate.js';
import {openStore} from '../../source/core/store/store.js';
import {runCli} from '../support/cli.js';
import {useTempDir} from '../support/temp-dir.js';
import {limit} from '../support/limits.js';

const temp = useTempDir('pubsub-disk-full-');
const keepAll = {maxEvents: 1e12, maxAgeMs: 1e15, maxBytes: 1e15};
let disk = '';
let mounted = false;

beforeAll(() => {
	disk = path.join(temp.path, 'disk');
	fs.mkdirSync(disk);
	mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=20m', 'tmpfs', disk]).status === 0;
});

afterAll(() => {
	if (mounted) spawnSync('umount', [disk]);
});

/** Run the CLI with files limited to 20 MB (where no tmpfs can be mounted). */
function underFileSizeLimit(args: string[]): {code: number | null; stderr: string} {
	const cli = path.resolve(import.meta.dirname, '../../dist/source/cli.js');
	const run = spawnSync('/bin/sh', ['-c', 'ulimit -f 40960 && exec "$0" "$@"', process.execPath, cli, ...args], {cwd: temp.path, encoding: 'utf8', maxBuffer: 1e8});
	return {code: run.status, stderr: run.stderr};
}

describe('a full disk', () => {
	it('says "disk full at DIR, N events stored, nothing lost", exits 1 without a stack or lock, and the N events open later', {timeout: limit(300_000)}, async () => {
		const recording = path.join(temp.path, 'big.jsonl');
		generateRecording(recording, 100_000);
		const dataDir = path.join(disk, 'store');
		const args = ['replay', recording, '--headless', '--speed', 'max', '--data-dir', dataDir];
		const result = mounted ? await runCli(args, {cwd: temp.path}) : underFileSizeLimit(args);
		const reason = mounted ? 'disk full at ' + dataDir : `cannot write the store at ${dataDir} \\(.+\\)`;
		const said = new RegExp(`^pubsub-tools: ${reason.replaceAll('/', '\\/')}, ([\\d,]+) events stored, nothing lost\\n$`).exec(result.stderr);
		expect(result.stderr).not.toMatch(/\n\s+at |Error:|unexpected/);
		expect(said, result.stderr).not.toBeNull();
		expect(result.code).toBe(1);
		expect(fs.existsSync(path.join(dataDir, 'pubsub-tools.lock'))).toBe(false);
		const stored = Number(said![1]!.replaceAll(',', ''));
		expect(stored).toBeGreaterThan(1_000);
		expect(stored).toBeLessThan(100_000);

		if (mounted) expect(spawnSync('mount', ['-o', 'remount,size=60m', disk]).status).toBe(0);
		const store = openStore({path: dataDir, retention: keepAll, maxTransactionEvents: 10_000});
		try {
			expect(store.stats().events).toBe(stored);
			expect((store.get(1)!.value as {eventId: string}).eventId).toBe('evt-0');
			expect((store.get(stored)!.value as {eventId: string}).eventId).toBe(`evt-${stored - 1}`);
			expect(store.get(stored + 1)).toBeUndefined();
		} finally {
			await store.close();
		}
	});
});
