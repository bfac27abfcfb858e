// The text exposition format: HELP and TYPE once per family, labels escaped, special values spelt as Prometheus reads them.
import {describe, expect, it} from 'vitest';
import {exposition} from '../../../source/core/prometheus/exposition.js';

describe('exposition', () => {
	it('escapes label values and HELP, and writes +Inf, NaN and summary suffixes', () => {
		const text = exposition([
			{name: 'a_total', help: 'line one\nback\\slash', type: 'counter', samples: [{labels: {topic: 'we"ird\\name\nx'}, value: 3}]},
			{name: 'empty', help: 'nothing', type: 'gauge', samples: []},
			{name: 'lat_seconds', help: 'h', type: 'summary', samples: [{labels: {quantile: '0.99'}, value: Number.POSITIVE_INFINITY}, {value: Number.NaN, suffix: '_count'}]},
		]);
		expect(text).toBe([
			'# HELP a_total line one\\nback\\\\slash',
			'# TYPE a_total counter',
			'a_total{topic="we\\"ird\\\\name\\nx"} 3',
			'# HELP lat_seconds h',
			'# TYPE lat_seconds summary',
			'lat_seconds{quantile="0.99"} +Inf',
			'lat_seconds_count NaN',
			'',
		].join('\n'));
	});
});
