// `{{run}}`, `{{now}}` and `{{nowMs}}` in published events: ids unique to each run, times of sending.

const placeholder = /\{\{\s*([A-Za-z]+)\s*\}\}/g;
const known = new Set(['run', 'now', 'nowMs']);

/** What the placeholders stand for when one event is sent. */
export type TemplateValues = {run: string; now: number};

/** Why a text's placeholders cannot be filled (an unknown name), or undefined. */
export function templateProblem(text: string): string | undefined {
	for (const [, name] of text.matchAll(placeholder)) {
		if (!known.has(name!)) return `unknown placeholder {{${name}}} (known: {{run}}, {{now}}, {{nowMs}})`;
	}

	return undefined;
}

/** A text with its placeholders filled. */
export function fillText(text: string, values: TemplateValues): string {
	return text.replace(placeholder, (_, name: string) => (name === 'run' ? values.run : name === 'now' ? new Date(values.now).toISOString() : String(values.now)));
}

/** A value with every string in it filled (keys too), the rest unchanged. */
export function fillValue(value: unknown, values: TemplateValues): unknown {
	if (typeof value === 'string') return fillText(value, values);
	if (Array.isArray(value)) return value.map(item => fillValue(item, values));
	if (value !== null && typeof value === 'object') {
		return Object.fromEntries(Object.entries(value).map(([key, item]) => [fillText(key, values), fillValue(item, values)]));
	}

	return value;
}

/** A run tag for ids: 8 base-36 characters, different on each run. */
export function runTag(random: () => number = Math.random): string {
	let tag = '';
	for (let i = 0; i < 8; i++) tag += Math.floor(random() * 36).toString(36);
	return tag.toUpperCase();
}
