// A strict reader of the Prometheus text exposition format 0.0.4, for tests that scrape /metrics: it throws on
// what Prometheus or promtool would reject (a bad name or escape, a TYPE after its samples, a family split in two,
// a label set twice in one family, a summary or histogram sample that its type does not allow).

/** One sample line, its label values unescaped. */
export type PromSample = {name: string; labels: Record<string, string>; value: number};

/** One metric family: its HELP, TYPE and samples in order. */
export type PromFamily = {name: string; help?: string; type: string; samples: PromSample[]};

const metricName = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const labelName = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const types = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);
const number = /^[+-]?(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?|Inf|NaN)$/;

/** The family a sample of `name` belongs to among the declared families (a summary's `_sum`, a histogram's `_bucket`). */
function familyOf(name: string, declared: Map<string, PromFamily>): PromFamily | undefined {
	for (const suffix of ['', '_sum', '_count', '_bucket']) {
		if (!name.endsWith(suffix)) continue;
		const family = declared.get(name.slice(0, name.length - suffix.length));
		if (family && (suffix === '' || family.type === 'summary' || family.type === 'histogram') && (suffix !== '_bucket' || family.type === 'histogram')) return family;
	}

	return undefined;
}

/** The labels of `text` (between the braces) unescaped; throws on a bad name, escape or quote. */
function parseLabels(text: string, line: string): Record<string, string> {
	const labels: Record<string, string> = {};
	let i = 0;
	while (i < text.length) {
		const eq = text.indexOf('=', i);
		if (eq < 0) throw new Error(`label without value: ${line}`);
		const name = text.slice(i, eq);
		if (!labelName.test(name) || name.startsWith('__')) throw new Error(`bad label name ${JSON.stringify(name)}: ${line}`);
		if (name in labels) throw new Error(`label ${name} twice: ${line}`);
		if (text[eq + 1] !== '"') throw new Error(`label value not quoted: ${line}`);
		let value = '';
		let j = eq + 2;
		for (; j < text.length && text[j] !== '"'; j++) {
			if (text[j] !== '\\') {
				value += text[j];
				continue;
			}

			const next = text[++j];
			if (next === '\\' || next === '"') value += next;
			else if (next === 'n') value += '\n';
			else throw new Error(`invalid escape \\${next} in label value: ${line}`);
		}

		if (j >= text.length) throw new Error(`label value not closed: ${line}`);
		labels[name] = value;
		i = j + 1;
		if (i < text.length) {
			if (text[i] !== ',') throw new Error(`expected , between labels: ${line}`);
			i++;
		}
	}

	return labels;
}

/** A sample line: name, labels (the closing brace found past quoted values), value, optional timestamp. */
function parseSample(line: string): PromSample {
	const brace = line.indexOf('{');
	const space = line.indexOf(' ');
	let name: string;
	let labels: Record<string, string> = {};
	let rest: string;
	if (brace >= 0 && (space < 0 || brace < space)) {
		name = line.slice(0, brace);
		let j = brace + 1;
		let quoted = false;
		for (; j < line.length; j++) {
			if (quoted && line[j] === '\\') j++;
			else if (line[j] === '"') quoted = !quoted;
			else if (!quoted && line[j] === '}') break;
		}

		if (j >= line.length) throw new Error(`labels not closed: ${line}`);
		labels = parseLabels(line.slice(brace + 1, j), line);
		rest = line.slice(j + 1);
	} else {
		name = line.slice(0, space);
		rest = line.slice(space);
	}

	if (!metricName.test(name)) throw new Error(`bad metric name ${JSON.stringify(name)}: ${line}`);
	const fields = rest.trim().split(' ');
	if (!rest.startsWith(' ') || fields.length < 1 || fields.length > 2 || !number.test(fields[0]!)) throw new Error(`bad value: ${line}`);
	if (fields[1] !== undefined && !/^-?\d+$/.test(fields[1])) throw new Error(`bad timestamp: ${line}`);
	const text = fields[0]!;
	const value = text.endsWith('Inf') ? (text.startsWith('-') ? -Infinity : Infinity) : Number(text);
	return {name, labels, value};
}

/** Check a family's samples as its type asks: one series per label set, quantiles and buckets where they belong. */
function checkFamily(family: PromFamily): void {
	const seen = new Set<string>();
	for (const sample of family.samples) {
		const key = sample.name + JSON.stringify(Object.entries(sample.labels).sort());
		if (seen.has(key)) throw new Error(`${family.name}: series ${key} twice`);
		seen.add(key);
		if (family.type === 'summary' && sample.name === family.name && sample.labels.quantile === undefined) throw new Error(`${family.name}: summary sample without quantile`);
		if (family.type !== 'summary' && sample.labels.quantile !== undefined) throw new Error(`${family.name}: quantile label outside a summary`);
		if (family.type === 'summary' && sample.labels.quantile !== undefined && !(Number(sample.labels.quantile) >= 0 && Number(sample.labels.quantile) <= 1)) throw new Error(`${family.name}: bad quantile ${sample.labels.quantile}`);
		if (family.type === 'histogram' && sample.name.endsWith('_bucket') && sample.labels.le === undefined) throw new Error(`${family.name}: bucket without le`);
		if (family.type === 'counter' && !(sample.value >= 0)) throw new Error(`${family.name}: counter value ${sample.value}`);
	}
}

/** Parse an exposition strictly into its families, in order; throws with the offending line on any breach. */
export function parsePrometheusText(text: string): PromFamily[] {
	if (!text.endsWith('\n')) throw new Error('the exposition does not end with a line break');
	const families: PromFamily[] = [];
	const declared = new Map<string, PromFamily>();
	const done = new Set<string>();
	let current: PromFamily | undefined;
	const enter = (family: PromFamily) => {
		if (current && current !== family) done.add(current.name);
		if (done.has(family.name)) throw new Error(`family ${family.name} split in two`);
		current = family;
	};

	const declare = (name: string) => {
		if (!metricName.test(name)) throw new Error(`bad metric name ${JSON.stringify(name)}`);
		let family = declared.get(name);
		if (!family) {
			family = {name, type: 'untyped', samples: []};
			declared.set(name, family);
			families.push(family);
		}

		enter(family);
		return family;
	};

	for (const line of text.slice(0, -1).split('\n')) {
		if (line.trim() === '') continue;
		const comment = /^#\s*(HELP|TYPE)\s+(\S+)\s?(.*)$/.exec(line);
		if (comment) {
			const [, kind, name, rest] = comment as unknown as [string, string, string, string];
			const family = declare(name);
			if (family.samples.length > 0) throw new Error(`${kind} of ${name} after its samples`);
			if (kind === 'HELP') {
				if (family.help !== undefined) throw new Error(`HELP of ${name} twice`);
				if (/\\[^\\n]/.test(rest.replaceAll('\\\\', ''))) throw new Error(`invalid escape in HELP of ${name}`);
				family.help = rest.replaceAll(/\\(.)/g, (_, char: string) => (char === 'n' ? '\n' : char));
			} else {
				if (family.type !== 'untyped' || !types.has(rest)) throw new Error(`TYPE of ${name} twice or unknown: ${rest}`);
				family.type = rest;
			}

			continue;
		}

		if (line.startsWith('#')) continue;
		const sample = parseSample(line);
		const family = familyOf(sample.name, declared) ?? declare(sample.name);
		enter(family);
		family.samples.push(sample);
	}

	for (const family of families) checkFamily(family);
	return families;
}

/** The value of the series `name` with exactly `labels`, or undefined when the exposition has none. */
export function promValue(families: PromFamily[], name: string, labels: Record<string, string> = {}): number | undefined {
	const wanted = JSON.stringify(Object.entries(labels).sort());
	for (const family of families) {
		for (const sample of family.samples) {
			if (sample.name === name && JSON.stringify(Object.entries(sample.labels).sort()) === wanted) return sample.value;
		}
	}

	return undefined;
}
