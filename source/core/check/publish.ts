// A scenario's publish step: its events, ids filled in for this run, written to Kafka or Redis in order.
import {setTimeout as delay} from 'node:timers/promises';
import type {FieldConfig} from '../config.js';
import {normalize, type RawEvent} from '../envelope.js';
import {openPublisher} from '../sources/publish.js';
import type {Publisher} from '../sources/source.js';
import type {PublishStep} from './scenario.js';
import {fillText, fillValue, runTag, type TemplateValues} from './template.js';

/** What publishing did: the correlation ids of the events sent (the scenario's transactions). */
export type Published = {ids: string[]};

/** Open a publisher for a step's target, creating its Kafka topics when missing. */
export async function openStepPublisher(step: PublishStep, url: string, fields: FieldConfig): Promise<Publisher> {
	return openPublisher(url, [...new Set(step.events.map(event => event.topic))], fields);
}

/** The step's events with `{{run}}` (one tag per call) and the times filled in, each `after` its wait, sent one by one. */
export async function publishStep(step: PublishStep, publisher: Publisher, fields: FieldConfig, tag = runTag()): Promise<Published> {
	const ids = new Set<string>();
	for (const event of step.events) {
		if (event.afterMs > 0) await delay(event.afterMs);
		const values: TemplateValues = {run: tag, now: Date.now()};
		// A value written as text is filled as text and sent as it (its placeholders are in its strings, filled with
		// letters, digits and time characters): the value is what that text says, numbers as written.
		const valueText = event.valueText === undefined ? undefined : fillText(event.valueText, values);
		const raw: RawEvent = {
			source: 'check',
			topic: event.topic,
			key: event.key === undefined ? undefined : fillText(event.key, values),
			keyEncoding: event.keyEncoding,
			keySchemaId: event.keySchemaId,
			value: valueText === undefined ? fillValue(event.value, values) : JSON.parse(valueText),
			valueEncoding: event.valueEncoding,
			valueText: valueText === undefined ? undefined : {text: valueText},
			schemaId: event.schemaId,
			headers: event.headers === undefined ? undefined : fillValue(event.headers, values) as RawEvent['headers'],
			headersEncoding: event.headersEncoding,
		};
		for (const id of normalize(raw, fields).ids) ids.add(id);
		await publisher.publish([raw]);
	}

	return {ids: [...ids]};
}
