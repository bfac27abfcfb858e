// --metrics-port: /metrics scraped over HTTP during a replay (as a subprocess) and checked against the run's own
// `metrics --json` and `alerts --json`; `promtool check metrics` and a real Prometheus server scrape it when installed.
import {execFileSync, spawn, spawnSync} from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import {setTimeout as delay} from 'node:timers/promises';
import {describe, it} from 'vitest';
import {metricsUrl, runCli, startCli} from '../support/cli.js';
import {lateErrors, lateSlowHops} from '../support/late-recordings.js';
import {useTempDir} from '../support/temp-dir.js';
import {limit} from '../support/limits.js';
import {parsePrometheusText, promValue} from '../support/prometheus-text.js';
import {sanitizeMultiline} from '../../source/core/sanitize.js';

const recording = path.resolve(import.meta.dirname, '../../recordings/ecommerce.jsonl.gz');
const temp = useTempDir('pubsub-metrics-port-');

/** Each sample line of an exposition, by its name and labels as written. */
function samples(text: string): Map<string, number> {
	const values = new Map<string, number>();
	for (const line of text.split('\n')) {
		if (line === '' || line.startsWith('#')) continue;
		const at = line.lastIndexOf(' ');
		values.set(line.slice(0, at), Number(line.slice(at + 1)));
	}

	return values;
}

/** One scrape; one that gets no answer within 10 s fails (a hung scrape would otherwise hang a poll past its timeout). */
async function scrape(url: string): Promise<{status: number; type: string | null; text: string}> {
	const response = await fetch(url, {signal: AbortSignal.timeout(10_000)});
	return {status: response.status, type: response.headers.get('content-type'), text: await response.text()};
}

/** A port free right now on 127.0.0.1. */
async function freePort(): Promise<number> {
	const server = net.createServer();
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	const {port} = server.address() as net.AddressInfo;
	await new Promise(resolve => server.close(resolve));
	return port;
}

const hasPromtool = spawnSync('promtool', ['--version']).status === 0;
const hasPrometheus = spawnSync('prometheus', ['--version']).status === 0;
if (!hasPromtool) console.warn('\n!!! promtool not installed (Debian package prometheus): the exposition is not linted by it\n');

/** The `metrics --json` summary of the recording, computed once for the file (two tests compare against it). */
type Summary = {events: number; duplicates: number; topics: unknown; delivery: {p95: number}; edges: Record<string, {p99: number; count: number}>};
let summaryRun: Promise<Summary> | undefined;
const recordingSummary = async () => {
	summaryRun ??= runCli(['metrics', recording, '--json'], {cwd: temp.path}).then(result => JSON.parse(result.stdout) as Summary);
	return summaryRun;
};

// The three commands run as independent subprocesses (own stores, ports chosen by the system): concurrently.
describe.concurrent('replay --metrics-port', () => {
	it('serves /metrics during the replay, and at the end the same figures as metrics --json and alerts --json', async ({expect}) => {
		// The figures to compare with are computed while the replay plays at its pace.
		const expected = Promise.all([
			recordingSummary(),
			runCli(['alerts', recording, '--json'], {cwd: temp.path}).then(result => result.stdout.trim().split('\n').map(line => JSON.parse(line) as {rule: string; severity: string})),
		]);
		const cli = startCli(['replay', recording, '--speed', '20', '--headless', '--metrics-port', '0', '--metrics-hold', '60s'], {cwd: temp.path});
		try {
			const url = await metricsUrl(cli);
			expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
			// During the replay: the event counter only grows, and is seen below its final value.
			const during: number[] = [];
			let finished = false;
			void cli.waitForOutput('replay finished').then(() => {
				finished = true;
			});
			while (!finished) {
				const {status, type, text} = await scrape(url);
				expect(status).toBe(200);
				expect(type).toBe('text/plain; version=0.0.4; charset=utf-8');
				const events = samples(text).get('pubsub_tools_events_total');
				if (events !== undefined) during.push(events);
				await delay(200);
			}

			const final = samples((await scrape(url)).text);
			const [summary, alerts] = await expected;
			expect(during.length).toBeGreaterThan(2);
			expect(during.some(events => events > 0 && events < summary.events)).toBe(true);
			expect(during).toEqual([...during].sort((a, b) => a - b));

			expect(final.get('pubsub_tools_events_total')).toBe(summary.events);
			expect(final.get('pubsub_tools_duplicates_total')).toBe(summary.duplicates);
			for (const [topic, figures] of Object.entries(summary.topics as Record<string, {count: number; errors: number; delivery: {p99: number}}>)) {
				expect(final.get(`pubsub_tools_topic_events_total{topic="${topic}"}`)).toBe(figures.count);
				expect(final.get(`pubsub_tools_topic_errors_total{topic="${topic}"}`)).toBe(figures.errors);
				expect(final.get(`pubsub_tools_topic_delivery_latency_seconds{topic="${topic}",quantile="0.99"}`)).toBeCloseTo(figures.delivery.p99 / 1000, 9);
			}

			expect(final.get('pubsub_tools_delivery_latency_seconds{quantile="0.95"}')).toBeCloseTo(summary.delivery.p95 / 1000, 9);
			const edge = summary.edges['orders.created->payment.transactions'];
			const labels = 'edge="orders.created->payment.transactions",from="orders.created",to="payment.transactions"';
			expect(final.get(`pubsub_tools_hop_latency_seconds_count{${labels}}`)).toBe(edge.count);
			expect(final.get(`pubsub_tools_hop_latency_seconds{${labels},quantile="0.99"}`)).toBeCloseTo(edge.p99 / 1000, 9);
			const fired = new Map<string, number>();
			for (const alert of alerts) fired.set(`rule="${alert.rule}",severity="${alert.severity}"`, (fired.get(`rule="${alert.rule}",severity="${alert.severity}"`) ?? 0) + 1);
			expect(fired.size).toBeGreaterThan(3);
			for (const [labelText, count] of fired) expect(final.get(`pubsub_tools_alerts_fired_total{${labelText}}`)).toBe(count);
			expect(final.get('pubsub_tools_store_events')).toBe(summary.events);
			expect(final.get('pubsub_tools_store_size_bytes')).toBeGreaterThan(0);
			expect(final.get('process_resident_memory_bytes')).toBeGreaterThan(10_000_000);
			// Bounded labels: no order, transaction or customer id anywhere.
			expect([...final.keys()].join('\n')).not.toMatch(/ORD-|TXN-|CUST-/);
			expect((await scrape(url.replace('/metrics', '/other'))).status).toBe(404);

			if (hasPromtool) {
				const file = path.join(temp.path, 'metrics.txt');
				fs.writeFileSync(file, (await scrape(url)).text);
				const lint = spawnSync('promtool', ['check', 'metrics'], {input: fs.readFileSync(file)});
				expect(`${lint.stdout.toString()}${lint.stderr.toString()}`).toBe('');
				expect(lint.status).toBe(0);
			}

			if (hasPrometheus) {
				const port = await freePort();
				const config = path.join(temp.path, 'prometheus.yml');
				const target = new URL(url);
				fs.writeFileSync(config, `global: {scrape_interval: 1s}\nscrape_configs:\n  - job_name: pubsub-tools\n    static_configs: [{targets: ["${target.host}"]}]\n`);
				execFileSync('promtool', ['check', 'config', config]);
				const server = spawn('prometheus', [`--config.file=${config}`, `--storage.tsdb.path=${path.join(temp.path, 'tsdb')}`, `--web.listen-address=127.0.0.1:${port}`], {stdio: 'ignore'});
				try {
					let value: string | undefined;
					for (let tries = 0; tries < 100 && value === undefined; tries++) {
						await delay(300);
						const answer = await fetch(`http://127.0.0.1:${port}/api/v1/query?query=pubsub_tools_events_total`).then(async response => response.json() as Promise<{data?: {result: Array<{value: [number, string]}>}}>).catch(() => undefined);
						value = answer?.data?.result[0]?.value[1];
					}

					expect(Number(value)).toBe(summary.events);
					const up = await fetch(`http://127.0.0.1:${port}/api/v1/query?query=up{job="pubsub-tools"}`).then(async response => response.json() as Promise<{data: {result: Array<{value: [number, string]}>}}>);
					expect(up.data.result[0]!.value[1]).toBe('1');
				} finally {
					server.kill('SIGTERM');
				}
			}
		} finally {
			cli.child.kill('SIGTERM');
			await cli.exited;
		}
	}, limit(180_000));
});

/** Topic names a scraper must get escaped: a quote, a backslash, a line break, an escape sequence, its text, non-ASCII. */
const oddTopics = ['a"b', 'c\\d', 'e\nf', 'g\u001B[31mh', 'x\\e[31my', 'ünïçødé-主题', 'tab\there'];

/** A recording of 5 events on each odd topic, one in four an error, all of one order per topic. */
function oddRecording(): string {
	const start = Date.parse('2026-11-27T08:00:00.000Z');
	const lines = [JSON.stringify({$recording: {version: 1, createdAt: '2026-11-27T08:00:00.000Z', source: 'test'}})];
	for (let index = 0; index < 5 * oddTopics.length; index++) {
		const topic = oddTopics[index % oddTopics.length]!;
		const at = new Date(start + (index * 50));
		const timestamp = new Date(at.getTime() - 5).toISOString();
		lines.push(JSON.stringify({topic, partition: 0, offset: String(index), value: {eventId: `E${index}`, eventType: 'T', status: index % 4 === 0 ? 'error' : 'ok', timestamp}, timestamp, recordedAt: at.toISOString()}));
	}

	return `${lines.join('\n')}\n`;
}

describe.concurrent('/metrics as a strict scraper reads it', () => {
	it('is a valid exposition when topics and the source hold quotes, backslashes, line breaks and escape sequences, with the counts of metrics --json and the alert counter of every rule at 0', async ({expect}) => {
		const input = path.join(temp.path, 'odd "names"\\.jsonl');
		fs.writeFileSync(input, oddRecording());
		const summary = JSON.parse((await runCli(['metrics', input, '--json'], {cwd: temp.path})).stdout) as {events: number; topics: Record<string, {count: number; errors: number}>};
		expect(Object.keys(summary.topics).sort()).toEqual([...oddTopics].sort());
		const cli = startCli(['replay', input, '--speed', 'max', '--headless', '--metrics-port', '0', '--metrics-hold', '60s'], {cwd: temp.path});
		try {
			const url = await metricsUrl(cli);
			await expect.poll(() => cli.printed().stderr, {timeout: limit(30_000), interval: 100, message: 'the replay ended'}).toContain('serving the final metrics');
			const families = parsePrometheusText((await scrape(url)).text);
			expect(promValue(families, 'pubsub_tools_events_total')).toBe(summary.events);
			// The label value is the name as the terminal UI shows it, its own backslashes doubled (docs/prometheus.md).
			for (const [topic, figures] of Object.entries(summary.topics)) {
				const shown = sanitizeMultiline(topic.replaceAll('\\', '\\\\'));
				expect(promValue(families, 'pubsub_tools_topic_events_total', {topic: shown})).toBe(figures.count);
				expect(promValue(families, 'pubsub_tools_topic_errors_total', {topic: shown})).toBe(figures.errors);
			}

			expect(promValue(families, 'pubsub_tools_source_events_total', {source: input.replaceAll('\\', '\\\\')})).toBe(summary.events);
			// No alert fired, yet each rule's counter is there at 0: one first seen at 1 would hide that alert from increase().
			for (const rule of ['fraud.amount', 'error-rate', 'duplicate']) {
				const series = families.find(family => family.name === 'pubsub_tools_alerts_fired_total')?.samples.filter(sample => sample.labels.rule === rule);
				expect([rule, series?.map(sample => sample.value)]).toEqual([rule, [0]]);
			}

			for (const family of families.filter(family => family.name.startsWith('pubsub_tools_') && family.type === 'counter')) expect(family.name).toMatch(/_total$/);
		} finally {
			cli.child.kill('SIGTERM');
			await cli.exited;
		}
	}, limit(60_000));

	it('keeps its series within the documented bounds on 1,500 topics and 20,000 alerts, each under its own key', async ({expect}) => {
		const input = path.join(temp.path, 'many-topics.jsonl');
		const start = Date.parse('2026-11-27T08:00:00.000Z');
		const lines = Array.from({length: 20_000}, (_, index) => {
			const timestamp = new Date(start + index).toISOString();
			return JSON.stringify({topic: `t${index % 1500}`, partition: 0, offset: String(index), value: {eventId: `E${index}`, eventType: 'PaymentAuthorized', orderId: `O${index}`, customerId: `C${index}`, amount: 50_000, timestamp}, timestamp, recordedAt: timestamp});
		});
		fs.writeFileSync(input, `${lines.join('\n')}\n`);
		const [summary, alerts] = await Promise.all([
			runCli(['metrics', input, '--json'], {cwd: temp.path}).then(result => JSON.parse(result.stdout) as {events: number; topics: Record<string, {count: number}>; otherTopics?: {count: number}}),
			runCli(['alerts', input, '--json'], {cwd: temp.path}).then(result => result.stdout.trim().split('\n').map(line => JSON.parse(line) as {rule: string; key: string})),
		]);
		// alerts --json lists the store's alert log, its newest 10,000: each under a key of its own.
		expect(new Set(alerts.map(alert => `${alert.rule} ${alert.key}`)).size).toBe(10_000);
		const cli = startCli(['replay', input, '--speed', 'max', '--headless', '--metrics-port', '0', '--metrics-hold', '60s'], {cwd: temp.path});
		try {
			const url = await metricsUrl(cli);
			await expect.poll(() => cli.printed().stderr, {timeout: limit(60_000), interval: 100, message: 'the replay ended'}).toContain('serving the final metrics');
			const families = parsePrometheusText((await scrape(url)).text);
			const topics = families.find(family => family.name === 'pubsub_tools_topic_events_total')!.samples;
			expect(topics.length).toBe(1001);
			expect(promValue(families, 'pubsub_tools_topic_events_total', {overflow: 'true'})).toBe(summary.otherTopics!.count);
			expect(topics.reduce((sum, sample) => sum + sample.value, 0)).toBe(summary.events);
			const perTopic = families.filter(family => family.name.startsWith('pubsub_tools_topic_')).reduce((sum, family) => sum + family.samples.length, 0);
			expect(perTopic).toBeLessThanOrEqual(6006);
			const rules = new Set(alerts.map(alert => alert.rule));
			// One series per rule and severity: those that fired, and the others at 0.
			const fired = families.find(family => family.name === 'pubsub_tools_alerts_fired_total')!.samples;
			expect(fired.filter(sample => sample.value > 0).map(sample => sample.labels.rule).sort()).toEqual([...rules].sort());
			expect(fired.length).toBeLessThan(20);
			expect(fired.reduce((sum, sample) => sum + sample.value, 0)).toBeGreaterThanOrEqual(20_000);
			const labels = families.flatMap(family => family.samples.flatMap(sample => Object.values(sample.labels)));
			expect(labels.filter(value => /^[COE]\d+$/.test(value))).toEqual([]);
		} finally {
			cli.child.kill('SIGTERM');
			await cli.exited;
		}
	}, limit(120_000));

	it('gives saga outcomes that part the instances saga --json counts, so that sum by (saga) is their number', async ({expect}) => {
		const sagas = (JSON.parse((await runCli(['saga', recording, '--json'], {cwd: temp.path})).stdout) as {sagas: Record<string, Record<string, number>>}).sagas;
		const cli = startCli(['replay', recording, '--speed', 'max', '--headless', '--metrics-port', '0', '--metrics-hold', '60s'], {cwd: temp.path});
		try {
			const url = await metricsUrl(cli);
			await expect.poll(() => cli.printed().stderr, {timeout: limit(60_000), interval: 100, message: 'the replay ended'}).toContain('serving the final metrics');
			const family = parsePrometheusText((await scrape(url)).text).find(found => found.name === 'pubsub_tools_saga_instances');
			expect(Object.keys(sagas).length).toBeGreaterThan(0);
			for (const [saga, counts] of Object.entries(sagas)) {
				const samples = family?.samples.filter(sample => sample.labels.saga === saga) ?? [];
				expect(samples.map(sample => sample.labels.outcome).sort()).toEqual(['compensated', 'completed', 'failed', 'inProgress', 'timedOut']);
				for (const sample of samples) expect(sample.value).toBe(counts[sample.labels.outcome!]);
				expect(samples.reduce((sum, sample) => sum + sample.value, 0)).toBe(counts.instances);
			}
		} finally {
			cli.child.kill('SIGTERM');
			await cli.exited;
		}
	}, limit(120_000));

	it('answers GET and HEAD at /metrics, 405 with Allow to other methods there, 404 elsewhere', async ({expect}) => {
		const cli = startCli(['replay', recording, '--speed', 'max', '--headless', '--metrics-port', '0', '--metrics-hold', '60s'], {cwd: temp.path});
		try {
			const url = await metricsUrl(cli);
			const head = await fetch(url, {method: 'HEAD'});
			expect([head.status, head.headers.get('content-type'), await head.text()]).toEqual([200, 'text/plain; version=0.0.4; charset=utf-8', '']);
			for (const method of ['POST', 'PUT', 'DELETE']) {
				const answer = await fetch(url, {method});
				expect([method, answer.status, answer.headers.get('allow')]).toEqual([method, 405, 'GET, HEAD']);
			}

			expect((await fetch(url.replace('/metrics', '/'))).status).toBe(404);
			expect((await fetch(`${url}/x`)).status).toBe(404);
		} finally {
			cli.child.kill('SIGTERM');
			await cli.exited;
		}
	}, limit(60_000));
});

describe('replay --metrics-port of a run that raises more alerts than the store keeps', () => {
	// The store's alert log keeps its newest 10,000: counted from it, alerts_fired_total went down as it dropped the
	// oldest, and the series of a rule whose alerts had all been dropped vanished.
	const flood = `export default {name: 'flood', apiVersion: 1, setup(context) {
	context.registerStage({name: 'flood', create(stage) {
		let n = 0;
		return {onBatch({events}) {
			for (const event of events) {
				if (n === 0) stage.raise({rule: 'flood.first', key: 'first', at: event.timestamp, message: 'the first event', windowMs: 3600000});
				stage.raise({rule: 'flood.every', key: 'k' + n++, at: event.timestamp, message: 'an event'});
			}
		}, snapshot: () => n};
	}});
}};
`;

	it('counts every alert fired: alerts_fired_total never goes back', async ({expect}) => {
		const events = 12_000;
		const input = path.join(temp.path, 'many-alerts.jsonl');
		const start = Date.parse('2026-11-27T08:00:00Z');
		fs.writeFileSync(input, Array.from({length: events}, (_, index) => JSON.stringify({topic: 'orders', value: {eventType: 'OrderCreated', orderId: `ORD-${index}`, timestamp: new Date(start + index * 10).toISOString()}})).join('\n') + '\n');
		fs.writeFileSync(path.join(temp.path, 'flood.mjs'), flood);
		const cli = startCli(['replay', input, '--speed', 'max', '--headless', '--plugin', './flood.mjs', '--metrics-port', '0', '--metrics-hold', '60s'], {cwd: temp.path});
		try {
			const url = await metricsUrl(cli);
			let last = new Map<string, number>();
			const wentBack: string[] = [];
			const fired = (figures: Map<string, number>, rule: string) => figures.get(`pubsub_tools_alerts_fired_total{rule="${rule}",severity="warning"}`);
			await expect.poll(async () => {
				const figures = samples((await scrape(url)).text);
				for (const [series, value] of last) {
					const now = figures.get(series);
					if (series.startsWith('pubsub_tools_alerts_fired_total') && !(now! >= value)) wentBack.push(`${series} ${value} → ${now ?? 'gone'}`);
				}

				last = figures;
				return figures.get('pubsub_tools_events_total');
			}, {timeout: limit(60_000), interval: 200, message: 'every event read'}).toBe(events);
			expect(wentBack).toEqual([]);
			await expect.poll(async () => fired(samples((await scrape(url)).text), 'flood.every'), {timeout: limit(10_000), interval: 200}).toBe(events);
			expect(fired(samples((await scrape(url)).text), 'flood.first')).toBe(1);
		} finally {
			cli.child.kill('SIGTERM');
			await cli.exited;
		}
	}, limit(120_000));
});

describe.concurrent('replay --metrics-port of events read minutes late', () => {
	// error-rate and slo.latency count late events in the windows of their own time: their alerts are counted as
	// `alerts --json` gives them, the one that resolved (error-rate) no longer firing, the other still firing.
	for (const [name, rule, make] of [['late-errors', 'error-rate', lateErrors], ['late-slow-hops', 'slo.latency', lateSlowHops]] as const) {
		it(`counts the ${rule} alert fired and whether it still fires`, async ({expect}) => {
			const input = path.join(temp.path, `${name}.jsonl`);
			fs.writeFileSync(input, make());
			const alerts = (await runCli(['alerts', input, '--json'], {cwd: temp.path})).stdout.trim().split('\n').filter(Boolean).map(line => JSON.parse(line) as {rule: string; resolvedAt?: number});
			expect(alerts.map(alert => alert.rule)).toEqual([rule]);
			const cli = startCli(['replay', input, '--speed', 'max', '--headless', '--metrics-port', '0', '--metrics-hold', '60s'], {cwd: temp.path});
			try {
				const url = await metricsUrl(cli);
				await expect.poll(() => cli.printed().stderr, {timeout: limit(30_000), interval: 100, message: 'the replay ended'}).toContain('serving the final metrics');
				const final = samples((await scrape(url)).text);
				expect(final.get(`pubsub_tools_alerts_fired_total{rule="${rule}",severity="warning"}`)).toBe(1);
				expect(final.get(`pubsub_tools_alerts_firing{rule="${rule}",severity="warning"}`)).toBe(alerts[0]!.resolvedAt === undefined ? 1 : 0);
			} finally {
				cli.child.kill('SIGTERM');
				await cli.exited;
			}
		}, limit(60_000));
	}
});

describe.concurrent('monitor --headless --metrics-port', () => {
	it('runs without the UI, serves /metrics, and refuses a port in use with exit 1', async ({expect}) => {
		const cli = startCli(['monitor', '--source', recording, '--headless', '--metrics-port', '0', '--metrics-hold', '30s'], {cwd: temp.path});
		try {
			const url = await metricsUrl(cli);
			await expect.poll(async () => samples((await scrape(url)).text).get('pubsub_tools_events_total') ?? 0, {timeout: limit(20_000), interval: 100, message: 'events_total scraped'}).toBeGreaterThan(0);
			expect(samples((await scrape(url)).text).get(`pubsub_tools_source_up{source="${recording}"}`)).toBe(1);
			const busy = await runCli(['monitor', '--source', recording, '--headless', '--metrics-port', new URL(url).port], {cwd: temp.path});
			expect(busy.stderr).toContain(`--metrics-port: 127.0.0.1:${new URL(url).port} is already in use`);
			expect(busy.code).toBe(1);
		} finally {
			cli.child.kill('SIGTERM');
			await cli.exited;
		}
	}, limit(120_000));
});

describe('replay --metrics-port on a port another program holds', () => {
	it('says which address is in use and what to do, and exits 1', async ({expect}) => {
		const holder = net.createServer();
		await new Promise<void>(resolve => holder.listen(0, '127.0.0.1', resolve));
		const {port} = holder.address() as net.AddressInfo;
		try {
			const result = await runCli(['replay', recording, '--headless', '--speed', 'max', '--metrics-port', String(port)], {cwd: temp.path});
			expect(result.stderr).toBe(`pubsub-tools: --metrics-port: 127.0.0.1:${port} is already in use (another exporter or program listens there); choose another port with --metrics-port N, or --metrics-port 0 for any free one\n`);
			expect(result.code).toBe(1);
		} finally {
			await new Promise(resolve => holder.close(resolve));
		}
	}, limit(60_000));
});

describe('record - --metrics-port while its source changes state', () => {
	// The state was a label of source_up: each change of state started a new series and dropped the old one.
	it('keeps one series per source in source_up and one per possible state in source_state', async ({expect}) => {
		const states = ['connecting', 'connected', 'reconnecting', 'error', 'finished', 'stopped'];
		const cli = startCli(['record', '-', '-o', path.join(temp.path, 'states.jsonl'), '--metrics-port', '0', '--metrics-hold', '60s'], {cwd: temp.path});
		try {
			const url = await metricsUrl(cli);
			/** The source series of one scrape, each line as written (a series written twice stays twice). */
			const sourceSeries = async () => (await scrape(url)).text.split('\n').filter(line => /^pubsub_tools_source_(up|state)\{/.test(line));
			const stateOf = (lines: string[]) => lines.filter(line => line.startsWith('pubsub_tools_source_state{') && line.endsWith(' 1')).map(line => /state="(\w+)"/.exec(line)![1]);
			cli.child.stdin.write(`${JSON.stringify({topic: 'orders.created', value: {eventType: 'OrderCreated', orderId: 'ORD-1'}})}\n`);
			await expect.poll(async () => samples((await scrape(url)).text).get('pubsub_tools_events_total') ?? 0, {timeout: limit(30_000), interval: 100, message: 'the event scraped'}).toBe(1);
			const reading = await sourceSeries();
			cli.child.stdin.end();
			await expect.poll(() => cli.printed().stderr, {timeout: limit(30_000), interval: 100, message: 'the input ended'}).toContain('serving the final metrics');
			const finished = await sourceSeries();
			// The same series before and after, each once: none vanished, none was added.
			const names = (lines: string[]) => lines.map(line => line.slice(0, line.lastIndexOf(' '))).sort();
			const expected = ['pubsub_tools_source_up{source="stdin"}', ...states.map(state => `pubsub_tools_source_state{source="stdin",state="${state}"}`)].sort();
			expect(names(finished)).toEqual(names(reading));
			expect(names(reading)).toEqual(expected);
			expect([stateOf(reading), stateOf(finished)]).toEqual([['connected'], ['finished']]);
			expect(finished).toContain('pubsub_tools_source_up{source="stdin"} 1');
		} finally {
			cli.child.kill('SIGTERM');
			await cli.exited;
		}
	}, limit(90_000));
});

describe.concurrent('record --metrics-port', () => {
	it('does not hold after Ctrl-C or SIGTERM stopped the run: it exits at once, its temporary store removed', async ({expect}) => {
		const tmp = fs.mkdtempSync(path.join(temp.path, 'stopped-tmp-'));
		// Standard input left open: the input never ends, so only the signal stops the run.
		const cli = startCli(['record', '-', '-o', path.join(temp.path, 'stopped.jsonl'), '--metrics-port', '0', '--metrics-hold', '120s'], {cwd: temp.path, env: {TMPDIR: tmp}});
		try {
			const url = await metricsUrl(cli);
			cli.child.stdin.write(`${JSON.stringify({topic: 'orders.created', value: {eventType: 'OrderCreated', orderId: 'ORD-1'}})}\n`);
			await expect.poll(async () => samples((await scrape(url)).text).get('pubsub_tools_events_total') ?? 0, {timeout: limit(30_000), interval: 100, message: 'the event scraped'}).toBe(1);
			const signalled = Date.now();
			cli.child.kill('SIGTERM');
			const result = await cli.exited;
			expect(result.code).toBe(0);
			expect(result.stderr).not.toContain('serving the final metrics');
			// The hold was 120 s: an exit within seconds did not wait for it.
			expect(Date.now() - signalled).toBeLessThan(30_000);
			expect(fs.readdirSync(tmp).filter(name => name.startsWith('pubsub-tools-store-'))).toEqual([]);
		} finally {
			cli.child.kill('SIGKILL');
			await cli.exited;
		}
	}, limit(90_000));

	it('serves the figures of what it records', async ({expect}) => {
		const output = path.join(temp.path, 'errors.jsonl');
		// Its temporary store goes here, to see that it is removed.
		const tmp = path.join(temp.path, 'record-tmp');
		fs.mkdirSync(tmp);
		// Recorded while the figures to compare with are computed: on a loaded machine each takes tens of seconds, and
		// one after the other they outran the test's time (the hold keeps the exporter up for the slower of the two).
		const cli = startCli(['record', recording, '--filter', 'status:error', '-o', output, '--metrics-port', '0', '--metrics-hold', '170s'], {cwd: temp.path, env: {TMPDIR: tmp}});
		try {
			const [summary, url] = await Promise.all([recordingSummary(), metricsUrl(cli)]);
			// Scraped until the whole input is in (the hold keeps the exporter up after it ends).
			let values = new Map<string, number>();
			// A batch is counted by the metrics while it commits and by its source once committed: both, then.
			const sourceEvents = `pubsub_tools_source_events_total{source="${recording}"}`;
			await expect.poll(async () => {
				values = samples((await scrape(url)).text);
				return [values.get('pubsub_tools_events_total'), values.get(sourceEvents)];
			}, {timeout: limit(60_000), interval: 100, message: 'events_total and source_events_total scraped'}).toEqual([summary.events, summary.events]);
			expect(values.get('pubsub_tools_topic_errors_total{topic="payment.transactions"}')).toBe((summary.topics as Record<string, {errors: number}>)['payment.transactions']!.errors);
			// SIGTERM during the hold ends it: the command closes as at the end of the hold, its temporary store removed.
			expect(fs.readdirSync(tmp).filter(name => name.startsWith('pubsub-tools-store-'))).toHaveLength(1);
			cli.child.kill('SIGTERM');
			expect((await cli.exited).code).toBe(0);
			expect(fs.readdirSync(tmp).filter(name => name.startsWith('pubsub-tools-store-'))).toEqual([]);
		} finally {
			cli.child.kill('SIGTERM');
			await cli.exited;
		}
	}, limit(180_000));
});
