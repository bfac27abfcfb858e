// Publishing events into a real broker (the simulator's `demo --publish`, `check`): the kind of the URL writes them.
import type {FieldConfig} from '../config.js';
import {InputError} from '../errors.js';
import {kindOf, publishableText} from './registry.js';
import type {PublishOptions, Publisher} from './source.js';

/** A publisher for a URL of a kind that publishes (kafka://, redis://); topics (Kafka) are created when missing. */
export async function openPublisher(url: string, topics: string[], fields: FieldConfig, options: PublishOptions = {}): Promise<Publisher> {
	const {publisher} = kindOf(url);
	if (publisher === undefined) throw new InputError(`--publish takes a ${publishableText()} URL, got "${url.split('?')[0]}"`);
	return publisher(url, topics, fields, options);
}
