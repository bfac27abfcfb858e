// Child process of the benchmark (run with --expose-gc): memory of the alert rules after 1 M distinct customers,
// on the heap and in typed arrays (the per-key windows live in slabs outside the heap).
import {createAlertEngine} from '../source/core/alerts/engine.js';
import {defaultConfig} from '../source/core/config.js';
import {createNormalizer} from '../source/core/envelope.js';
import {heapAfterGc} from './heap-after-gc.js';

const customers = Number(process.argv[2] ?? 1_000_000);
const normalize = createNormalizer(defaultConfig.fields);
const alerts = createAlertEngine(defaultConfig);
const start = Date.UTC(2026, 10, 21, 10, 0, 0);

const before = heapAfterGc();
for (let first = 0; first < customers; first += 1000) {
	const batch = [];
	for (let n = first; n < first + 1000; n++) {
		const time = start + n;
		batch.push(normalize({source: 'bench', topic: 'payment.transactions', timestamp: time, receivedAt: time + 5, value: {eventId: `E-${n}`, transactionId: `TXN-${n}`, customerId: `C-${n}`, ip: `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`, amount: 42, status: 'ok'}}));
	}

	alerts.onBatch(batch, []);
}

const tracked = Object.values(alerts.keyCounts()).reduce((sum, count) => sum + (count?.tracked ?? 0), 0);
process.stdout.write(`${JSON.stringify({customers, heapMb: (heapAfterGc() - before) / 1024 / 1024, tracked})}\n`);
