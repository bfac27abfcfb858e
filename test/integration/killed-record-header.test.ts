// A record killed outright (SIGKILL) before anything arrived: its file still says where it came from. The header is
// in the file as soon as the file has anything in it; compressed, it was held in the compressor for up to a second,
// so a .jsonl.gz killed then held the 10 bytes of a gzip header and no line.
import fs from 'node:fs';
import path from 'node:path';
import {setTimeout as delay} from 'node:timers/promises';
import zlib from 'node:zlib';
import {describe, expect, it} from 'vitest';
import {startCli} from '../support/cli.js';
import {limit} from '../support/limits.js';
import {redisSkipReason, useRedis} from '../support/redis.js';
import {useTempDir} from '../support/temp-dir.js';
import {uniqueName} from './reader.js';

const temp = useTempDir('pubsub-killed-record-header-');
const skipReason = redisSkipReason();

/** The text a recording file holds so far, decompressed as far as it goes for a .gz. */
function textSoFar(file: string): string {
	const bytes = fs.readFileSync(file);
	return file.endsWith('.gz') ? zlib.gunzipSync(bytes, {finishFlush: zlib.constants.Z_SYNC_FLUSH}).toString('utf8') : bytes.toString('utf8');
}

describe.skipIf(skipReason)('record killed with SIGKILL before any event', () => {
	const redis = useRedis();
	it.each(['quiet.jsonl.gz', 'quiet.jsonl'])('leaves %s with its header', async name => {
		const out = path.join(temp.path, name);
		const source = `${redis.url}?streams=${uniqueName('quiet')}`;
		// Killed, it cannot remove its temporary store: let it make that store where the test's files are removed.
		const running = startCli(['record', '--source', source, '-o', out], {cwd: temp.path, env: {TMPDIR: temp.path}});
		const deadline = Date.now() + limit(60_000);
		while ((fs.statSync(out, {throwIfNoEntry: false})?.size ?? 0) === 0 && Date.now() < deadline) await delay(5);
		running.child.kill('SIGKILL');
		await running.exited;
		const [first] = textSoFar(out).split('\n');
		expect(JSON.parse(first!)).toMatchObject({$recording: {version: 1, source}});
	});
});
