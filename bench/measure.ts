// Small measuring helpers the benchmark's parts share.
import fs from 'node:fs';

/** Median of a list of numbers. */
export function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

/** Events/s of reading the file in 64 KiB chunks, splitting lines and JSON.parse alone. */
export function bareParse(file: string): number {
	const started = process.hrtime.bigint();
	const fd = fs.openSync(file, 'r');
	const chunk = Buffer.allocUnsafe(64 * 1024);
	let rest = '';
	let parsed = 0;
	for (let read = fs.readSync(fd, chunk); read > 0; read = fs.readSync(fd, chunk)) {
		const lines = (rest + chunk.toString('utf8', 0, read)).split('\n');
		rest = lines.pop()!;
		for (const line of lines) if (line.length > 0 && JSON.parse(line)) parsed++;
	}

	fs.closeSync(fd);
	return parsed / (Number(process.hrtime.bigint() - started) / 1e9);
}
