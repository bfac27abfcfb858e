// What a run says about a Kafka outage, on a broker of the test's own: a broker that comes back wiped of its data
// (its topic made again, empty) is not said to be read "from where it stopped" (before, that line came first and
// only the end of the run said the topic was made again); a topic made again while read is one note, not a notice
// and a note; and a run interrupted during an outage counts and totals it with the others, saying it was still open.
import fs from 'node:fs';
import path from 'node:path';
import {Kafka, logLevel} from 'kafkajs';
import {afterAll, beforeAll, describe, expect, it, vi} from 'vitest';
import {startKafkaServer, type KafkaServer} from '../../scripts/kafka-server.js';
import {kafkaSource} from '../../source/core/sources/kafka/source.js';
import {runCli, startCli, type RunningCli} from '../support/cli.js';
import {kafkaSkipReason, startDedicatedKafka} from '../support/kafka.js';
import {limit} from '../support/limits.js';
import {eventLinesSoFar} from '../support/recording-lines.js';
import {useTempDir} from '../support/temp-dir.js';
import {Reader, uniqueName} from './reader.js';

const skipReason = kafkaSkipReason({dedicated: true});

const range = (first: number, count: number) => Array.from({length: count}, (_, index) => first + index);

/** `text` as a regular expression that matches it alone. */
const escaped = (text: string) => text.replaceAll(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** formatMs: `6,955 ms`, `12.4 s`, `1m 05s`. */
const took = '(?:[\\d.,]+ m?s|\\d+m \\d\\ds)';

/** ISO-8601 to the second, as outages are said. */
const second = '\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ';

describe.skipIf(skipReason)('what a run says about a Kafka outage', () => {
	const temp = useTempDir('pubsub-kafka-outage-words-');
	let broker: KafkaServer | undefined;

	beforeAll(async () => {
		broker = await startDedicatedKafka();
	});

	afterAll(async () => {
		await broker?.stop();
	});

	const kafka = () => new Kafka({clientId: 'it-outage-words', brokers: [broker!.bootstrap], logLevel: logLevel.NOTHING});

	/** Make `topic` (two partitions) unless it is there, and send it events n = first … first+count−1, alternating partitions. */
	const produce = async (topic: string, first: number, count: number) => {
		const admin = kafka().admin();
		await admin.connect();
		await admin.createTopics({topics: [{topic, numPartitions: 2}], waitForLeaders: true});
		await admin.disconnect();
		const producer = kafka().producer({idempotent: true, allowAutoTopicCreation: false});
		await producer.connect();
		await producer.send({topic, messages: range(first, count).map(n => ({partition: n % 2, value: JSON.stringify({n})}))});
		await producer.disconnect();
	};

	/** Until `cli` has printed `text` on standard error. */
	const said = async (cli: RunningCli, text: string | RegExp, timeout = limit(60_000)) => {
		await vi.waitFor(() => {
			expect(cli.printed().stderr).toMatch(typeof text === 'string' ? new RegExp(escaped(text)) : text);
		}, {timeout, interval: 100});
	};

	/** Until the recording `file` holds `count` events. */
	const recorded = async (file: string, count: number) => {
		await vi.waitFor(() => {
			expect(eventLinesSoFar(file)).toHaveLength(count);
		}, {timeout: limit(60_000), interval: 100});
	};

	it('a broker back wiped of its data, its topic made again: reading went on from the new start, not from where it stopped', async () => {
		const topic = uniqueName('it-wiped');
		const file = path.join(temp.path, 'wiped.jsonl');
		const source = `kafka://${broker!.bootstrap}?topics=${topic}`;
		await produce(topic, 0, 10);
		const cli = startCli(['record', '--source', source, '--from', 'earliest', '-o', file], {cwd: temp.path});
		await recorded(file, 10);
		// The same address and cluster, none of the data: a broker whose disks were replaced.
		const port = Number(broker!.bootstrap.split(':').at(-1));
		await broker!.stop();
		broker = undefined;
		await said(cli, `pubsub-tools: warning: ${source}: reading stopped (`);
		broker = await startKafkaServer({port});
		await produce(topic, 100, 4);
		await recorded(file, 14);
		// The broker answers before the topic is made again, or after: what the first read found is said either way.
		const found = `topic ${topic} (?:was deleted and made again, read from its new start|is gone \\(deleted, or the broker came back without it\\))`;
		await said(cli, new RegExp(`pubsub-tools: warning: ${escaped(source)}: reading again after ${took}, not from where it stopped: ${found}\n`));
		cli.child.kill('SIGINT');
		const {stderr} = await cli.exited;
		// Before: `reading again after 26.7 s, from where it stopped`, and the topic made again only at the end.
		expect(stderr).not.toMatch(/reading again after [^\n]*, from where it stopped/);
		// The broker's loss in our words (`ECONNREFUSED 127.0.0.1:PORT: nothing listens at that address: the broker is down
		// or restarting`), not its client's (`Cannot connect to any broker.: Connection to … failed.: connect ECONNREFUSED …`).
		expect(stderr).not.toMatch(/Cannot connect to any broker|Connection error|\[BrokerPool\]/);
		expect(eventLinesSoFar(file).map(line => (JSON.parse(line) as {value: {n: number}}).value.n).sort((a, b) => a - b)).toEqual([...range(0, 10), ...range(100, 4)]);
		const resumed = new RegExp(`reading again after ${took}, not from where it stopped: (${found})\n`).exec(stderr)![1]!;

		// The recording's outage says it too: a replay and its JSON say what the live run said.
		const replayed = await runCli(['metrics', file, '--json'], {cwd: temp.path});
		expect(replayed.code, replayed.stderr).toBe(0);
		expect(replayed.stderr).toMatch(new RegExp(`${escaped(`${file}: ${source} (recorded): reading again at `)}${second} after ${took}, ${escaped(`not from where it stopped: ${resumed}`)}\n`));
		expect((JSON.parse(replayed.stdout) as {outages: unknown[]}).outages).toEqual([expect.objectContaining({source, to: expect.any(String), resumed})]);
		expect(fs.readFileSync(file, 'utf8')).toContain(`"resumed":${JSON.stringify(resumed)}`);
	}, limit(300_000));

	it('a topic deleted and made again while read is one note, not a notice beside it', async () => {
		const topic = uniqueName('it-remade');
		await produce(topic, 0, 4);
		const reader = new Reader(kafkaSource(`kafka://${broker!.bootstrap}?topics=${topic}`, {from: 'earliest', discoveryIntervalMs: 500}));
		await reader.waitFor(4);
		const admin = kafka().admin();
		await admin.connect();
		await admin.deleteTopics({topics: [topic]});
		// Deletion completes in the background: the broker refuses the same name until it has.
		await vi.waitFor(async () => {
			expect(await admin.createTopics({topics: [{topic, numPartitions: 2}], waitForLeaders: true})).toBe(true);
		}, {timeout: limit(30_000), interval: 500});
		await admin.disconnect();
		await produce(topic, 100, 4);
		await reader.waitFor(8);
		const health = reader.source.health();
		await reader.close();
		const notes = [health.error ?? '', health.resumed ?? '', ...(health.recentGaps ?? []).map(gap => gap.text)].filter(text => text.includes('made again'));
		// Before: the source's error said `topic "…" was deleted and made again: read from its start` beside the note.
		// Said once: as a note, or, when the deletion's failed fetches had the source reconnecting (a loaded machine), in
		// how reading went on after that.
		expect(notes).toHaveLength(1);
		expect(notes[0]).toMatch(new RegExp(`^topic ${escaped(topic)} was deleted and made again(?: since it was last read: its new events were read from its start|, read from its new start)$`));
	}, limit(120_000));

	it('a run interrupted during an outage counts and totals it with those that ended, saying it was still open', async () => {
		const topic = uniqueName('it-open');
		const source = `kafka://${broker!.bootstrap}?topics=${topic}`;
		await produce(topic, 0, 4);
		const cli = startCli(['record', '--source', source, '--from', 'earliest', '-o', path.join(temp.path, 'open.jsonl')], {cwd: temp.path});
		await recorded(path.join(temp.path, 'open.jsonl'), 4);
		await broker!.down();
		await said(cli, `${source}: reading stopped (`);
		await broker!.up();
		await said(cli, `${source}: reading again after `);
		await broker!.down();
		try {
			await said(cli, new RegExp(`${escaped(source)}: reading stopped \\([^\\n]*\\n[^]*${escaped(source)}: reading stopped \\(`));
			cli.child.kill('SIGINT');
			const {stderr} = await cli.exited;
			// Before: `reading stopped 1 time during the run, …`, the open one left out of the count and the total.
			expect(stderr).toMatch(new RegExp(`${escaped(source)}: reading stopped 2 times during the run, ${took} in all \\(the first at ${second}; the last, at ${second}, had not gone on when the run ended\\): nothing was read meanwhile; what came during the others was read once reading went on, what came after the last was never read\n`));
			expect(stderr).not.toMatch(/reading stopped 1 time/);
		} finally {
			await broker!.up();
		}
	}, limit(300_000));
});
