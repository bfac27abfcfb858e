// A recording's outage lines (recording-format.md "Outages"): read back as written, and hostile ones counted as bad
// lines, never as events, with credentials masked and no text long enough to flood every warning.
import {describe, expect, it} from 'vitest';
import {parseRecordingLine} from '../../../../source/core/sources/recording/line.js';
import {outageLine, parseOutage} from '../../../../source/core/sources/recording/outage-line.js';

const from = Date.parse('2026-12-07T05:00:01.500Z');

describe('outage lines', () => {
	it('reads back what the writer writes, begun and ended', () => {
		const begun = {source: 'kafka://127.0.0.1:9092', from, reason: 'Connection error: connect ECONNREFUSED'};
		expect(outageLine(1, begun)).toBe('{"$recording":{"version":1,"outage":{"source":"kafka://127.0.0.1:9092","from":"2026-12-07T05:00:01.500Z","reason":"Connection error: connect ECONNREFUSED"}}}');
		expect(parseRecordingLine(outageLine(1, begun))).toMatchObject({kind: 'header', outage: begun});
		const ended = {source: 'redis://127.0.0.1:6390/0', from, to: from + 41_500};
		expect(parseRecordingLine(outageLine(1, ended))).toMatchObject({kind: 'header', outage: ended});
		const resumed = {source: 'kafka://127.0.0.1:9092', from, to: from + 9000, resumed: 'topic orders was deleted and made again, read from its new start'};
		expect(parseRecordingLine(outageLine(1, resumed))).toMatchObject({kind: 'header', outage: resumed});
		// Epoch milliseconds are times too, as a timestamp's are.
		expect(parseOutage({source: 's', from, to: from + 1})).toEqual({source: 's', from, to: from + 1});
	});

	it('counts a hostile outage line as a bad line, saying why', () => {
		const bad = (outage: unknown) => parseRecordingLine(JSON.stringify({$recording: {version: 1, outage}}));
		expect(bad('down')).toEqual({kind: 'bad', reason: 'recording outage: "outage" is not an object; skipped'});
		expect(bad(null)).toEqual({kind: 'bad', reason: 'recording outage: "outage" is not an object; skipped'});
		expect(bad([1])).toEqual({kind: 'bad', reason: 'recording outage: "outage" is not an object; skipped'});
		expect(bad({from: '2026-12-07T05:00:00Z'})).toEqual({kind: 'bad', reason: 'recording outage: "source" is not a non-empty string; skipped'});
		expect(bad({source: '', from: '2026-12-07T05:00:00Z'})).toMatchObject({kind: 'bad'});
		expect(bad({source: 'k', from: 'yesterday'})).toEqual({kind: 'bad', reason: 'recording outage: "from" is not a time; skipped'});
		expect(bad({source: 'k'})).toEqual({kind: 'bad', reason: 'recording outage: "from" is not a time; skipped'});
		expect(bad({source: 'k', from: '1970-01-01T00:00:00Z'})).toMatchObject({kind: 'bad'});
		expect(bad({source: 'k', from: '2026-12-07T05:00:00Z', to: {}})).toEqual({kind: 'bad', reason: 'recording outage: "to" is not a time; skipped'});
		expect(bad({source: 'k', from: '2026-12-07T05:00:00Z', to: '2026-12-07T04:00:00Z'})).toEqual({kind: 'bad', reason: 'recording outage: "to" is before "from"; skipped'});
		expect(bad({source: 'k', from: '2026-12-07T05:00:00Z', reason: 42})).toEqual({kind: 'bad', reason: 'recording outage: "reason" is not a string; skipped'});
		expect(bad({source: 'k', from: '2026-12-07T05:00:00Z', to: '2026-12-07T05:00:09Z', resumed: 7})).toEqual({kind: 'bad', reason: 'recording outage: "resumed" is not a string on a line with "to"; skipped'});
		expect(bad({source: 'k', from: '2026-12-07T05:00:00Z', resumed: 'x'})).toMatchObject({kind: 'bad'});
		// The header's version is judged first, as every header's is.
		expect(parseRecordingLine('{"$recording":{"outage":{"source":"k","from":"2026-12-07T05:00:00Z"}}}')).toMatchObject({kind: 'bad', reason: expect.stringMatching(/no version/)});
	});

	it('masks credentials, escapes control characters and cuts long texts, reading and writing', () => {
		const parsed = parseOutage({
			source: 'kafka://alice:s3cret@broker:9092?sasl.password=hunter2',
			from: '2026-12-07T05:00:00Z',
			reason: `connect to redis://:pa55@10.0.0.1:6379 failed \u001B]0;owned\u0007${'x'.repeat(10_000)}`,
		});
		expect(parsed).toMatchObject({source: 'kafka://***@broker:9092?sasl.password=***'});
		const {reason} = parsed as {reason: string};
		expect(reason).not.toContain('pa55');
		expect(reason.startsWith('connect to redis://***@10.0.0.1:6379 failed \\e]0;owned\\a')).toBe(true);
		expect(reason.length).toBe(500);
		// What a live source said goes into the line the same way: no terminal escape, no password.
		const line = outageLine(1, {source: 'redis://:pw@h:6379', from: Date.parse('2026-12-07T05:00:00Z'), reason: 'WRONGPASS \u001B[2J'});
		expect(JSON.parse(line)).toEqual({$recording: {version: 1, outage: {source: 'redis://***@h:6379', from: '2026-12-07T05:00:00.000Z', reason: 'WRONGPASS \\e[2J'}}});
	});
});
