// A recording saved as UTF-16 (Windows PowerShell's `>` writes UTF-16LE with a byte-order mark, editors offer
// UTF-16BE) is read as the same recording in UTF-8: every command gives the same answer, from a file, gzip or standard
// input, bad lines keep their numbers, and characters beyond the Basic Multilingual Plane survive.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import {describe, expect, it} from 'vitest';
import {runCli} from '../support/cli.js';
import {useTempDir} from '../support/temp-dir.js';

const root = path.resolve(import.meta.dirname, '../..');
const text = fs.readFileSync(path.join(root, 'recordings/checkout.jsonl'), 'utf8');

/** `text` as UTF-16 with its byte-order mark, little- or big-endian. */
function utf16(content: string, endian: 'le' | 'be'): Buffer {
	const little = Buffer.from(`\uFEFF${content}`, 'utf16le');
	return endian === 'le' ? little : little.swap16();
}

describe('recordings in UTF-16', () => {
	const temp = useTempDir('pubsub-encodings-');
	const write = (name: string, bytes: Buffer | string) => {
		fs.writeFileSync(path.join(temp.path, name), bytes);
		return name;
	};

	const metrics = async (file: string, stdin?: Buffer) => {
		const result = await runCli(['metrics', file, '--json'], {cwd: temp.path, stdin});
		expect(result.code, result.stderr).toBe(0);
		return JSON.parse(result.stdout) as {events: number; malformed: number};
	};

	it('gives the answer of the UTF-8 recording, little- and big-endian, from a file, gzip or standard input', async () => {
		const expected = await metrics(write('utf8.jsonl', text));
		expect(expected.events).toBeGreaterThan(100);
		expect(await metrics(write('le.jsonl', utf16(text, 'le')))).toEqual(expected);
		expect(await metrics(write('be.jsonl', utf16(text, 'be')))).toEqual(expected);
		expect(await metrics(write('le.jsonl.gz', zlib.gzipSync(utf16(text, 'le'))))).toEqual(expected);
		expect(await metrics('-', utf16(text.replaceAll('\n', '\r\n'), 'le'))).toEqual(expected);
	});

	// Without it, every line was "not JSON" (and a NUL after the last line end one more bad line).
	it('reads it without its byte-order mark too (as some tools and encoders write it)', async () => {
		const expected = await metrics(write('utf8.jsonl', text));
		const little = Buffer.from(text, 'utf16le');
		expect(await metrics(write('le-no-mark.jsonl', little))).toEqual(expected);
		expect(await metrics('-', Buffer.from(little).swap16())).toEqual(expected);
	});

	it('reports a bad line by its number and keeps a character beyond the BMP', async () => {
		const lines = text.trimEnd().split('\n');
		const value = {eventType: 'Note', orderId: 'ORD-🚀-1', note: 'naïve 😀 ok'};
		const hostile = [lines[0]!, lines[1]!, 'this is not JSON', JSON.stringify({topic: 'notes', value}), ...lines.slice(2, 5)].join('\n');
		const record = async (file: string) => runCli(['record', file, '-o', '-'], {cwd: temp.path});
		const fromUtf8 = await record(write('hostile.jsonl', hostile));
		const fromUtf16 = await record(write('hostile16.jsonl', utf16(hostile, 'le')));
		expect(fromUtf16.stderr).toContain('line 3: not JSON');
		expect(fromUtf16.stderr).toBe(fromUtf8.stderr.replaceAll('hostile.jsonl', 'hostile16.jsonl'));
		// The header line's creation time aside, the same recording.
		const body = (output: string) => output.split('\n').filter(line => !line.startsWith('{"$recording"'));
		expect(body(fromUtf16.stdout)).toEqual(body(fromUtf8.stdout));
		expect(fromUtf16.stdout).toContain('"ORD-🚀-1"');
	});
});
