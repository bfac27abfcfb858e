// Decompresses gzip (RFC 1952) member by member: each member's header and trailer (CRC-32 and length) are read here,
// around node:zlib's raw inflate, which stops where the member's compressed data does. Members that follow one another
// are one stream, as gzip and zcat read them; bytes after the last member that are not gzip end the data where the
// member did and are said, not taken for a broken member (node:zlib's Gunzip does that, and drops what it decompressed
// last, up to a chunk of events, along with them).
import zlib from 'node:zlib';
import {counted} from '../../units/format.js';
import type {AfterData, RecordingInput} from './input.js';
import {puller} from './stream-puller.js';

/** A member's header flags (RFC 1952, 2.3.1). */
const headerCrcFlag = 0x02;
const extraFlag = 0x04;
const nameFlag = 0x08;
const commentFlag = 0x10;
const reservedFlags = 0xE0;
/** How many bytes after the last member are shown when they are not gzip. */
const shownBytes = 8;

/** A damaged gzip input, with the code and message zlib gives the same damage (`Z_BUF_ERROR`: it ends too soon). */
function gzipError(code: 'Z_BUF_ERROR' | 'Z_DATA_ERROR', message: string): Error {
	return Object.assign(new Error(message), {code});
}

const truncated = () => gzipError('Z_BUF_ERROR', 'unexpected end of file');

/** The input's bytes, with what was read past a member's end given back, and a count of the bytes taken. */
class InputBytes {
	/** Bytes taken from the input so far (less those given back). */
	offset = 0;
	private held: Buffer | undefined;

	constructor(head: Buffer, private readonly read: () => Promise<Buffer | undefined>) {
		if (head.length > 0) this.held = head;
	}

	/** The next bytes, as many as are at hand; undefined at the end. */
	async chunk(): Promise<Buffer | undefined> {
		const chunk = this.held ?? await this.read();
		this.held = undefined;
		if (chunk) this.offset += chunk.length;
		return chunk;
	}

	/** Give back the end of the chunk last taken. */
	giveBack(bytes: Buffer): void {
		if (bytes.length === 0) return;
		this.held = bytes;
		this.offset -= bytes.length;
	}

	/** The next `count` bytes (fewer when the input ends first). */
	async take(count: number): Promise<Buffer> {
		const parts: Buffer[] = [];
		let length = 0;
		while (length < count) {
			const chunk = await this.chunk();
			if (!chunk) break;
			parts.push(chunk);
			length += chunk.length;
		}

		const bytes = parts.length === 1 ? parts[0]! : Buffer.concat(parts, length);
		this.giveBack(bytes.subarray(count));
		return bytes.subarray(0, count);
	}

	/** The next bytes up to and including a zero byte (a header's name or comment); throws if the input ends first. */
	async throughZero(): Promise<Buffer> {
		const parts: Buffer[] = [];
		for (;;) {
			const chunk = await this.chunk();
			if (!chunk) throw truncated();
			const zero = chunk.indexOf(0);
			if (zero === -1) {
				parts.push(chunk);
				continue;
			}

			parts.push(chunk.subarray(0, zero + 1));
			this.giveBack(chunk.subarray(zero + 1));
			return Buffer.concat(parts);
		}
	}

	/** The next `count` bytes, throwing a truncated gzip if the input ends first. */
	async exactly(count: number): Promise<Buffer> {
		const bytes = await this.take(count);
		if (bytes.length < count) throw truncated();
		return bytes;
	}
}

/** Read the rest of a member's header after its magic bytes, checking it as zlib does. */
async function readHeader(input: InputBytes, magic: Buffer): Promise<void> {
	const fixed = await input.exactly(8);
	if (fixed[0] !== 8) throw gzipError('Z_DATA_ERROR', 'unknown compression method');
	const flags = fixed[1]!;
	if (flags & reservedFlags) throw gzipError('Z_DATA_ERROR', 'unknown header flags set');
	const parts = [magic, fixed];
	if (flags & extraFlag) {
		const length = await input.exactly(2);
		parts.push(length, await input.exactly(length.readUInt16LE()));
	}

	if (flags & nameFlag) parts.push(await input.throughZero());
	if (flags & commentFlag) parts.push(await input.throughZero());
	if (flags & headerCrcFlag) {
		const crc = await input.exactly(2);
		if (crc.readUInt16LE() !== (zlib.crc32(Buffer.concat(parts)) & 0xFF_FF)) throw gzipError('Z_DATA_ERROR', 'header crc mismatch');
	}
}

/**
 * Write the input into `inflate` one chunk at a time (each waits until inflate has taken it and its output has room)
 * until its compressed data ends, giving back the bytes after it. A read error of the input is inflate's error.
 */
async function feed(inflate: zlib.InflateRaw, input: InputBytes): Promise<void> {
	try {
		for (;;) {
			const chunk = await input.chunk();
			if (!chunk || inflate.destroyed) break;
			const before = inflate.bytesWritten;
			// An error of inflate is read on its output side.
			await new Promise(resolve => inflate.write(chunk, resolve));
			// Inflate takes no byte past the end of its data: what it left is the member's trailer and what follows.
			const unused = chunk.length - (inflate.bytesWritten - before);
			if (unused > 0) {
				input.giveBack(chunk.subarray(chunk.length - unused));
				break;
			}
		}

		if (!inflate.destroyed) inflate.end();
	} catch (error) {
		inflate.destroy(error as Error);
	}
}

/**
 * What is said of the bytes after the last member: how many, where they start, the first few in hex. Zeros alone are
 * padding (tar and tape blocks pad a file so): ignored with a notice, as gzip(1) ignores them with a warning.
 */
function strayBytes(offset: number, length: number, first: Buffer, zeros: boolean): AfterData {
	const one = length === 1;
	if (zeros) return {notice: `ignored ${counted(length, 'zero byte')} of padding after the end of the gzip data, from byte offset ${offset}`};
	const shown = [...first.subarray(0, shownBytes)].map(byte => byte.toString(16).padStart(2, '0')).join(' ');
	return {problem: `${counted(length, 'byte')} after the end of the gzip data, from byte offset ${offset}, ${one ? 'is' : 'are'} not gzip and ${one ? 'was' : 'were'} not read (${shown}${length > shownBytes ? ' …' : ''})`};
}

/** True when every byte of `bytes` is zero. */
function allZero(bytes: Buffer): boolean {
	for (const byte of bytes) if (byte !== 0) return false;
	return true;
}

/** A gzip input: its first bytes (the magic bytes among them), what gives the next ones, and what releases it. */
export type GzipInput = {head: Buffer; read(): Promise<Buffer | undefined>; close(): void};

/**
 * Decompress `source` into chunks of at most `chunkSize` bytes. A damaged member throws from next(), with zlib's code
 * and message for the same damage, after the chunks decompressed before it.
 */
export function gzipMembers(source: GzipInput, chunkSize: number): RecordingInput {
	const input = new InputBytes(source.head, async () => source.read());
	let inflate: zlib.InflateRaw | undefined;
	let after: AfterData | undefined;
	let closed = false;

	async function * members(): AsyncGenerator<Buffer> {
		for (;;) {
			const magic = await input.take(2);
			if (magic.length === 0 || closed) return;
			if (magic[0] !== 0x1F || magic[1] !== 0x8B) {
				const offset = input.offset - magic.length;
				const first = Buffer.concat([magic, await input.take(shownBytes - magic.length)]);
				let zeros = allZero(first);
				for (let chunk = await input.chunk(); chunk; chunk = await input.chunk()) zeros &&= allZero(chunk);
				after = strayBytes(offset, input.offset - offset, first, zeros);
				return;
			}

			await readHeader(input, magic);
			inflate = zlib.createInflateRaw({chunkSize});
			// Its errors are read by the puller, from inflate.errored.
			inflate.on('error', () => undefined);
			const fed = feed(inflate, input);
			const output = puller(inflate);
			let crc = 0;
			let length = 0;
			for (let chunk = await output.next(); chunk; chunk = await output.next()) {
				crc = zlib.crc32(chunk, crc);
				length += chunk.length;
				yield chunk;
			}

			await fed;
			if (closed) return;
			const trailer = await input.exactly(8);
			if (trailer.readUInt32LE(0) !== crc) throw gzipError('Z_DATA_ERROR', 'incorrect data check');
			if (trailer.readUInt32LE(4) !== length % 2 ** 32) throw gzipError('Z_DATA_ERROR', 'incorrect length check');
		}
	}

	const chunks = members();
	return {
		async next() {
			const {value} = await chunks.next();
			return value;
		},
		bytesRead: () => input.offset,
		after: () => after,
		close() {
			closed = true;
			inflate?.destroy();
			source.close();
		},
	};
}
