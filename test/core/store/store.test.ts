// The store's basics: sequence numbers across restarts, reads, positions, alerts, stats, one store per directory.
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {describe, expect, it} from 'vitest';
import type {Alert} from '../../../source/core/alerts/types.js';
import {openStore} from '../../../source/core/store/store.js';
import {envelope, keepAll, open, tempDirectory} from './helpers.js';

describe('sequence numbers', () => {
	it('hands the planned batch to whileCommitting as soon as its write is issued; readers see it only once committed', async () => {
		const store = open(tempDirectory());
		let planned: Array<[number, number]> | undefined;
		let visible: {events: number; first: unknown; transaction: unknown} | undefined;
		const result = await store.putBatch([envelope({ids: ['ORD-1']}), envelope({ids: ['ORD-1']})], undefined, batch => {
			planned = batch.stored.map(event => [event.seq, event.txId]);
			visible = {events: store.stats().events, first: store.get(1), transaction: store.transaction('ORD-1')};
		});
		expect(planned).toEqual(result.stored.map(event => [event.seq, event.txId]));
		expect(planned![0]![1]).toBeGreaterThan(0);
		expect(visible).toEqual({events: 0, first: undefined, transaction: undefined});
		expect(store.stats().events).toBe(2);
		expect(store.transaction('ORD-1')?.events.map(event => event.seq)).toEqual([1, 2]);
	});

	it('rejects with the error of whileCommitting once the commit settled, memory matching what LMDB holds', async () => {
		const store = open(tempDirectory());
		await expect(store.putBatch([envelope()], undefined, () => {
			throw new Error('observer failed');
		})).rejects.toThrow('observer failed');
		// The write itself was committed; memory was rebuilt from LMDB, so it counts the event and seqs go on after it.
		expect(store.stats().events).toBe(1);
		const next = await store.putBatch([envelope()]);
		expect(next.stored[0]!.seq).toBe(2);
	});

	it('assigns increasing seqs that continue after a reopen, and reads events back as stored', async () => {
		const directory = tempDirectory();
		const before = open(directory);
		const first = await before.putBatch([envelope({type: 'a', value: {n: 1}}), envelope({type: 'b', partition: 3, offset: '7', timestamp: 5})]);
		expect(first.stored.map(event => event.seq)).toEqual([1, 2]);
		await before.close();
		const after = open(directory);
		const second = await after.putBatch([envelope({type: 'c'})]);
		expect(second.stored[0]!.seq).toBe(3);
		expect(after.get(1)).toEqual({...envelope({type: 'a', value: {n: 1}}), seq: 1});
		expect(after.get(2)).toEqual({...envelope({type: 'b', partition: 3, offset: '7', timestamp: 5}), seq: 2});
		expect(after.get(4)).toBeUndefined();
	});
});

describe('values kept as the JSON text they were parsed from', () => {
	it('reads back the value of an envelope line, of a bare payload, and of an event without text, after a reopen', async () => {
		const directory = tempDirectory();
		const line = '{"topic":"t","value":{"orderId":"ORD-1","amount":12.5,"tags":["a"]},"partition":1}';
		const payload = '{"event_type":"Created","aggregate_id":"A-1"}';
		const before = open(directory);
		await before.putBatch([
			envelope({topic: 't', value: JSON.parse(line).value, valueText: {text: line, member: 'value'}}),
			envelope({value: JSON.parse(payload), valueText: {text: payload}}),
			envelope({topic: 'objects', value: {n: [1, 2]}}),
		]);
		await before.close();
		const after = open(directory);
		expect([1, 2, 3].map(seq => after.get(seq)!.value)).toStrictEqual([
			{orderId: 'ORD-1', amount: 12.5, tags: ['a']},
			{event_type: 'Created', aggregate_id: 'A-1'},
			{n: [1, 2]},
		]);
		expect(after.get(1)!.valueText).toStrictEqual({text: line, member: 'value'});
		expect(after.get(3)!.valueText).toBeUndefined();
		await after.close();
	});

	it('keeps binary-key and header encodings, repeated headers, and reads a stored value too deep to walk as its text', async () => {
		const directory = tempDirectory();
		const deep = `{"n":${'['.repeat(10_000)}${']'.repeat(10_000)}}`;
		const line = `{"topic":"t","value":${deep}}`;
		const before = open(directory);
		// As a store written before values were bounded holds it: the text of a value no walk may enter.
		await before.putBatch([
			envelope({value: null, valueText: {text: line, member: 'value'}}),
			envelope({key: '/wA=', keyEncoding: 'base64', headers: {hop: ['a', 'b'], sig: '3q2+7w=='}, headersEncoding: {sig: 'base64'}}),
		]);
		await before.close();
		const after = open(directory);
		expect(after.get(1)).toMatchObject({value: deep, valueEncoding: 'json-deep'});
		expect(after.get(1)!.valueText).toBeUndefined();
		expect(after.get(2)).toMatchObject({key: '/wA=', keyEncoding: 'base64', headers: {hop: ['a', 'b'], sig: '3q2+7w=='}, headersEncoding: {sig: 'base64'}});
		await after.close();
	});
});

describe('reopening the environment to bound its resident pages', () => {
	it('keeps reads, transactions and the read-twice guard working across it', async () => {
		const store = open(tempDirectory());
		const batches = 30;
		for (let batch = 0; batch < batches; batch++) {
			const events = Array.from({length: 2_000}, (_, i) => {
				const n = batch * 2_000 + i;
				return envelope({offset: String(n), ids: [`T-${Math.floor(n / 3)}`], timestamp: n, value: {n}});
			});
			const result = await store.putBatch(events);
			expect(result.stored).toHaveLength(2_000);
		}

		expect(store.stats().events).toBe(60_000);
		expect(store.get(59_999)!.value).toEqual({n: 59_998});
		expect(store.transaction('T-19999')!.events.map(event => event.value)).toEqual([{n: 59_997}, {n: 59_998}, {n: 59_999}]);
		expect((await store.putBatch([envelope({offset: '1'}), envelope({offset: '60000'})])).skipped).toBe(1);
	});
});

describe('reads', () => {
	it('gives the newest events, of all topics or one, oldest first', async () => {
		const store = open(tempDirectory());
		await store.putBatch([
			envelope({type: 'o1', topic: 'orders', receivedAt: 10}), envelope({type: 'p1', topic: 'payments', receivedAt: 11}),
			envelope({type: 'o2', topic: 'orders', receivedAt: 12}), envelope({type: 'o3', topic: 'orders', receivedAt: 13}),
		]);
		expect(store.recent(3).map(event => event.type)).toEqual(['p1', 'o2', 'o3']);
		expect(store.recent(2, 'orders').map(event => event.type)).toEqual(['o2', 'o3']);
		expect(store.recent(10, 'payments').map(event => event.type)).toEqual(['p1']);
		expect(store.recent(0)).toEqual([]);
	});

	it('gives only the events stored after a seq, across batches, newest `limit` of them', async () => {
		const store = open(tempDirectory());
		const first = await store.putBatch([envelope({type: 'o1'}), envelope({type: 'p1', topic: 'payments'}), envelope({type: 'o2'})]);
		const second = await store.putBatch([envelope({type: 'p2', topic: 'payments'}), envelope({type: 'o3'}), envelope({type: 'o4'})]);
		const seqOf = (type: string) => [...first.stored, ...second.stored].find(event => event.type === type)!.seq;
		expect(store.recent(10, undefined, seqOf('p1')).map(event => event.type)).toEqual(['o2', 'p2', 'o3', 'o4']);
		expect(store.recent(2, undefined, seqOf('p1')).map(event => event.type)).toEqual(['o3', 'o4']);
		expect(store.recent(10, 'orders', seqOf('o2')).map(event => event.type)).toEqual(['o3', 'o4']);
		expect(store.recent(10, 'orders', seqOf('p1')).map(event => event.type)).toEqual(['o2', 'o3', 'o4']);
		expect(store.recent(10, 'payments', seqOf('p2'))).toEqual([]);
		expect(store.recent(10, undefined, seqOf('o4'))).toEqual([]);
		expect(store.recent(10, undefined, 0)).toHaveLength(6);
	});

	it('gives the events of a topic received in [from, to)', async () => {
		const store = open(tempDirectory());
		await store.putBatch([10, 20, 30, 40].map(receivedAt => envelope({type: `t${receivedAt}`, receivedAt})));
		await store.putBatch([envelope({type: 'other', topic: 'payments', receivedAt: 25})]);
		expect(store.range('orders', 20, 40).map(event => event.type)).toEqual(['t20', 't30']);
		expect(store.range('orders', 0, 100, 3).map(event => event.type)).toEqual(['t10', 't20', 't30']);
		expect(store.range('payments', 0, 100).map(event => event.type)).toEqual(['other']);
	});

	it('keeps receive-time order and limits across batches whose receive times overlap', async () => {
		const store = open(tempDirectory());
		await store.putBatch([30, 10, 50].map(receivedAt => envelope({type: `a${receivedAt}`, receivedAt})));
		await store.putBatch([20, 40].map(receivedAt => envelope({type: `b${receivedAt}`, receivedAt})));
		await store.putBatch([envelope({type: 'c15', receivedAt: 15, topic: 'payments'}), envelope({type: 'c45', receivedAt: 45})]);
		expect(store.range('orders', 0, 100).map(event => event.type)).toEqual(['a10', 'b20', 'a30', 'b40', 'c45', 'a50']);
		expect(store.range('orders', 20, 45, 2).map(event => event.type)).toEqual(['b20', 'a30']);
		expect(store.recent(4, 'orders').map(event => event.type)).toEqual(['a50', 'b20', 'b40', 'c45']);
		expect(store.recent(5, 'payments').map(event => event.type)).toEqual(['c15']);
		expect(store.recent(1, 'nothing')).toEqual([]);
	});

	it('counts events and reports the file and the size in use', async () => {
		const store = open(tempDirectory());
		await store.putBatch([envelope({receivedAt: 50}), envelope({receivedAt: 60})]);
		const stats = store.stats();
		expect(stats).toMatchObject({events: 2, oldestReceivedAt: 50});
		expect(stats.usedBytes).toBeGreaterThan(0);
		expect(stats.bytes).toBeGreaterThanOrEqual(stats.usedBytes!);
	});
});

describe('stats', () => {
	it('counts the ids and transaction states held in memory, which the heap grows with until their caps', async () => {
		const store = open(tempDirectory());
		expect(store.stats().cached).toEqual({ids: 0, transactions: 0});
		await store.putBatch([envelope({ids: ['ORD-1', 'PAY-1']}), envelope({ids: ['ORD-1']}), envelope({ids: ['ORD-2']})]);
		expect(store.stats().cached).toEqual({ids: 3, transactions: 2});
	});
});

describe('positions', () => {
	it('saves the positions a batch advances to, merged per source, across a reopen', async () => {
		const directory = tempDirectory();
		const before = open(directory);
		expect(before.positions('kafka://a')).toEqual({});
		await before.putBatch([envelope()], {sourceId: 'kafka://a', positions: {'orders/0': '10', 'orders/1': '4'}});
		await before.putBatch([], {sourceId: 'kafka://a', positions: {'orders/0': '12'}});
		await before.putBatch([envelope()], {sourceId: 'redis://b', positions: {'events:orders': '1700000000000-3'}});
		expect(before.positions('kafka://a')).toEqual({'orders/0': '12', 'orders/1': '4'});
		await before.close();
		const after = open(directory);
		expect(after.positions('kafka://a')).toEqual({'orders/0': '12', 'orders/1': '4'});
		expect(after.positions('redis://b')).toEqual({'events:orders': '1700000000000-3'});
	});
});

const alert = (id: string, firedAt: number, fields: Partial<Alert> = {}): Alert => ({
	id, rule: 'error-rate', key: 'orders', severity: 'warning', firedAt, value: 0.1, threshold: 0.05, message: 'errors',
	exampleIds: ['ORD-1'], ...fields,
});

describe('alerts', () => {
	it('inserts or updates alerts by id and keeps them across a reopen, oldest first', async () => {
		const directory = tempDirectory();
		const before = open(directory);
		await before.putAlert(alert('b', 200));
		await before.putAlert(alert('a', 100));
		await before.putAlert(alert('b', 200, {resolvedAt: 300}));
		expect(before.alerts().map(each => [each.id, each.resolvedAt])).toEqual([['a', undefined], ['b', 300]]);
		await before.close();
		const after = open(directory);
		expect(after.alerts()).toEqual([alert('a', 100), alert('b', 200, {resolvedAt: 300})]);
	});
});

describe('opening', () => {
	it('opens a directory once per process, and again after closing', async () => {
		const directory = tempDirectory();
		const store = open(directory);
		expect(() => open(directory)).toThrow(/already open in this process/);
		await store.close();
		await expect(store.putBatch([envelope()])).rejects.toThrow(/closed/);
		const again = open(directory);
		expect(again.stats().events).toBe(0);
	});

	it('removes an ephemeral store when closed', async () => {
		const parent = tempDirectory();
		const store = openStore({ephemeral: true, path: parent, retention: keepAll, maxTransactionEvents: 10});
		await store.putBatch([envelope()]);
		expect(fs.readdirSync(parent)).toHaveLength(1);
		expect(fs.existsSync(path.join(parent, fs.readdirSync(parent)[0]!, 'data.mdb'))).toBe(true);
		await store.close();
		expect(fs.readdirSync(parent)).toEqual([]);
	});

	it('removes an ephemeral store when its process exits without closing it (a shutdown that never finished)', () => {
		const parent = tempDirectory();
		const built = path.resolve(import.meta.dirname, '../../../dist/source/core/store/store.js');
		// The child opens a temporary store and ends as a stuck shutdown ends: its top-level await never
		// settles and the event loop runs dry (exit 13), the store never closed.
		const script = [
			'import fs from "node:fs";',
			`import {openStore} from ${JSON.stringify(pathToFileURL(built).href)};`,
			`openStore({ephemeral: true, path: ${JSON.stringify(parent)}, retention: ${JSON.stringify(keepAll)}, maxTransactionEvents: 10});`,
			`process.stdout.write(String(fs.readdirSync(${JSON.stringify(parent)}).length));`,
			'await new Promise(() => undefined);',
		].join('\n');
		const child = spawnSync(process.execPath, ['--input-type=module', '--eval', script], {encoding: 'utf8'});
		expect(child.stderr).toBe('');
		expect(child.stdout).toBe('1');
		expect(child.status).toBe(13);
		expect(fs.readdirSync(parent)).toEqual([]);
	});

	it('treats a path with a dot as a directory', async () => {
		const directory = path.join(tempDirectory(), 'store.v2');
		const store = open(directory);
		await store.putBatch([envelope()]);
		expect(fs.existsSync(path.join(directory, 'data.mdb'))).toBe(true);
	});

	it('needs a path unless ephemeral', () => {
		expect(() => openStore({retention: keepAll, maxTransactionEvents: 10})).toThrow(/path/);
	});
});
