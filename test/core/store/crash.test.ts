// Durability: a writer killed with SIGKILL mid-ingest loses nothing it reported committed, leaves no half batch,
// and its positions always match its events. A full disk fails one write cleanly. The writer is a real child
// process running the built store (dist/, compiled by the global setup).
import {spawn, type ChildProcess} from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import {describe, expect, it} from 'vitest';
import {defaultConfig} from '../../../source/core/config.js';
import {groupStoredEvents} from '../../../source/core/queries/group-by.js';
import type {EventStore} from '../../../source/core/store/types.js';
import {slowGroupBy} from '../queries/random-events.js';
import {envelope, open, tempDirectory} from './helpers.js';

const writer = path.join(import.meta.dirname, 'fixtures', 'writer.js');
const batchSize = 200;

type Report = {batch?: number; lastSeq?: number; error?: string; unhandled?: string};

/** Reports of a writer as they come, and how it ended. */
function watch(child: ChildProcess, onReport: (report: Report) => void): Promise<{code: number | null; signal: NodeJS.Signals | null}> {
	readline.createInterface({input: child.stdout!}).on('line', line => {
		onReport(JSON.parse(line) as Report);
	});
	child.stderr!.resume();
	return new Promise(resolve => {
		child.on('exit', (code, signal) => {
			resolve({code, signal});
		});
	});
}

/** Check that the store holds exactly whole batches 0…k, every event readable, positions matching, orders joined. */
function expectConsistent(store: EventStore, atLeast: number): number {
	const events = store.stats().events;
	expect(events).toBeGreaterThanOrEqual(atLeast);
	expect(events % batchSize).toBe(0);
	expect(store.positions('writer')).toEqual({next: String(events / batchSize)});
	for (let seq = 1; seq <= events; seq++) expect(store.get(seq)?.value).toMatchObject({n: seq - 1});
	// Order o spans n = 4o-2 … 4o+1 (across batch boundaries); every third starts with a fraud check joined later.
	for (let order = 1; 4 * order + 1 < events; order += 7) {
		const record = store.transaction(order % 3 === 0 ? `TXN-${order}` : `ORD-${order}`);
		expect(record?.events.map(event => event.seq)).toEqual([4 * order - 1, 4 * order, 4 * order + 1, 4 * order + 2]);
	}

	// Each batch's group columns were committed with it: they cover every event and answer as the events do.
	let covered = 0;
	store.columnBlocks(({count, block}) => {
		expect(block).toBeDefined();
		covered += count;
	});
	expect(covered).toBe(events);
	const containers = defaultConfig.fields.containers;
	expect(groupStoredEvents(store, {groupBy: 'type', containers})).toEqual(slowGroupBy(store, 'type', undefined, undefined));
	return events;
}

// SIGKILL and `ulimit -f` are POSIX.
describe.skipIf(process.platform === 'win32')('crash safety', () => {
	it('keeps every batch reported committed through kill -9, resuming from the saved positions', async () => {
		const directory = tempDirectory();
		let committed = 0;
		let resumeAt = 0;
		for (const [round, killAfter] of [[0, 3], [1, 5], [2, 8]] as const) {
			const child = spawn(process.execPath, [writer, directory, String(resumeAt)], {stdio: ['ignore', 'pipe', 'pipe']});
			let reports = 0;
			const ended = watch(child, report => {
				expect(report.error ?? report.unhandled).toBeUndefined();
				committed = Math.max(committed, report.lastSeq!);
				// Kill while the next batch is being written, at a slightly different moment each round.
				if (++reports === killAfter) setTimeout(() => child.kill('SIGKILL'), round * 3);
			});
			expect((await ended).signal).toBe('SIGKILL');
			const store = open(directory);
			const events = expectConsistent(store, committed);
			resumeAt = events / batchSize;
			await store.close();
		}

		const store = open(directory);
		const more = await store.putBatch([envelope({topic: 'after', receivedAt: 1, type: 'After', ids: ['ORD-1'], eventId: 'after'})]);
		expect(more.stored[0]!.seq).toBe(resumeAt * batchSize + 1);
		expect(store.transaction('ORD-1')!.events.at(-1)!.type).toBe('After');
	});

	it('rejects the write that finds the disk full with a clear error, storing nothing of it', async () => {
		const directory = tempDirectory();
		// A file size limit makes LMDB's writes fail like a full disk would.
		const child = spawn('/bin/sh', ['-c', `ulimit -f 8192 && exec "${process.execPath}" "${writer}" "${directory}" 0`], {stdio: ['ignore', 'pipe', 'pipe']});
		const reports: Report[] = [];
		const ended = await watch(child, report => reports.push(report));
		expect(ended.code).toBe(0);
		expect(reports.filter(report => report.unhandled)).toEqual([]);
		const failure = reports.at(-1)!;
		const last = reports.at(-2)!;
		// A file size limit is not a full disk (there is space left): the system's reason is given instead.
		expect(failure.error).toMatch(/^cannot write the store at .+ \(.+\), [\d,]+ events stored, nothing lost$/);
		expect(failure.error).toContain(`at ${directory} (`);
		expect(failure.error).toContain(`, ${last.lastSeq!.toLocaleString('en-US')} events stored`);
		expect(last.batch).toBeGreaterThan(2);
		const store = open(directory);
		expect(expectConsistent(store, last.lastSeq!)).toBe(last.lastSeq);
	});
});
