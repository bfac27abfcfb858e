// The filter expression that selects one topic's events (the filter language, event-model.md).

import {noTopic} from '../core/metrics/metrics.js';

/**
 * `topic:NAME`, quoted (with \" and \\ escaped) when the name has spaces, quotes or backslashes; for `(none)`, the
 * name the figures give events without a topic, `!topic:*`: the events that have none.
 */
export function topicFilter(topic: string): string {
	if (topic === noTopic) return '!topic:*';
	return /[\s"\\]/.test(topic) ? `topic:"${topic.replaceAll(/["\\]/g, char => `\\${char}`)}"` : `topic:${topic}`;
}
