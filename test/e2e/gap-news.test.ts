// The real monitor at 80×24 on a Kafka broker replaced by an empty one at the same address, the topic then made again
// (a broker's data wiped, the demo started again): the Overview says the topic was made again and read from its new
// start while that is news, within the window it shows, then gives the lines back to the figures; the fact is said
// again on standard error when the TUI quits, as a headless run says it at its end. The lines used to stay for good
// (six of them, two shown and `… and 4 more`, on the demo's topics), costing an 80×24 Overview its delivery chart.
// Replacing the broker is an outage: when the first read after it finds the topic made again, the line that says
// reading went on says so (`…, not from where it stopped: topic T was deleted and made again…`, docs/tui.md) and no
// note of its own repeats it; when that read finds the topic not there yet (`…: topic T is gone…`), the topic made
// again later is a note of its own under the source. Either is the news, and either leaves with the window.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {Kafka, logLevel, Partitioners} from 'kafkajs';
import {afterAll, beforeAll, describe, expect, it, vi} from 'vitest';
import type {KafkaServer} from '../../scripts/kafka-server.js';
import {kafkaSkipReason, startDedicatedKafka} from '../support/kafka.js';
import {overviewNotes, tmuxServer, tmuxSkipReason} from '../support/tmux.js';
import {limit} from '../support/limits.js';

const root = path.resolve(import.meta.dirname, '../..');
const cli = path.join(root, 'dist/source/cli.js');
const {tmux, waitForScreen, stop} = tmuxServer(`pubsub-gap-news-${process.pid}`);
const quote = (word: string) => `'${word.replaceAll('\'', '\'\\\'\'')}'`;
const topic = 'shop.orders';
const madeAgain = `topic ${topic} was deleted and made again since it was last read`;

/**
 * The Overview's line that says reading went on after the outage, not from where it stopped, read whole at 80 columns
 * (or, after a replacement under a second, how it went on as a note of its own).
 */
const madeAgainOnResume = (shown: string) => overviewNotes(shown).some(note => /^(reading again at \S+ after .*, not from where it stopped: )?topic shop\.orders was deleted and made again, read from its new start$/.test(note));

/** Make `topic` on the broker at `bootstrap` and write `count` events into it. */
async function writeTopic(bootstrap: string, count: number): Promise<void> {
	const kafka = new Kafka({brokers: [bootstrap], logLevel: logLevel.NOTHING});
	const admin = kafka.admin();
	const producer = kafka.producer({createPartitioner: Partitioners.DefaultPartitioner});
	await admin.connect();
	await producer.connect();
	try {
		await admin.createTopics({topics: [{topic, numPartitions: 1}], waitForLeaders: true});
		const at = Date.now();
		await producer.send({topic, messages: Array.from({length: count}, (_, n) => ({value: JSON.stringify({eventId: `e-${at}-${n}`, type: 'OrderCreated', timestamp: new Date(at).toISOString()})}))});
	} finally {
		await producer.disconnect();
		await admin.disconnect();
	}
}

describe.skipIf(tmuxSkipReason() || kafkaSkipReason({dedicated: true}))('a Kafka broker replaced by an empty one while monitored, at 80×24', () => {
	let home: string;
	let broker: KafkaServer | undefined;
	beforeAll(() => {
		home = fs.mkdtempSync(path.join(os.tmpdir(), 'pubsub-gap-news-'));
	});
	afterAll(async () => {
		stop();
		await broker?.stop();
		fs.rmSync(home, {recursive: true, force: true});
	});

	it('says the topic was made again while it is news, then no more on the Overview, and again when it quits', async () => {
		broker = await startDedicatedKafka();
		const {bootstrap} = broker;
		await writeTopic(bootstrap, 3);
		const command = [
			'env', '-i', `PATH=${process.env.PATH}`, `HOME=${home}`, 'TERM=xterm-256color', 'LANG=C.UTF-8',
			process.execPath, cli, 'monitor', '--source', `kafka://${bootstrap}?topics=shop.*`, '--from', 'earliest', '--data-dir', path.join(home, 'store'),
		].map(quote).join(' ');
		tmux('new-session', '-d', '-s', 'replaced', '-x', '80', '-y', '24', `${command}; sleep 60`);
		await waitForScreen('replaced', '✓ connected  3 events', {timeoutMs: limit(60_000)});

		// The same address, an empty log: the topic made again has a new id and its offsets start again.
		await broker.stop();
		broker = await startDedicatedKafka({port: Number(bootstrap.split(':')[1])});
		await writeTopic(bootstrap, 2);
		// At 80 columns the outage's line wraps under its text: what it found is read whole (it was cut after `not from where it s…`).
		const news = await waitForScreen('replaced', {awaited: 'the topic made again (a note, or the whole line that says reading went on), with the 2 new events', holds: shown => (shown.includes(`⚠ ${madeAgain}`) || madeAgainOnResume(shown)) && shown.includes('5 events')}, {timeoutMs: limit(90_000)});
		expect(news).toContain('✓ connected');

		// Within a window of 10 s it is no longer news after 10 s: the line goes, the source stays connected.
		tmux('send-keys', '-t', 'replaced', ':window 10s', 'Enter');
		const later = await waitForScreen('replaced', {awaited: 'no line about the topic made again, window 10s', holds: shown => !shown.includes(madeAgain) && !shown.includes('reading again at') && shown.includes('window 10s')}, {timeoutMs: limit(30_000)});
		expect(later).toContain('✓ connected  5 events');

		// Its line is longer than the terminal: read with wrapped lines joined.
		tmux('send-keys', '-t', 'replaced', 'q');
		const said = `pubsub-tools: warning: kafka://${bootstrap}?topics=shop.*: ${madeAgain}`;
		const quit = await vi.waitFor(() => {
			const shown = tmux('capture-pane', '-p', '-J', '-t', 'replaced');
			if (!shown.includes(said)) throw new Error(`waiting for the gap said on stderr once the TUI quit; last screen:\n${shown}`);
			return shown;
		}, {timeout: limit(20_000), interval: 100});
		expect(quit.split('\n').filter(line => line.includes(madeAgain))).toHaveLength(1);
	}, limit(300_000));
});
