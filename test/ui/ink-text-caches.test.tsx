// Ink 6.8 keeps every string it measured or wrapped in module-level caches (upstream ink#986); patches/ink+6.8.0.patch,
// applied by `prepare: patch-package`, bounds them. This fails when the patch is missing (npm ci without scripts).
import {Box, Text} from 'ink';
import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import {MEASURE_CACHE_LIMIT, measureTextCacheSize} from '../../node_modules/ink/build/measure-text.js';
import {WRAP_CACHE_LIMIT, wrapTextCacheSize} from '../../node_modules/ink/build/wrap-text.js';

describe('Ink text caches', () => {
	it('stay bounded however many distinct strings Ink renders (a clock, a rate, an age every frame)', () => {
		expect(typeof measureTextCacheSize).toBe('function');
		expect(typeof wrapTextCacheSize).toBe('function');
		const frames = Math.max(MEASURE_CACHE_LIMIT, WRAP_CACHE_LIMIT) + 1000;
		const frame = (i: number) => (
			<Box width={20} flexDirection="column">
				<Text>{`08:00:${i} · ${i} ev/s`}</Text>
				<Text wrap="truncate">{`since 08:01:${i}.113 (${i}s) and a long tail that gets cut`}</Text>
			</Box>
		);
		const rendered = render(frame(0));
		for (let i = 1; i < frames; i++) rendered.rerender(frame(i));
		// The last frame is still drawn right: the caches evict old strings, not correctness.
		expect(rendered.lastFrame()).toContain(`08:00:${frames - 1}`);
		rendered.unmount();
		// Ink measured and wrapped through these very modules (sizes above zero), and no more than the limits are kept.
		expect(measureTextCacheSize()).toBeGreaterThan(0);
		expect(wrapTextCacheSize()).toBeGreaterThan(0);
		expect(measureTextCacheSize()).toBeLessThanOrEqual(MEASURE_CACHE_LIMIT);
		expect(wrapTextCacheSize()).toBeLessThanOrEqual(WRAP_CACHE_LIMIT);
	});
});
