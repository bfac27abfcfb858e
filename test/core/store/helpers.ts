// Shared by the store tests: envelopes with only the fields a test cares about, and stores in temp directories.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach} from 'vitest';
import type {Envelope} from '../../../source/core/envelope.js';
import {envelope as neutralEnvelope} from '../../support/envelope.js';
import {openStore, type StoreOptions} from '../../../source/core/store/store.js';
import type {EventStore} from '../../../source/core/store/types.js';

/** Limits that never delete anything. */
export const keepAll = {maxEvents: 1e12, maxAgeMs: 1e15, maxBytes: 1e15};

/** A normalized event read from Kafka topic `orders`, with defaults for every field the test does not set. */
export function envelope(fields: Partial<Envelope> = {}): Envelope {
	return neutralEnvelope({source: 'kafka', topic: 'orders', receivedAt: 1_000, eventId: 'e', ...fields});
}

const directories: string[] = [];
const stores: EventStore[] = [];

afterEach(async () => {
	await Promise.all(stores.splice(0).map(async store => store.close().catch(() => undefined)));
	for (const directory of directories.splice(0)) fs.rmSync(directory, {recursive: true, force: true});
});

/** A fresh directory removed after the test. */
export function tempDirectory(): string {
	const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'pubsub-store-test-'));
	directories.push(directory);
	return directory;
}

/** Open a store (closed after the test if the test does not close it). */
export function open(directory: string, options: Partial<StoreOptions> = {}): EventStore {
	const store = openStore({path: directory, retention: keepAll, maxTransactionEvents: 10_000, ...options});
	stores.push(store);
	return store;
}

/** Event types of a transaction's events, in the order the store returns them. */
export function typesOf(store: EventStore, id: string): string[] | undefined {
	return store.transaction(id)?.events.map(event => event.type);
}
