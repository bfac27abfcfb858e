// An integer beyond 2^53 in an event's value is shown and copied with the digits it was sent with: JSON.parse
// rounds 9007199254740993 to 9007199254740992, and the event's JSON used to be written from that rounded double.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {renderApp, replaySession, sessionPerBlock} from './support/app-harness.js';
import {ENTER} from './support/keys.js';

const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'pubsub-ui-exact-'));
const recording = path.join(directory, 'exact.jsonl');
// An envelope line (the value is a member of the line's text) with a repeated name (the last counts), an exponent
// form, an array and a nested object; then a bare payload line (the value is the whole text).
fs.writeFileSync(recording, [
	'{"topic":"payments","timestamp":"2026-01-15T10:00:00Z","value":{"type":"PaymentRequested","orderId":"ORD-X1","customerId":9007199254740995,"customerId": 9007199254740993,"big":9.007199254740997e15,"account":{"number":12345678901234567891,"ids":[1, 9007199254740999]},"note":"esc\\u001b[31m"}}',
	'{"n":18014398509481985,"event_type":"PaymentSettled","orderId":"ORD-X1","timestamp":"2026-01-15T10:00:01Z"}',
	'',
].join('\n'));

/** The digits the recording holds; JSON.parse makes each of them a different number. */
const sent = ['"customerId": 9007199254740993', '"big": 9007199254740997', '"number": 12345678901234567891', '9007199254740999'];

describe('integers beyond 2^53 in an event\'s JSON', () => {
	const held = sessionPerBlock(async () => replaySession(recording, {run: true}));
	afterAll(() => {
		fs.rmSync(directory, {recursive: true, force: true});
	});

	it('the Messages pane shows the digits sent, in a row\'s preview too, and c copies them', async () => {
		const app = held.app = await renderApp(held.session, {columns: 120, rows: 40});
		await app.press('3');
		expect(await app.waitFor('2 in tail')).toContain('{"n":18014398509481985,');
		await app.press('g');
		const frame = await app.waitFor('"type": "PaymentRequested"');
		for (const text of sent) expect(frame).toContain(text);
		expect(frame).not.toContain('9007199254740992');
		// The escape sequence in a text is still shown escaped, not sent to the terminal.
		expect(frame).not.toContain('\u001B[31m');
		await app.press('c');
		await app.waitFor('sent to the clipboard');
		const copied = Buffer.from(app.raw[0]!.slice('\u001B]52;c;'.length, -1), 'base64').toString('utf8');
		for (const text of sent) expect(copied).toContain(text);
	});

	it('the transaction view shows them too, for a bare payload line as well', async () => {
		const app = held.app = await renderApp(held.session, {columns: 100, rows: 40});
		await app.press(':', 'tx ORD-X1', ENTER);
		let frame = await app.waitFor('Transaction ORD-X1');
		for (const text of sent) expect(frame).toContain(text);
		await app.press('j');
		frame = await app.waitFor('"n": 18014398509481985');
		expect(frame).not.toContain('18014398509481984');
	});
});
