// The filter expression that selects one topic's events (the filter language, event-model.md).

/** `topic:NAME`, quoted (with \" and \\ escaped) when the name has spaces, quotes or backslashes. */
export function topicFilter(topic: string): string {
	return /[\s"\\]/.test(topic) ? `topic:"${topic.replaceAll(/["\\]/g, char => `\\${char}`)}"` : `topic:${topic}`;
}
