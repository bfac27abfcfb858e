// The Prometheus text exposition format (version 0.0.4): metric families with HELP, TYPE and escaped labels.

/** One sample: labels and a value (a `suffix` such as `_count` makes it a summary's count line). */
export type Sample = {labels?: Record<string, string>; value: number; suffix?: string};

/** One metric family. */
export type Family = {name: string; help: string; type: 'counter' | 'gauge' | 'summary'; samples: Sample[]};

/** The content type a scraper expects for this format. */
export const expositionContentType = 'text/plain; version=0.0.4; charset=utf-8';

/** A label value escaped as the format requires: backslash, double quote and line feed. */
export function escapeLabel(value: string): string {
	return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** HELP text escaped (backslash and line feed). */
function escapeHelp(text: string): string {
	return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

/** A sample value as the format writes it (+Inf, -Inf, NaN, or the number). */
function valueText(value: number): string {
	if (Number.isNaN(value)) return 'NaN';
	if (value === Number.POSITIVE_INFINITY) return '+Inf';
	if (value === Number.NEGATIVE_INFINITY) return '-Inf';
	return String(value);
}

/** The families as one exposition text; families without samples are left out. */
export function exposition(families: Family[]): string {
	const lines: string[] = [];
	for (const family of families) {
		if (family.samples.length === 0) continue;
		lines.push(`# HELP ${family.name} ${escapeHelp(family.help)}`, `# TYPE ${family.name} ${family.type}`);
		for (const sample of family.samples) {
			const labels = Object.entries(sample.labels ?? {}).map(([name, value]) => `${name}="${escapeLabel(value)}"`).join(',');
			lines.push(`${family.name}${sample.suffix ?? ''}${labels ? `{${labels}}` : ''} ${valueText(sample.value)}`);
		}
	}

	return `${lines.join('\n')}\n`;
}
