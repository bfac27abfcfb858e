// --metrics-port series that must say the truth: edges between nodes whose names hold the arrow, a topic named
// (other) apart from the topics past the cap, the counters of the rules a stage raises there at 0 from the start, and
// every series of one scrape taken at one moment.
import fs from 'node:fs';
import path from 'node:path';
import {describe, it, vi} from 'vitest';
import {metricsUrl, runCli, startCli} from '../support/cli.js';
import {useTempDir} from '../support/temp-dir.js';
import {limit} from '../support/limits.js';
import {parsePrometheusText, promValue, type PromFamily} from '../support/prometheus-text.js';

const temp = useTempDir('pubsub-metrics-port-series-');
const recording = path.resolve(import.meta.dirname, '../../recordings/ecommerce.jsonl.gz');

/** The sum of a family's samples in one exposition. */
function total(families: PromFamily[], name: string): number {
	return (families.find(family => family.name === name)?.samples ?? []).reduce((sum, sample) => sum + sample.value, 0);
}

/** A recording of `orders` orders of each pair, each an event on `from` and then one on `to` 40 ms later (topic and type alike). */
function twoStepRecording(file: string, pairs: ReadonlyArray<readonly [from: string, to: string]>, orders: number): string {
	const start = Date.parse('2026-11-27T08:00:00.000Z');
	const lines = Array.from({length: orders}, (_, index) => pairs.flatMap(([from, to], pair) => ([[from, 0], [to, 40]] as const).map(([topic, after]) => {
		const timestamp = new Date(start + (index * 1000) + (pair * 100) + after).toISOString();
		return JSON.stringify({topic, value: {eventType: topic, orderId: `ORD-${pair}-${index}`, timestamp}, timestamp, recordedAt: timestamp});
	}))).flat();
	const input = path.join(temp.path, file);
	fs.writeFileSync(input, `${lines.join('\n')}\n`);
	return input;
}

/** Replay `input` at full speed with the exporter, and the exposition once the input ended (strictly parsed). */
async function finalScrape(args: string[]): Promise<PromFamily[]> {
	const cli = startCli(['replay', ...args, '--speed', 'max', '--headless', '--metrics-port', '0', '--metrics-hold', '60s'], {cwd: temp.path});
	try {
		const url = await metricsUrl(cli);
		await vi.waitFor(() => {
			if (!cli.printed().stderr.includes('serving the final metrics')) throw new Error('the replay has not ended');
		}, {timeout: limit(30_000), interval: 100});
		return parsePrometheusText(await (await fetch(url)).text());
	} finally {
		cli.child.kill('SIGTERM');
		await cli.exited;
	}
}

describe.concurrent('/metrics labels', () => {
	it('labels an edge with its two nodes when a node\'s name holds the arrow, apart from the edge its name could be read as', async ({expect}) => {
		const input = twoStepRecording('arrow.jsonl', [['orders->eu', 'shipping'], ['orders', 'eu->shipping']], 5);
		const summary = JSON.parse((await runCli(['metrics', input, '--json'], {cwd: temp.path})).stdout) as {edges: Record<string, {count: number}>};
		expect(Object.keys(summary.edges).sort()).toEqual([String.raw`orders->eu-\>shipping`, String.raw`orders-\>eu->shipping`]);
		const families = await finalScrape([input]);
		// The edge label as every label value is written: its backslashes doubled (exposition.ts).
		expect(promValue(families, 'pubsub_tools_hop_latency_seconds_count', {edge: String.raw`orders-\\>eu->shipping`, from: 'orders->eu', to: 'shipping'})).toBe(5);
		expect(promValue(families, 'pubsub_tools_hop_latency_seconds_count', {edge: String.raw`orders->eu-\\>shipping`, from: 'orders', to: 'eu->shipping'})).toBe(5);
		const nodes = families.find(family => family.name === 'pubsub_tools_hop_latency_seconds')!.samples.map(sample => `${sample.labels.from} | ${sample.labels.to}`);
		expect(nodes.sort()).toEqual([...Array.from({length: 4}, () => 'orders | eu->shipping'), ...Array.from({length: 4}, () => 'orders->eu | shipping')]);
	}, limit(60_000));

	it('keeps a topic named (other) apart from the topics past the first 1,000, which carry the overflow label', async ({expect}) => {
		const start = Date.parse('2026-11-27T08:00:00.000Z');
		// "(other)" and t0 … t998 are the first 1,000 topics; t999 and t1000 are past the cap.
		const topics = ['(other)', '(other)', ...Array.from({length: 1001}, (_, index) => `t${index}`)];
		const lines = topics.map((topic, index) => {
			const timestamp = new Date(start + index).toISOString();
			return JSON.stringify({topic, value: {eventType: 'T', timestamp}, timestamp, recordedAt: timestamp});
		});
		const input = path.join(temp.path, 'other-named.jsonl');
		fs.writeFileSync(input, `${lines.join('\n')}\n`);
		const summary = JSON.parse((await runCli(['metrics', input, '--json'], {cwd: temp.path})).stdout) as {topics: Record<string, {count: number}>; otherTopics?: {count: number}};
		expect([summary.topics['(other)']?.count, summary.otherTopics?.count]).toEqual([2, 2]);
		const families = await finalScrape([input]);
		expect(promValue(families, 'pubsub_tools_topic_events_total', {topic: '(other)'})).toBe(2);
		expect(promValue(families, 'pubsub_tools_topic_events_total', {overflow: 'true'})).toBe(2);
		expect(families.find(family => family.name === 'pubsub_tools_topic_events_total')!.samples.length).toBe(1001);
	}, limit(60_000));

	it('gives the rules a stage says it raises at 0 before any of them fires: the sagas\' and a plugin\'s own', async ({expect}) => {
		fs.writeFileSync(path.join(temp.path, 'quiet.mjs'), `export default {name: 'quiet', apiVersion: 1, setup(context) {
	context.registerStage({name: 'quiet', rules: [{rule: 'quiet.never', severity: 'critical'}], create: () => ({onBatch() {}, snapshot: () => 0})});
}};
`);
		const input = twoStepRecording('quiet.jsonl', [['orders', 'shipping']], 3);
		const families = await finalScrape([input, '--plugin', './quiet.mjs']);
		const fired = families.find(family => family.name === 'pubsub_tools_alerts_fired_total')!.samples;
		for (const [rule, severity] of [['quiet.never', 'critical'], ['saga.failed', 'critical'], ['saga.timeout', 'warning'], ['saga.compensation-missing', 'critical']]) {
			expect([rule, fired.filter(sample => sample.labels.rule === rule).map(sample => sample.labels)]).toEqual([rule, [{rule, severity}]]);
			expect(promValue(families, 'pubsub_tools_alerts_fired_total', {rule: rule!, severity: severity!})).toBe(0);
			expect(promValue(families, 'pubsub_tools_alerts_firing', {rule: rule!, severity: severity!})).toBe(0);
		}
	}, limit(60_000));

	it('serves every series of one scrape from one moment: the events counted, per source, per topic and stored agree', async ({expect}) => {
		const cli = startCli(['replay', recording, '--speed', 'max', '--headless', '--metrics-port', '0', '--metrics-hold', '60s'], {cwd: temp.path});
		try {
			const url = await metricsUrl(cli);
			// Scrapes as fast as they are answered while the replay stores batch after batch, then one of the end.
			const seen: Array<{events: number; sources: number; topics: number; stored: number}> = [];
			while (!cli.printed().stderr.includes('serving the final metrics')) {
				const families = parsePrometheusText(await (await fetch(url)).text());
				seen.push({events: promValue(families, 'pubsub_tools_events_total') ?? 0, sources: total(families, 'pubsub_tools_source_events_total'), topics: total(families, 'pubsub_tools_topic_events_total'), stored: promValue(families, 'pubsub_tools_store_events') ?? 0});
			}

			const final = seen.at(-1)!.events;
			const during = seen.filter(figures => figures.events > 0 && figures.events < final);
			expect(during.length).toBeGreaterThan(10);
			expect(seen.filter(({events, sources, topics, stored}) => sources !== events || topics !== events || stored !== events)).toEqual([]);
		} finally {
			cli.child.kill('SIGTERM');
			await cli.exited;
		}
	}, limit(120_000));

	it('writes a figure that is not a number as NaN, the text format\'s spelling (prom-client wrote Nan)', async ({expect}) => {
		const input = twoStepRecording('nan.jsonl', [['orders', 'shipping']], 1);
		const cli = startCli(['replay', input, '--speed', 'max', '--headless', '--metrics-port', '0', '--metrics-hold', '60s'], {cwd: temp.path});
		try {
			const url = await metricsUrl(cli);
			// Scrapes closer together than the event-loop monitor's 10 ms resolution have no lag sample: NaN.
			const values: number[] = [];
			for (let scrape = 0; scrape < 50 && !values.some(value => Number.isNaN(value)); scrape++) {
				values.push(...parsePrometheusText(await (await fetch(url)).text()).flatMap(family => family.samples.map(sample => sample.value)));
			}

			expect(values.some(value => Number.isNaN(value))).toBe(true);
		} finally {
			cli.child.kill('SIGTERM');
			await cli.exited;
		}
	}, limit(60_000));
});
