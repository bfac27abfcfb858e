// Event times as services write them: epoch seconds, milliseconds, microseconds (1.7e15) or nanoseconds (Go's
// UnixNano, OpenTelemetry: 1.7e18), as numbers or text, give the same figures; a number too large to be a time is
// no time, and never stops a run (such a time once hung `flow analyze` at full CPU).
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli} from '../support/cli.js';
import {useTempDir} from '../support/temp-dir.js';

const start = Date.UTC(2026, 10, 21, 10, 0, 0, 250);
/** One order through three topics, its steps 250 and 350 ms apart, each line recorded 20 ms after its event. */
const steps = [['orders.created', 'OrderCreated', 0], ['payment.transactions', 'PaymentApproved', 250], ['shipping.events', 'OrderShipped', 600]] as const;

/** The order's recording, its event times written by `time`. */
function recording(time: (ms: number) => unknown): string {
	return steps.map(([topic, eventType, after], index) => JSON.stringify({
		topic, offset: String(index), recordedAt: new Date(start + after + 20).toISOString(),
		value: {eventType, orderId: 'ORD-UNITS-1', timestamp: time(start + after)},
	})).join('\n') + '\n';
}

describe('event times in any epoch unit', () => {
	const temp = useTempDir('pubsub-time-units-');
	const write = (name: string, text: string) => {
		fs.writeFileSync(path.join(temp.path, name), text);
		return name;
	};

	const metrics = async (file: string) => {
		const result = await runCli(['metrics', file, '--json'], {cwd: temp.path});
		expect(result.code, result.stderr).toBe(0);
		return JSON.parse(result.stdout) as {edges: Record<string, {p50: number}>; delivery: {p50: number}; skewed: number};
	};

	it('gives the same hops and delivery whether times are seconds, milliseconds, microseconds or nanoseconds', async () => {
		const expected = await metrics(write('ms.jsonl', recording(ms => ms)));
		expect(expected.edges['orders.created->payment.transactions']?.p50).toBe(250);
		expect(expected.delivery.p50).toBe(20);
		const variants: Array<[string, (ms: number) => unknown]> = [
			['s', ms => ms / 1000],
			['us', ms => ms * 1000],
			['ns', ms => ms * 1_000_000],
			['ns-text', ms => `${ms}000000`],
		];
		for (const [name, time] of variants) expect(await metrics(write(`${name}.jsonl`, recording(time))), name).toEqual(expected);
	});

	it('reads a number too large for a time as no time, and ends', async () => {
		const file = write('huge.jsonl', recording(ms => (ms === start ? 1e300 : ms * 1e7)));
		const flow = await runCli(['flow', 'analyze', file, '--id', 'ORD-UNITS-1', '--json'], {cwd: temp.path});
		expect(flow.code, flow.stderr).toBe(0);
		// The first step has no event time; the others, read as nanoseconds, are in the year 2509.
		const analysis = JSON.parse(flow.stdout) as {events: unknown[]};
		expect(analysis.events).toHaveLength(3);
	});
});
