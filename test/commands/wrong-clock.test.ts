// A clock that was wrong by years (a recorder's years ahead, a producer's years behind) made one line's delivery
// latency years: every percentile above that line's share said 43800h, the windows ended years after the other
// events (a window of 1m held only the bad lines), and `replay --speed 1` slept those years before the next line.
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it, vi} from 'vitest';
import {runCli, startCli} from '../support/cli.js';
import {limit} from '../support/limits.js';
import {useTempDir} from '../support/temp-dir.js';

const temp = useTempDir('pubsub-wrong-clock-');
const start = Date.UTC(2026, 10, 18, 10);
const fiveYears = 5 * 365 * 24 * 3600_000;

/** 100 orders a second apart, recorded 5 ms later; orders 7, 27, 47, 67, 87 recorded by a clock five years ahead. */
function recording(): string {
	const lines = Array.from({length: 100}, (_, order) => {
		const at = start + (order * 1000);
		const late = order % 20 === 7 ? fiveYears : 0;
		return JSON.stringify({topic: 'orders', value: {orderId: `O${order}`, type: 'OrderCreated'}, timestamp: at, recordedAt: at + 5 + late});
	});
	return `${lines.join('\n')}\n`;
}

type Metrics = {events: number; skewed: number; delivery: {p99: number}; topics: Record<string, {delivery: {p99: number}}>};

describe('a line recorded years after it happened', () => {
	it('metrics: counted as skewed, out of the percentiles, and in the windows where the input had arrived', async () => {
		const stdin = recording();
		const whole = await runCli(['metrics', '-', '--json'], {stdin});
		expect(whole.code, whole.stderr).toBe(0);
		const metrics = JSON.parse(whole.stdout) as Metrics;
		expect(metrics).toMatchObject({events: 100, skewed: 5, delivery: {p99: 5}, topics: {orders: {delivery: {p99: 5}}}});
		// The last minute of the input: orders 40 to 99, of which 47, 67 and 87 skewed.
		const window = await runCli(['metrics', '-', '--json', '--window', '1m'], {stdin});
		expect(window.code, window.stderr).toBe(0);
		expect(JSON.parse(window.stdout)).toMatchObject({events: 60, skewed: 3, delivery: {p99: 5}});
	});

	it('replay --speed 1: waits a minute at most for the next line, and says the gap it shortened', async () => {
		const file = path.join(temp.path, 'wrong-clock.jsonl');
		fs.writeFileSync(file, recording());
		const running = startCli(['replay', file, '--headless', '--speed', '1'], {cwd: temp.path});
		const said = `pubsub-tools: warning: ${file}: nothing was recorded from ${new Date(start + 6005).toISOString()} to ${new Date(start + 7005 + fiveYears).toISOString()} (43800h 00m): the replay waited 1m there, not the whole gap\n`;
		await vi.waitFor(() => expect(running.printed().stderr).toContain(said), {timeout: limit(30_000), interval: 100});
		running.child.kill('SIGTERM');
		await running.exited;
	});
});
