// Ids a system writes where it has none: a tracer without a span sends the all-zero W3C trace id, a payment not yet
// made has paymentId 0, an event id may be the nil UUID, and `${undefined}` or Python's str(None) end up as text.
// Read as ids they joined every order into one transaction (an invented payments->orders edge) or made every event
// a redelivery of the first (no hops at all). Run as subprocesses on a recording on standard input.
import {describe, expect, it} from 'vitest';
import {runCli} from '../support/cli.js';

const nilUuid = '00000000-0000-0000-0000-000000000000';
const zeroTrace = '0'.repeat(32);

/** Ten orders, each an OrderCreated then a PaymentDone 300 ms later, orders 1 s apart, with `extra` on both events. */
function recording(extra: (order: number, step: number) => Record<string, unknown>): string {
	const lines: string[] = [];
	for (let order = 0; order < 10; order++) {
		const at = Date.UTC(2026, 10, 18, 10, 0, order);
		for (const [step, topic, type, offset] of [[0, 'orders', 'OrderCreated', 0], [1, 'payments', 'PaymentDone', 300]] as const) {
			const value = {orderId: `O${order}`, type, ...extra(order, step)};
			lines.push(JSON.stringify({topic, value, timestamp: at + offset, recordedAt: at + offset + 5}));
		}
	}

	return `${lines.join('\n')}\n`;
}

type Metrics = {events: number; duplicates: number; edges: Record<string, {count: number; p99: number}>};

/** `metrics - --json` on the recording. */
async function metricsOf(stdin: string): Promise<Metrics> {
	const result = await runCli(['metrics', '-', '--json'], {stdin});
	expect(result.code, result.stderr).toBe(0);
	return JSON.parse(result.stdout) as Metrics;
}

describe('placeholder ids are no ids', () => {
	it('an all-zero trace id and a paymentId 0 join nothing: one edge, every order its own transaction', async () => {
		const stdin = recording((_order, step) => ({traceId: zeroTrace, ...(step === 1 ? {paymentId: 0} : {})}));
		const metrics = await metricsOf(stdin);
		expect(metrics.edges).toEqual({'orders->payments': expect.objectContaining({count: 10, p99: 300}) as unknown});
		const result = await runCli(['flow', 'analyze', '-', '--id', 'O3', '--json'], {stdin});
		expect(result.code, result.stderr).toBe(0);
		expect((JSON.parse(result.stdout) as {events: unknown[]}).events).toHaveLength(2);
		const asked = await runCli(['flow', 'analyze', '-', '--id', zeroTrace], {stdin});
		expect(asked.code).toBe(1);
		expect(asked.stderr).toContain(`a placeholder such as "${zeroTrace}" is no id`);
	});

	it('a nil-UUID event id makes no redelivery', async () => {
		const metrics = await metricsOf(recording(() => ({event_id: nilUuid})));
		expect(metrics).toMatchObject({events: 20, duplicates: 0});
		expect(metrics.edges['orders->payments']?.count).toBe(10);
	});

	it('the text of a missing value (undefined, None, null) joins nothing', async () => {
		const words = ['undefined', 'None', 'null', 'N/A'];
		const metrics = await metricsOf(recording(order => ({correlationId: words[order % words.length]})));
		expect(Object.keys(metrics.edges)).toEqual(['orders->payments']);
		expect(metrics.edges['orders->payments']?.count).toBe(10);
	});

	it('a real id with zeros in it is still an id', async () => {
		const metrics = await metricsOf(recording(order => ({correlationId: `00-${order}00`})));
		expect(metrics.edges['orders->payments']?.count).toBe(10);
		const result = await runCli(['flow', 'analyze', '-', '--id', '00-300', '--json'], {stdin: recording(order => ({correlationId: `00-${order}00`}))});
		expect(result.code, result.stderr).toBe(0);
	});
});
