// The Prometheus text exposition (version 0.0.4) through prom-client: each metric family becomes a custom metric
// object of a prom-client Registry, which writes HELP, TYPE, escaped labels and special values.
import {Registry, type Metric} from 'prom-client';
import {sanitizeMultiline} from '../sanitize.js';

/** One sample: labels and a value (a `suffix` such as `_count` makes it a summary's count line). */
export type Sample = {labels?: Record<string, string>; value: number; suffix?: string};

/** One metric family. */
export type Family = {name: string; help: string; type: 'counter' | 'gauge' | 'summary'; samples: Sample[]};

/** The content type a scraper expects for this format. */
export const expositionContentType = Registry.PROMETHEUS_CONTENT_TYPE;

/**
 * Label values with control and invisible characters escaped as the TUI shows them (`\e[31m`): a topic named
 * with an escape sequence must not reach the terminal of whoever curls /metrics. The value's own backslashes are
 * doubled first, so a name holding the text `\e[31m` stays apart from one holding the escape: two series with one
 * label set make the whole scrape invalid. Line breaks prom-client escapes.
 */
function shownLabels(labels: Record<string, string> | undefined): Record<string, string> {
	const shown: Record<string, string> = {};
	for (const [name, value] of Object.entries(labels ?? {})) shown[name] = sanitizeMultiline(value.replaceAll('\\', '\\\\'));
	return shown;
}

/** A family as the metric object a prom-client Registry reads: name, help, type, aggregator and get(). */
function familyMetric(family: Family): Metric {
	const values = family.samples.map(sample => ({labels: shownLabels(sample.labels), value: sample.value, metricName: family.name + (sample.suffix ?? '')}));
	const metric = {name: family.name, help: family.help, type: family.type, aggregator: 'sum', get: async () => ({...metric, values})};
	return metric as unknown as Metric;
}

/** The families (those with samples) and the metrics of `registries` (e.g. the process collectors) as one exposition text. */
export async function exposition(families: Family[], registries: Registry[] = []): Promise<string> {
	const registry = new Registry();
	for (const family of families) {
		if (family.samples.length > 0) registry.registerMetric(familyMetric(family));
	}

	return Registry.merge([registry, ...registries]).metrics();
}
