// The heap-growth cap (README, Memory): its setting, and the CLI's answer to a bad one.
import {describe, expect, it} from 'vitest';
import {UserError} from '../../source/commands/support/errors.js';
import {defaultHeapGrowth, heapGrowthPercent, nodeSetsHeapGrowth, nodeSetsPretenuring} from '../../source/commands/support/heap-growth.js';
import {runCli} from '../support/cli.js';
import {useKnownRecording} from '../support/known-recording.js';

const recording = useKnownRecording('pubsub-heap-');

describe('heap growth setting', () => {
	it('takes a whole percent, caps by default when unset or blank, and leaves V8 its own heuristics at 0', () => {
		expect(heapGrowthPercent(undefined)).toBe(defaultHeapGrowth);
		expect(heapGrowthPercent(' ')).toBe(defaultHeapGrowth);
		expect(heapGrowthPercent('150')).toBe(150);
		expect(heapGrowthPercent('0')).toBeUndefined();
		for (const bad of ['-5', '1.5', 'lots', '1001']) expect(() => heapGrowthPercent(bad)).toThrow(UserError);
	});

	it("yields to node's own --heap-growing-percent", () => {
		expect(nodeSetsHeapGrowth(['--heap-growing-percent=80'])).toBe(true);
		expect(nodeSetsHeapGrowth(['--heap_growing_percent=80'])).toBe(true);
		expect(nodeSetsHeapGrowth(['--max-old-space-size=512', '--enable-source-maps'])).toBe(false);
	});

	it("leaves allocation-site pretenuring to node's own flag, either way, when it names it", () => {
		expect(nodeSetsPretenuring(['--allocation-site-pretenuring'])).toBe(true);
		expect(nodeSetsPretenuring(['--no-allocation_site_pretenuring'])).toBe(true);
		expect(nodeSetsPretenuring(['--heap-growing-percent=80', '--trace-pretenuring'])).toBe(false);
	});
});

describe('PUBSUB_TOOLS_HEAP_GROWTH', () => {
	it('changes memory, never answers: the same metrics with the default cap, without one and with another', async () => {
		const outputs = await Promise.all(['', '0', '150'].map(async setting => {
			const result = await runCli(['metrics', recording.file, '--json'], {cwd: recording.dir, env: {PUBSUB_TOOLS_HEAP_GROWTH: setting}});
			expect(result.code).toBe(0);
			return JSON.parse(result.stdout) as unknown;
		}));
		expect(outputs[1]).toEqual(outputs[0]);
		expect(outputs[2]).toEqual(outputs[0]);
	});

	it('rejects a bad value with a one-line reason and exit code 2', async () => {
		const result = await runCli(['metrics', recording.file, '--json'], {cwd: recording.dir, env: {PUBSUB_TOOLS_HEAP_GROWTH: 'plenty'}});
		expect(result.code).toBe(2);
		expect(result.stdout).toBe('');
		expect(result.stderr.trim().split('\n')).toEqual(['pubsub-tools: PUBSUB_TOOLS_HEAP_GROWTH must be a whole percent from 0 to 1000 (0: V8 decides), got "plenty"']);
	});
});
