// Decoders of Kafka record batches: both snappy framings producers write, and failures that name the codec.
import zlib from 'node:zlib';
import {compressionsAlgorithms} from '@platformatic/kafka';
import {compress} from 'snappyjs';
import {describe, expect, it} from 'vitest';
import {isFatalKafkaError} from '../../../../source/core/sources/kafka/client.js';
import {installKafkaCodecs, KafkaDecompressionError, snappyDecode, zstdDecode} from '../../../../source/core/sources/kafka/codecs.js';

const text = Buffer.from('événement '.repeat(500), 'utf8');

/** snappy-java's stream format, as Kafka's Java producer writes it: header, then (length, raw snappy block) chunks. */
function xerial(data: Buffer, chunkSize: number): Buffer {
	const parts = [Buffer.from([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00, 0, 0, 0, 1, 0, 0, 0, 1])];
	for (let start = 0; start < data.length; start += chunkSize) {
		const block = Buffer.from(compress(data.subarray(start, start + chunkSize)));
		const length = Buffer.alloc(4);
		length.writeInt32BE(block.length);
		parts.push(length, block);
	}

	return Buffer.concat(parts);
}

describe('Kafka codecs', () => {
	it('decodes raw snappy (librdkafka, kafkajs) and xerial-framed snappy in several chunks (Java)', () => {
		expect(snappyDecode(Buffer.from(compress(text))).equals(text)).toBe(true);
		expect(snappyDecode(xerial(text, 1000)).equals(text)).toBe(true);
	});

	it('refuses a truncated xerial chunk instead of reading past the batch', () => {
		const framed = xerial(text, 1000);
		expect(() => snappyDecode(framed.subarray(0, framed.length - 3))).toThrow(/truncated/);
	});

	it('turns every codec\'s failure into a KafkaDecompressionError naming the codec, which stops the source', () => {
		installKafkaCodecs();
		const garbage = Buffer.from('not compressed at all, certainly not a frame');
		for (const codec of ['gzip', 'snappy', 'lz4', 'zstd'] as const) {
			let thrown: unknown;
			try {
				compressionsAlgorithms[codec].decompressSync(garbage);
			} catch (error) {
				thrown = error;
			}

			expect(thrown).toBeInstanceOf(KafkaDecompressionError);
			expect((thrown as Error).message).toContain(`cannot decompress a ${codec} record batch`);
			// As the client passes it on: wrapped, possibly inside an AggregateError.
			expect(isFatalKafkaError(new AggregateError([new Error('fetch failed', {cause: thrown})]))).toBe(true);
		}
	});

	it('leaves gzip to the library, and a connection error is not fatal', () => {
		installKafkaCodecs();
		expect(compressionsAlgorithms.gzip.decompressSync(zlib.gzipSync(text)).equals(text)).toBe(true);
		expect(() => zstdDecode(Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00]))).toThrow();
		expect(isFatalKafkaError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), {code: 'ECONNREFUSED'}))).toBe(false);
	});
});
