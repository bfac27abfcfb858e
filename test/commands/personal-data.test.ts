// Personal data, one rule for every output that promises to mask it: `audit query` and `state --id` run as
// subprocesses on a recording holding personal fields under built-in names and under a name only the configuration
// knows (fields.personal); nothing of them may be printed, on stdout or stderr, until --show-pii asks for it.
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli} from '../support/cli.js';
import {useTempDir} from '../support/temp-dir.js';
import {limit} from '../support/limits.js';

const temp = useTempDir('pubsub-personal-data-');

/**
 * A guest's personal data: built-in names (email, card, a name, an address object) and a company's own (msisdn, tax
 * code), two of them written again in a note.
 */
const data = {
	email: 'jane.doe@example.com', cardNumber: '4111 1111 1111 1111', guestName: 'Jane Doe',
	billingAddress: {street: '12 Via Roma', city: 'Milano'}, msisdn: '+393471234567', tax_code: 'RSSMRA80A01H501U', room: 'Garden 214',
	note: 'Jane Doe asked to be called on +393471234567',
};
const personal = ['jane.doe', '4111 1111 1111 1111', 'Jane Doe', 'Via Roma', 'Milano', '393471234567', 'RSSMRA80A01H501U'];
const line = {topic: 'hotel.guests', value: {eventType: 'GuestRegistered', aggregateId: 'G-1', bookingId: 'B-1', timestamp: '2026-11-23T10:00:00Z', data}};
const config = 'fields:\n  personal: [msisdn, "tax_?code"]\n';

/** The recording and the configuration, written into the temporary directory once. */
function files(): {recording: string} {
	fs.writeFileSync(path.join(temp.path, 'pubsub-tools.config.yaml'), config);
	const recording = path.join(temp.path, 'guests.jsonl');
	fs.writeFileSync(recording, `${JSON.stringify(line)}\n`);
	return {recording};
}

/** Run the CLI in the temporary directory (which holds the configuration); it must succeed. */
async function run(args: string[]): Promise<{stdout: string; stderr: string}> {
	const result = await runCli(args, {cwd: temp.path});
	expect(result.code, result.stderr).toBe(0);
	return result;
}

/** That none of the personal values shows anywhere in what a run printed. */
function expectNonePrinted(printed: {stdout: string; stderr: string}): void {
	for (const value of personal) expect(`${printed.stdout}\n${printed.stderr}`).not.toContain(value);
}

describe('personal data', () => {
	it('state --id masks the fields it prints, in text and JSON, and shows them with --show-pii', async () => {
		const {recording} = files();
		const text = await run(['state', recording, '--id', 'G-1']);
		expectNonePrinted(text);
		expect(text.stdout).toContain('fields (personal data masked; --show-pii to show it):');
		expect(text.stdout).toContain('room: "Garden 214"');
		const json = await run(['state', recording, '--id', 'G-1', '--json']);
		expectNonePrinted(json);
		const masked = JSON.parse(json.stdout) as {fields: Record<string, unknown>; piiMasked: boolean};
		expect(masked.piiMasked).toBe(true);
		expect(masked.fields).toEqual({
			email: 'j***@example.com', cardNumber: '41***1', guestName: 'Ja***e', billingAddress: {street: '12***a', city: 'Mi***o'},
			msisdn: '+3***7', tax_code: 'RS***U', room: 'Garden 214', note: 'Ja***e asked to be called on +3***7',
		});
		const shownText = await run(['state', recording, '--id', 'G-1', '--show-pii']);
		for (const value of personal) expect(shownText.stdout).toContain(value);
		const shown = JSON.parse((await run(['state', recording, '--id', 'G-1', '--json', '--show-pii'])).stdout) as {fields: unknown; piiMasked: boolean};
		expect(shown).toMatchObject({fields: data, piiMasked: false});
	}, limit(120_000));

	it('audit query masks the configured fields and everything inside a personal object by the same rule', async () => {
		const {recording} = files();
		const printed: Record<string, string> = {};
		for (const format of ['json', 'compliance-report', 'text']) {
			const result = await run(['audit', 'query', recording, '--id', 'B-1', '--format', format]);
			expectNonePrinted(result);
			printed[format] = result.stdout;
		}

		const masked = JSON.parse(printed.json!) as {chain: Array<{value: {data: unknown}}>};
		const fromState = JSON.parse((await run(['state', recording, '--id', 'G-1', '--json'])).stdout) as {fields: unknown};
		expect(masked.chain[0]!.value.data).toEqual(fromState.fields);
		const shown = await run(['audit', 'query', recording, '--id', 'B-1', '--format', 'compliance-report', '--show-pii']);
		for (const value of personal) expect(shown.stdout).toContain(value);
	}, limit(120_000));

	it('a personal field pattern that is no regular expression is bad usage, named with its file line and reason', async () => {
		const {recording} = files();
		fs.writeFileSync(path.join(temp.path, 'bad.yaml'), 'fields:\n  personal: [msisdn, "tax_(code"]\n');
		const result = await runCli(['state', recording, '--id', 'G-1', '--config', 'bad.yaml'], {cwd: temp.path});
		expect(result.code).toBe(2);
		expect(result.stdout).toBe('');
		expect(result.stderr).toBe('pubsub-tools: bad.yaml:2: fields.personal: expected a field name or regular expression, got "tax_(code" (Invalid regular expression: /tax_(code/i: Unterminated group)\n');
	});
});
