// Bare payload lines have no topic: the duplicate and silence rules key them by event type, and their messages said
// "topic ReclamationAffectee redelivered 1 event" of a type (the bundled claims-store recording). They now name the
// key as what it is: `type …` without a topic, `topic …` with one. Run as a subprocess on recordings.
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli} from '../support/cli.js';
import {useTempDir} from '../support/temp-dir.js';

const temp = useTempDir('pubsub-topicless-alerts-');
const start = Date.parse('2026-11-21T10:00:00.000Z');

/** Ticks every 500 ms for 6 min, then only beats for 2 min more; one payment sent twice. With `topic`: on topics. */
function recording(withTopics: boolean): string {
	const lines: string[] = [];
	const line = (type: string, at: number, eventId: string) => {
		const value = {type, eventId, timestamp: new Date(at).toISOString()};
		lines.push(JSON.stringify(withTopics ? {topic: type.toLowerCase(), partition: 0, offset: lines.length, timestamp: value.timestamp, value} : value));
	};

	for (let at = start; at < start + 8 * 60_000; at += 500) {
		if (at < start + 6 * 60_000) line('Tick', at, `tick-${at}`);
		line('Beat', at + 250, `beat-${at}`);
	}

	line('Paid', start + 60_000, 'pay-1');
	line('Paid', start + 61_000, 'pay-1');
	const file = path.join(temp.path, withTopics ? 'topics.jsonl' : 'bare.jsonl');
	fs.writeFileSync(file, lines.join('\n') + '\n');
	return file;
}

type Alert = {rule: string; key: string; message: string};

async function alertsOf(file: string): Promise<Alert[]> {
	const run = await runCli(['alerts', file, '--json']);
	expect(run.code, run.stderr).toBe(0);
	return run.stdout.trim().split('\n').filter(Boolean).map(text => JSON.parse(text) as Alert);
}

describe('alert messages of events without a topic', () => {
	it('name the event type as a type', async () => {
		const alerts = await alertsOf(recording(false));
		const duplicate = alerts.find(alert => alert.rule === 'duplicate');
		const silence = alerts.find(alert => alert.rule === 'silence');
		expect(duplicate?.key).toBe('Paid');
		expect(duplicate?.message).toMatch(/^type Paid redelivered 1 event in 10m/);
		expect(silence?.key).toBe('Tick');
		expect(silence?.message).toMatch(/^type Tick received nothing for /);
	});

	it('name a topic as a topic', async () => {
		const alerts = await alertsOf(recording(true));
		expect(alerts.find(alert => alert.rule === 'duplicate')?.message).toMatch(/^topic paid redelivered 1 event in 10m/);
		expect(alerts.find(alert => alert.rule === 'silence')?.message).toMatch(/^topic tick received nothing for /);
	});
});
