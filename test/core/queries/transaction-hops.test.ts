// The hop into each step of a transaction, as flow analyze prints it and the TUI's hop column shows it, from one
// decision (stepHop). A timed step with no timed step before it has a time, but nothing to measure its hop from:
// unknown in both (the hop column said `+0 ms`, flow analyze `no time`). The store puts steps without event time
// last, so a transaction read from it reaches this only with times beyond the store's sort position for "no time"
// (and such times stall a replay today): the timeline is built here, from envelopes as the normalizer makes them.
import {describe, expect, it} from 'vitest';
import {formatFlow} from '../../../source/commands/flow-analyze.js';
import {defaultConfig} from '../../../source/core/config.js';
import {normalize} from '../../../source/core/envelope.js';
import {stepHop, transactionView} from '../../../source/core/queries/transaction.js';
import {atOnce} from '../../../source/core/queries/steps.js';
import {hopText} from '../../../source/ui/transaction/timeline.js';

/** Envelopes of the order's steps, in the order given, numbered by seq. */
function steps(lines: Array<{topic: string; type: string; timestamp?: string}>) {
	return lines.map(({topic, type, timestamp}, index) => ({
		...normalize({source: 'recording', topic, value: {eventType: type, orderId: 'ORD-H1', ...(timestamp ? {timestamp} : {})}, receivedAt: Date.UTC(2026, 0, 15, 10)}, defaultConfig.fields),
		seq: index + 1,
	}));
}

describe('the hop into a step', () => {
	const view = transactionView({txId: 1, ids: ['ORD-H1'], capped: false, events: steps([
		{topic: 'orders', type: 'OrderCreated'},
		{topic: 'payments', type: 'PaymentAuthorized', timestamp: '2026-01-15T10:00:01.000Z'},
		{topic: 'shipping', type: 'ShipmentCreated', timestamp: '2026-01-15T10:00:03.000Z'},
	])}, {slowHopMs: 10_000, summary: {edges: {}, topics: {}}});

	it('is unknown for a timed step after untimed ones only, measured after a timed one', () => {
		expect(view.steps.map((step, index) => stepHop(step, index))).toEqual(['no time', 'unknown', {ms: 2000}]);
	});

	it('reads the same in the TUI\'s hop column and in flow analyze', () => {
		expect(view.steps.map((step, index) => hopText(step, index))).toEqual(['no time', 'unknown', '+2,000 ms']);
		const printed = atOnce(formatFlow('ORD-H1', view));
		expect(printed).toMatch(/^✅ OrderCreated \[orders\] \(no time\)$/m);
		expect(printed).toMatch(/└→ PaymentAuthorized \[payments\] \(hop unknown\)$/m);
		expect(printed).toMatch(/└→ ShipmentCreated \[shipping\] \(2,000 ms\)$/m);
		expect(printed.split('\n')[1]).toBe('total unknown (1 event has no time), outcome ok');
	});
});
