// `node dist/bench/hub.js [EVENTS] [RUNS]`: the whole pipeline (bench/pipeline.ts, bundled plugins on) over the
// benchmark's recording and over two hub-shaped copies of it, in alternating fresh processes: "one id", every event
// of one order (orderId and key ORD-HUB), so one transaction reaches its size cap and every later event belongs to
// it; "merchant mix", every event also carrying one of 3 merchantId values configured as an id field, so the orders
// join into three hubs. Prints the median CPU seconds of each and their ratio to the plain recording's: a hub must
// cost what the same number of ordinary events costs (issue 19: "a hub id shared by thousands of events must stay
// bounded"), not O(transaction size) per event.
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {generateRecording} from './generate.js';
import {median} from './measure.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const events = Number(process.argv[2] ?? 60_000);
const runs = Number(process.argv[3] ?? 3);

/** A line of the generated recording, as far as the hub shapes rewrite it. */
type Line = {key?: string; value: Record<string, unknown>};

/** Copy `from` into `to` with `change` applied to every event line (the `$recording` header kept as is). */
function rewrite(from: string, to: string, change: (line: Line, index: number) => void) {
	const lines = fs.readFileSync(from, 'utf8').split('\n');
	const out = lines.map((text, index) => {
		if (index === 0 || text === '') return text;
		const line = JSON.parse(text) as Line;
		change(line, index - 1);
		return JSON.stringify(line);
	});
	fs.writeFileSync(to, out.join('\n'));
}

/** One pipeline run in a fresh process into a fresh store: its CPU seconds and what it counted. */
function pipeline(file: string, dataDir: string, config: string): {cpuSeconds: number; events: number} {
	fs.rmSync(dataDir, {recursive: true, force: true});
	const out = execFileSync(process.execPath, [path.join(here, 'pipeline.js'), file, dataDir, 'on'], {env: {...process.env, BENCH_CONFIG: config}, maxBuffer: 64 * 1024 * 1024});
	const run = JSON.parse(out.toString()) as {cpuSeconds: number; summary: {events: number}};
	return {cpuSeconds: run.cpuSeconds, events: run.summary.events};
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pubsub-hub-'));
try {
	const plain = path.join(work, 'plain.jsonl');
	generateRecording(plain, events);
	const oneId = path.join(work, 'one-id.jsonl');
	rewrite(plain, oneId, line => {
		line.key = 'ORD-HUB';
		line.value.orderId = 'ORD-HUB';
	});
	const mix = path.join(work, 'merchant-mix.jsonl');
	rewrite(plain, mix, (line, index) => {
		line.value.merchantId = `M-${Math.floor(index / 6) % 3}`;
	});
	const plainConfig = path.join(work, 'plain.yaml');
	fs.writeFileSync(plainConfig, '{}\n');
	const mixConfig = path.join(work, 'merchant-ids.yaml');
	fs.writeFileSync(mixConfig, 'fields:\n  ids: [orderId, transactionId, merchantId]\n');
	const shapes = [
		{name: 'plain', file: plain, config: plainConfig},
		{name: 'one id', file: oneId, config: plainConfig},
		{name: 'merchant mix', file: mix, config: mixConfig},
	];
	const seconds = shapes.map(() => [] as number[]);
	for (let run = 0; run < runs; run++) {
		for (const [index, shape] of shapes.entries()) {
			const result = pipeline(shape.file, path.join(work, 'store'), shape.config);
			if (result.events !== events) throw new Error(`${shape.name}: ${result.events} events counted, expected ${events}`);
			seconds[index]!.push(result.cpuSeconds);
		}
	}

	const plainSeconds = median(seconds[0]!);
	process.stdout.write(`${events.toLocaleString('en-US')} events, ${runs} alternating runs (medians), CPU seconds of the whole process\n`);
	for (const [index, shape] of shapes.entries()) {
		const cpu = median(seconds[index]!);
		process.stdout.write(`${shape.name.padEnd(13)} ${cpu.toFixed(2)} s  ${Math.round(events / cpu).toLocaleString('en-US').padStart(7)} events/CPU-s  ×${(cpu / plainSeconds).toFixed(2)} of plain  [${seconds[index]!.map(value => value.toFixed(2)).join(' ')}]\n`);
	}
} finally {
	fs.rmSync(work, {recursive: true, force: true});
}
