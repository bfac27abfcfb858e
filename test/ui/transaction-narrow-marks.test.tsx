// The transaction view at its smallest size (60×16), one column more, and 80×24: a step's marks (⚠ slow, ✗ error)
// and its hop latency stay on its line, within the terminal; below the words' room the marks are symbols and the
// type is cut instead. Over recordings/ecommerce.jsonl.gz in its incident, a payment that was slow and then failed.
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {displayWidth} from '../../source/ui/text/width.js';
import {renderApp, replaySession, sessionPerBlock} from './support/app-harness.js';
import {ENTER} from './support/keys.js';

const recording = path.resolve(import.meta.dirname, '../../recordings/ecommerce.jsonl.gz');
// A payment of the incident: 4 s to PaymentFailed, then the order cancelled.
const id = 'ORD-5T6H-003044';

describe('a slow, failed step in the transaction view at 60×16, 61×16 and 80×24', () => {
	const held = sessionPerBlock(async () => replaySession(recording, {run: true, to: Date.UTC(2026, 10, 27, 8, 3, 30)}));

	it.each([[60, 16], [61, 16], [80, 24]])('at %d×%d the step keeps its hop latency and both marks, in words from 80 columns', async (columns, rows) => {
		const app = (held.app = await renderApp(held.session, {columns, rows}));
		await app.press(':', `tx ${id}`, ENTER);
		// At 60 columns the header cuts the id, keeping its end (the ids line has it whole).
		const frame = await app.waitFor(`${id.slice(-6)} · 4 events`);
		for (const line of frame.split('\n')) expect(displayWidth(line), line).toBeLessThanOrEqual(columns);
		const step = frame.split('\n').find(line => /^ {2}\d\d:.* PaymentFailed /.test(line));
		const marks = columns < 80 ? '⚠ ✗' : '⚠ SLOW ✗ ERROR';
		expect(step).toMatch(new RegExp(`^  \\d\\d:\\d\\d:\\d\\d\\.\\d{3} \\+\\d,\\d{3} ms payment\\S* +PaymentFailed +${marks}$`));
		// The other steps have no marks; the header names the column (and, where a step is out of sight, says so).
		expect(frame).toMatch(/^ {2}time \(UTC\) +hop node +type +marks( +↓ ?1( more \(j k\))?)?$/m);
	});
});
