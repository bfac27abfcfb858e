// A gzip recording with bytes after its last member (junk appended, the tail of a bad download, a second member cut
// short): every event of the complete members is read, exactly, by every command and from standard input, and what
// follows is said with where it starts and the exit code of an input that broke off (recording-format.md, "Bad lines").
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import {describe, expect, it} from 'vitest';
import {runCli} from '../support/cli.js';
import {useTempDir} from '../support/temp-dir.js';

const temp = useTempDir('pubsub-gzip-tail-');

/** `count` event lines, their offsets from `first` on; long enough that 6,000 of them decompress to many 64 KB chunks. */
function eventLines(count: number, first = 0): string[] {
	return Array.from({length: count}, (_, index) => {
		const n = first + index;
		return JSON.stringify({topic: 'orders', partition: 0, offset: String(n), value: {orderId: `ORD-${n}`, pad: 'x'.repeat(n % 97)}, timestamp: 1_700_000_000_000 + n});
	});
}

/** One gzip member holding `lines`. */
function member(lines: string[]): Buffer {
	return zlib.gzipSync(`${lines.join('\n')}\n`);
}

const big = member(eventLines(6000));
const tiny = member(eventLines(3));

/** Write `parts` as one file of the temporary directory. */
function file(name: string, ...parts: Buffer[]): string {
	const filePath = path.join(temp.path, name);
	fs.writeFileSync(filePath, Buffer.concat(parts));
	return filePath;
}

/** `metrics --json` on `input` (a path, or `-` with `stdin`): its exit code, figures and standard error. */
async function metrics(input: string, stdin?: Buffer): Promise<{code: number | null; events?: number; malformed?: number; stderr: string}> {
	const result = await runCli(['metrics', input, '--json'], {cwd: temp.path, stdin});
	// Nothing on standard output when no source could be read at all.
	const summary = result.stdout === '' ? undefined : JSON.parse(result.stdout) as {events: number; malformed: number};
	return {code: result.code, events: summary?.events, malformed: summary?.malformed, stderr: result.stderr};
}

/** What standard error says of `count` bytes that are not gzip after the gzip data ending at `offset`. */
function strayLine(name: string, count: number, offset: number, first: string): string {
	const bytes = count === 1 ? '1 byte' : `${count.toLocaleString('en-US')} bytes`;
	return `pubsub-tools: ${name}: stopped: ${bytes} after the end of the gzip data, from byte offset ${offset}, ${count === 1 ? 'is' : 'are'} not gzip and ${count === 1 ? 'was' : 'were'} not read (${first})\n`;
}

/** Bytes that are not gzip and never start like it: a fixed pseudo-random sequence. */
function noise(count: number): Buffer {
	const bytes = Buffer.alloc(count);
	let state = 12_345;
	for (let index = 0; index < count; index++) {
		state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
		bytes[index] = state >> 16 & 0xFF;
	}

	bytes[0] = 0x42;
	return bytes;
}

describe('bytes after the last gzip member', () => {
	it.each([
		['one byte', Buffer.from('x'), '78'],
		['a line of text', Buffer.from('garbage\n'), '67 61 72 62 61 67 65 0a'],
		['zeros then text', Buffer.concat([Buffer.alloc(600), Buffer.from('x')]), '00 00 00 00 00 00 00 00 …'],
		['100 KB of noise', noise(100_000), `${[...noise(8)].map(byte => byte.toString(16).padStart(2, '0')).join(' ')} …`],
	])('%s: every event read, the bytes said with where they start, exit 1', async (name, tail, first) => {
		const input = file(`stray-${name.replaceAll(' ', '-')}.jsonl.gz`, big, tail);
		const result = await metrics(input);
		expect(result).toStrictEqual({code: 1, events: 6000, malformed: 0, stderr: strayLine(input, tail.length, big.length, first)});
	});

	it.each([1, 7, 512, 200_000])('%d zero bytes of padding (as tar writes): every event read, the padding said, exit 0 as gzip(1) does', async count => {
		const input = file(`padded-${count}.jsonl.gz`, big, Buffer.alloc(count));
		const bytes = count === 1 ? '1 zero byte' : `${count.toLocaleString('en-US')} zero bytes`;
		const said = `pubsub-tools: warning: ${input}: ignored ${bytes} of padding after the end of the gzip data, from byte offset ${big.length}\n`;
		expect(await metrics(input)).toStrictEqual({code: 0, events: 6000, malformed: 0, stderr: said});
		expect(await metrics('-', fs.readFileSync(input))).toStrictEqual({code: 0, events: 6000, malformed: 0, stderr: said.replace(input, 'stdin')});
	});

	it('a 3-event recording with a line of junk after it: its 3 events, from a file and from standard input', async () => {
		const input = file('tiny.jsonl.gz', tiny, Buffer.from('garbage\n'));
		expect(await metrics(input)).toStrictEqual({code: 1, events: 3, malformed: 0, stderr: strayLine(input, 8, tiny.length, '67 61 72 62 61 67 65 0a')});
		expect(await metrics('-', fs.readFileSync(input))).toStrictEqual({code: 1, events: 3, malformed: 0, stderr: strayLine('stdin', 8, tiny.length, '67 61 72 62 61 67 65 0a')});
	});

	it('record writes every event, says what followed, and exits 1', async () => {
		const input = file('record-input.jsonl.gz', big, Buffer.from('garbage\n'));
		const output = path.join(temp.path, 'record-output.jsonl');
		const result = await runCli(['record', input, '-o', output], {cwd: temp.path});
		expect(result.code).toBe(1);
		const recorded = fs.readFileSync(output, 'utf8').split('\n').filter(Boolean).slice(1).map(line => (JSON.parse(line) as {offset: string}).offset);
		expect(recorded).toStrictEqual(eventLines(6000).map((_, n) => String(n)));
		expect(result.stderr).toContain(strayLine(input, 8, big.length, '67 61 72 62 61 67 65 0a'));
		expect(result.stderr).toContain('recorded 6,000 events');
	});

	it('a last line without a line end before the junk is an event all the same', async () => {
		const input = file('no-last-newline.jsonl.gz', zlib.gzipSync(eventLines(3).join('\n')), Buffer.from('garbage\n'));
		expect(await metrics(input)).toMatchObject({code: 1, events: 3, malformed: 0});
	});
});

describe('members after the first', () => {
	it('reads every member of a multi-member gzip (cat a.gz b.gz), as gzip and zcat do', async () => {
		const input = file('two-members.jsonl.gz', big, member(eventLines(500, 6000)));
		expect(await metrics(input)).toStrictEqual({code: 0, events: 6500, malformed: 0, stderr: ''});
	});

	it('reads a member whose header has every optional field: extra field, name, comment and header CRC', async () => {
		const plain = member(eventLines(40, 6000));
		const flags = 0x02 | 0x04 | 0x08 | 0x10;
		const head = Buffer.concat([
			Buffer.from([0x1F, 0x8B, 0x08, flags, 0, 0, 0, 0, 0, 3]),
			Buffer.from([6, 0]), Buffer.from('AB\u0002\u0000xy'),
			Buffer.from('orders.jsonl\u0000'),
			Buffer.from('a comment\u0000'),
		]);
		const headerCrc = Buffer.alloc(2);
		headerCrc.writeUInt16LE(zlib.crc32(head) & 0xFFFF);
		const input = file('optional-header.jsonl.gz', big, head, headerCrc, plain.subarray(10));
		expect(await metrics(input)).toStrictEqual({code: 0, events: 6040, malformed: 0, stderr: ''});
	});

	it('bytes that start like a gzip member but are not one: a corrupt member, after every event before it', async () => {
		const input = file('magic-junk.jsonl.gz', big, Buffer.from([0x1F, 0x8B]), Buffer.from('garbage, and more of it\n'));
		expect(await metrics(input)).toStrictEqual({
			code: 1, events: 6000, malformed: 1,
			stderr: `pubsub-tools: ${input}: stopped: gzip data corrupt or truncated: unknown compression method at line 6001\n`
				+ `${input}: 1 malformed line skipped (line 6001: gzip data corrupt or truncated: unknown compression method)\n`,
		});
	});

	it('a second member cut inside its header is a truncated file', async () => {
		const input = file('cut-header.jsonl.gz', big, tiny.subarray(0, 5));
		expect(await metrics(input)).toStrictEqual({
			code: 1, events: 6000, malformed: 1,
			stderr: `pubsub-tools: ${input}: stopped: gzip data corrupt or truncated: unexpected end of file at line 6001\n`
				+ `${input}: 1 malformed line skipped (line 6001: gzip data corrupt or truncated: unexpected end of file)\n`,
		});
	});

	it('a second member cut in its data: the events of the first and the complete lines of the second before the cut', async () => {
		const second = member(eventLines(3000, 6000));
		const cut = second.subarray(0, Math.floor(second.length / 2));
		// What of the cut member can be decompressed at all: its complete lines are events, the line it breaks in is not.
		const readable = zlib.gunzipSync(cut, {finishFlush: zlib.constants.Z_SYNC_FLUSH}).toString('utf8').split('\n').length - 1;
		expect(readable).toBeGreaterThan(0);
		const input = file('cut-data.jsonl.gz', big, cut);
		const line = 6000 + readable + 1;
		expect(await metrics(input)).toStrictEqual({
			code: 1, events: 6000 + readable, malformed: 1,
			stderr: `pubsub-tools: ${input}: stopped: gzip data corrupt or truncated: unexpected end of file at line ${line}\n`
				+ `${input}: 1 malformed line skipped (line ${line}: gzip data corrupt or truncated: unexpected end of file)\n`,
		});
	});

	it('a member whose trailer does not match its data (CRC-32) is corrupt', async () => {
		const damaged = Buffer.from(tiny);
		damaged[damaged.length - 8]! ^= 0xFF;
		const input = file('bad-crc.jsonl.gz', damaged);
		const result = await metrics(input);
		expect(result).toMatchObject({code: 1, events: 3, malformed: 1});
		expect(result.stderr).toContain('gzip data corrupt or truncated: incorrect data check at line 4');
	});
});
