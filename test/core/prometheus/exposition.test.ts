// The text exposition through prom-client: HELP and TYPE once per family, labels escaped, special values spelt as Prometheus reads them.
import {describe, expect, it} from 'vitest';
import {Registry} from 'prom-client';
import {exposition} from '../../../source/core/prometheus/exposition.js';
import {processRegistry} from '../../../source/core/prometheus/process-metrics.js';

describe('exposition', () => {
	it('escapes label values and HELP, and writes +Inf, NaN and summary suffixes', async () => {
		const text = await exposition([
			{name: 'a_total', help: 'line one\nback\\slash', type: 'counter', samples: [{labels: {topic: 'we"ird\\name\nx'}, value: 3}]},
			{name: 'empty', help: 'nothing', type: 'gauge', samples: []},
			{name: 'lat_seconds', help: 'h', type: 'summary', samples: [{labels: {quantile: '0.99'}, value: Number.POSITIVE_INFINITY}, {value: Number.NaN, suffix: '_count'}]},
		]);
		expect(text).toBe([
			'# HELP a_total line one\\nback\\\\slash',
			'# TYPE a_total counter',
			// The name's backslash doubled (the label value is we"ird\\name, then escaped by the format).
			'a_total{topic="we\\"ird\\\\\\\\name\\nx"} 3',
			'',
			'# HELP lat_seconds h',
			'# TYPE lat_seconds summary',
			'lat_seconds{quantile="0.99"} +Inf',
			'lat_seconds_count NaN',
			'',
		].join('\n'));
	});

	it('writes no control character of a label value raw: a topic holding an escape sequence reaches a terminal as text', async () => {
		const text = await exposition([{name: 'a_total', help: 'h', type: 'counter', samples: [{labels: {topic: 'red\u001B[31m\u0007\u202Eevil'}, value: 1}]}]);
		expect(text).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u202E]/);
		expect(text).toContain('a_total{topic="red');
	});

	it('keeps two names apart that read alike once escaped: one series each, as the format requires', async () => {
		const topics = ['esc\u001B[31mred', 'esc\\e[31mred', 'tab\there', 'tab\\there', 'new\nline', 'new\\nline'];
		const text = await exposition([{name: 'a_total', help: 'h', type: 'counter', samples: topics.map(topic => ({labels: {topic}, value: 1}))}]);
		const series = text.split('\n').filter(line => line.startsWith('a_total{')).map(line => line.slice(0, line.lastIndexOf(' ')));
		expect(series).toEqual([
			'a_total{topic="esc\\\\e[31mred"}',
			'a_total{topic="esc\\\\\\\\e[31mred"}',
			'a_total{topic="tab\\\\there"}',
			'a_total{topic="tab\\\\\\\\there"}',
			'a_total{topic="new\\nline"}',
			'a_total{topic="new\\\\\\\\nline"}',
		]);
	});

	it('adds the process metrics of prom-client\'s default collectors', async () => {
		const text = await exposition([{name: 'a_total', help: 'h', type: 'counter', samples: [{value: 1}]}], [processRegistry()]);
		for (const name of ['process_cpu_seconds_total', 'process_cpu_user_seconds_total', 'process_cpu_system_seconds_total', 'process_resident_memory_bytes', 'process_start_time_seconds', 'nodejs_heap_size_total_bytes', 'nodejs_heap_size_used_bytes', 'nodejs_external_memory_bytes', 'nodejs_eventloop_lag_p99_seconds']) {
			expect(text).toMatch(new RegExp(`^${name} \\S+$`, 'm'));
		}

		expect(text).toMatch(/^a_total 1$/m);
		expect(Registry.PROMETHEUS_CONTENT_TYPE).toBe('text/plain; version=0.0.4; charset=utf-8');
	});
});
