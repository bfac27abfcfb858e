// The real monitor at 80×24 on a source it cannot reach: the Overview's source line says why (the refused
// connection and its address) before the client's wording, for Redis at a closed port, Kafka at a closed port
// (kafkajs: `[BrokerPool] Failed to connect to seed broker, …: connect ECONNREFUSED …`) and a Kafka broker stopped
// while read (@platformatic/kafka: `Cannot connect to any broker.: …`). It used to show the wording's first words
// (`… reconnecting  0 events  Cannot connect to an…`) and the cause only at ~250 columns. The address is the URL's
// beside it here, so the error does not repeat it up front. A password never shows.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {freePort} from '../../scripts/local-process.js';
import type {KafkaServer} from '../../scripts/kafka-server.js';
import {kafkaSkipReason, startDedicatedKafka} from '../support/kafka.js';
import {tmuxServer, tmuxSkipReason} from '../support/tmux.js';
import {limit} from '../support/limits.js';

const root = path.resolve(import.meta.dirname, '../..');
const cli = path.join(root, 'dist/source/cli.js');
const {tmux, waitForScreen, stop} = tmuxServer(`pubsub-source-error-${process.pid}`);
const quote = (word: string) => `'${word.replaceAll('\'', '\'\\\'\'')}'`;

/** The Overview's line of the source on the screen of `session` (the one under `Sources`). */
const sourceLine = (shown: string) => shown.split('\n')[shown.split('\n').indexOf('Sources') + 1] ?? '';

/** A check that the source's line shows `state`, the address (the URL's, whole) and then the refused connection. */
const refused = (state: string, address: string) => ({
	awaited: `${state}, ${address} and then ECONNREFUSED on the source's line`,
	holds: (shown: string) => sourceLine(shown).includes(state) && sourceLine(shown).includes(address) && /events {2}ECONNREFUSED/.test(sourceLine(shown)),
});

describe.skipIf(tmuxSkipReason())('a source that cannot be reached, at 80×24', () => {
	let home: string;
	beforeAll(() => {
		home = fs.mkdtempSync(path.join(os.tmpdir(), 'pubsub-source-error-'));
	});
	afterAll(() => {
		stop();
		fs.rmSync(home, {recursive: true, force: true});
	});

	/** `monitor --source url` in an 80×24 session of its own. */
	const monitor = (session: string, url: string) => {
		const command = [
			'env', '-i', `PATH=${process.env.PATH}`, `HOME=${home}`, 'TERM=xterm-256color', 'LANG=C.UTF-8',
			process.execPath, cli, 'monitor', '--source', url, '--data-dir', path.join(home, session),
		].map(quote).join(' ');
		tmux('new-session', '-d', '-s', session, '-x', '80', '-y', '24', `${command}; sleep 60`);
	};

	it.each(['redis', 'kafka'] as const)('%s at a closed port: the line says ECONNREFUSED at the address, not the password', async kind => {
		const port = await freePort();
		const address = `127.0.0.1:${port}`;
		monitor(`closed-${kind}`, kind === 'redis' ? `redis://:s3cret-pw@${address}?streams=orders` : `kafka://${address}?topics=orders.*`);
		const shown = await waitForScreen(`closed-${kind}`, refused('… connecting', address), {timeoutMs: limit(30_000)});
		expect(shown).not.toContain('s3cret-pw');
		tmux('send-keys', '-t', `closed-${kind}`, 'q');
	});

	describe.skipIf(kafkaSkipReason({dedicated: true}))('a Kafka broker stopped while read', () => {
		let broker: KafkaServer;
		beforeAll(async () => {
			broker = await startDedicatedKafka();
		}, limit(120_000));
		afterAll(async () => broker?.stop());

		it('says ⚠ reconnecting and ECONNREFUSED at the broker\'s address', async () => {
			monitor('stopped-kafka', `kafka://${broker.bootstrap}?topics=orders.*`);
			await waitForScreen('stopped-kafka', '✓ connected', {timeoutMs: limit(30_000)});
			await broker.down();
			await waitForScreen('stopped-kafka', refused('⚠ reconnecting', broker.bootstrap), {timeoutMs: limit(60_000)});
			tmux('send-keys', '-t', 'stopped-kafka', 'q');
		}, limit(120_000));
	});
});
