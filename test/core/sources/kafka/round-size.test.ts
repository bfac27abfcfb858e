// The size of a Kafka fetch round and of each partition's share of it.
import {describe, expect, it} from 'vitest';
import {RoundSize} from '../../../../source/core/sources/kafka/round-size.js';

describe('RoundSize', () => {
	it('gives partitions shares that add up to no more than the round, up to 1 MiB each', () => {
		const first = new RoundSize();
		const full = new RoundSize();
		// A fast link: 8 MiB in 100 ms.
		full.measured(8 * 1024 * 1024, 100);
		expect(full.bytes).toBe(8 * 1024 * 1024);
		for (const size of [first, full]) {
			for (const partitions of [1, 3, 5, 9, 12, 60]) {
				const share = size.partitionBytes(partitions);
				expect(share * partitions, `${partitions} partitions of a ${size.bytes}-byte round`).toBeLessThanOrEqual(size.bytes);
				expect(share).toBe(Math.min(1024 * 1024, Math.floor(size.bytes / partitions)));
			}
		}
	});

	it('grows after a round that starved a partition, though it brought little: its shares were smaller than the batches', () => {
		const size = new RoundSize();
		size.measured(256 * 1024, 20);
		expect(size.bytes).toBe(1024 * 1024);
		size.measured(256 * 1024, 20, true);
		expect(size.bytes).toBe(8 * 1024 * 1024);
	});

	it('gives each partition at least 16 KiB, however many', () => {
		expect(new RoundSize().partitionBytes(1000)).toBe(16 * 1024);
	});

	it('gives a partition room for three of its largest batches, and twice a share that brought it nothing', () => {
		const size = new RoundSize();
		const fair = size.partitionBytes(12);
		size.sawBatch('t/0', 260_000);
		expect(size.partitionBytes(12, 't/0')).toBe(780_000);
		expect(size.partitionBytes(12, 't/1')).toBe(fair);
		expect(size.starvedWith('t/1', fair)).toBe(true);
		expect(size.partitionBytes(12, 't/1')).toBe(2 * fair);
		// The round grows to fit the shares, up to a full round.
		expect(size.fetchBytes(11 * fair + 780_000)).toBe(11 * fair + 780_000);
		expect(size.fetchBytes(100 * 1024 * 1024)).toBe(8 * 1024 * 1024);
	});
});
