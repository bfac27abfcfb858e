// Child process of the benchmark (run with --expose-gc): memory of the alert rules that count in rings of event-time
// buckets (error-rate per topic, slo.latency per edge) at their key caps, each key busy for longer than its window
// plus the allowed lateness, every bucket holding errors and slow hops (each with a sketch): the most they hold.
import {createAlertEngine} from '../source/core/alerts/engine.js';
import {defaultConfig} from '../source/core/config.js';
import {createNormalizer, type Envelope} from '../source/core/envelope.js';
import type {Hop} from '../source/core/metrics/types.js';
import {heapAfterGc} from './heap-after-gc.js';

const topics = Number(process.argv[2] ?? defaultConfig.alerts.rules['error-rate'].maxKeys);
const edges = Number(process.argv[3] ?? defaultConfig.alerts.rules['slo.latency'].maxKeys);
const normalize = createNormalizer(defaultConfig.fields);
const alerts = createAlertEngine(defaultConfig);
const start = Date.UTC(2026, 10, 21, 10, 0, 0);
// Long enough for every ring to have filled its window and its lateness behind it.
const seconds = (defaultConfig.alerts.rules['slo.latency'].windowMs + defaultConfig.alerts.allowedLatenessMs) / 1000 + 60;

const before = heapAfterGc();
const first: Envelope[] = [];
for (let n = 0; n < topics; n++) first.push(normalize({source: 'bench', topic: `topic-${n}`, timestamp: start, receivedAt: start, value: {eventId: `E-${n}`, status: 'ok'}}));
for (let s = 0; s < seconds; s++) {
	const time = start + s * 1000;
	// One event a second per topic, every tenth an error (10 %: above the threshold, as a failing topic's).
	const batch = first.map(env => ({...env, timestamp: time, receivedAt: time, status: s % 10 === 0 ? 'error' as const : env.status}));
	const hops: Hop[] = [];
	for (let n = 0; n < edges; n++) {
		const edge = `from-${n}->to-${n}`;
		for (let k = 0; k < 3; k++) hops.push({edge, from: `from-${n}`, to: `to-${n}`, latencyMs: k === 0 ? 2000 + s : 100, at: time, txId: s * edges + n + 1, seq: 0});
	}

	alerts.onBatch(batch, hops);
}

const counts = alerts.keyCounts();
process.stdout.write(`${JSON.stringify({topics, edges, heapMb: (heapAfterGc() - before) / 1024 / 1024, errorRateKeys: counts['error-rate']?.tracked, sloKeys: counts['slo.latency']?.tracked})}\n`);
