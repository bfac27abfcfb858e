// Decompression of Kafka record batches, all four codecs Kafka has. @platformatic/kafka decodes gzip and lz4 (Kafka's
// LZ4 frames) itself, but on Node 20 it has no zstd (it needs node:zlib's, Node ≥ 22.15) and its snappy rejects the
// xerial framing Kafka's Java producer writes; pure-JS decoders take those two, so no platform binary is needed.
import {compressionsAlgorithms} from '@platformatic/kafka';
import {decompress as zstdDecompress} from 'fzstd';
import {uncompress as snappyUncompress} from 'snappyjs';

/** A record batch that could not be decompressed: retrying cannot cure it, so the source stops with it. */
export class KafkaDecompressionError extends Error {
	constructor(readonly codec: string, cause: unknown) {
		super(`cannot decompress a ${codec} record batch: ${cause instanceof Error ? cause.message : String(cause)}`);
		this.name = 'KafkaDecompressionError';
	}
}

/** A snappy chunk may claim any length: refuse what no real batch needs instead of allocating it. */
const maxSnappyLength = 256 * 1024 * 1024;

/** The xerial snappy-java stream header: magic, then version and compatible version (int32 each). */
const xerialMagic = Buffer.from([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00]);
const xerialHeaderLength = 16;

function asBuffer(bytes: Uint8Array): Buffer {
	return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Snappy as Kafka producers write it: raw snappy (librdkafka, kafkajs) or xerial chunks (Java: length, block …). */
export function snappyDecode(data: Buffer): Buffer {
	if (!data.subarray(0, xerialMagic.length).equals(xerialMagic)) return asBuffer(snappyUncompress(data, maxSnappyLength));
	const chunks: Buffer[] = [];
	for (let position = xerialHeaderLength; position < data.length;) {
		if (position + 4 > data.length) throw new Error('truncated xerial chunk length');
		const length = data.readInt32BE(position);
		position += 4;
		if (length < 0 || position + length > data.length) throw new Error('truncated xerial chunk');
		chunks.push(asBuffer(snappyUncompress(data.subarray(position, position + length), maxSnappyLength)));
		position += length;
	}

	return Buffer.concat(chunks);
}

/** Zstandard frames (pure-JS decoder). */
export function zstdDecode(data: Buffer): Buffer {
	return asBuffer(zstdDecompress(data));
}

type Codec = {decompressSync(data: Buffer): Buffer; available: boolean};

/** Give `codec` a decoder (ours, or the library's own) that fails with a KafkaDecompressionError. */
function install(name: 'gzip' | 'snappy' | 'lz4' | 'zstd', decode?: (data: Buffer) => Buffer): void {
	const codec = compressionsAlgorithms[name] as Codec;
	const inner = decode ?? codec.decompressSync.bind(codec);
	codec.decompressSync = data => {
		try {
			return inner(data);
		} catch (error) {
			throw new KafkaDecompressionError(name, error);
		}
	};

	codec.available = true;
}

let installed = false;

/**
 * Make the client decode every codec: its codec table (exported for this) is what its record-batch reader looks up
 * by the batch's compression bits. Idempotent.
 */
export function installKafkaCodecs(): void {
	if (installed) return;
	installed = true;
	install('gzip');
	install('lz4');
	install('snappy', snappyDecode);
	install('zstd', zstdDecode);
}
