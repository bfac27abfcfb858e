// How many stored values and keys came in the Schema Registry wire format: JSON read, JSON too deep to read, and the
// rest (Avro, Protobuf) not decoded.
import type {Envelope} from '../envelope.js';
import {isDeepFramedJson} from '../sources/schema-registry-frame.js';
import type {SchemaRegistryCounts, SchemaRegistrySummary} from './types.js';

/** Counts of one kind of framed bytes (values, or keys). */
class FrameCounts {
	private json = 0;
	private jsonTooDeep = 0;
	private notDecoded = 0;
	private readonly notDecodedIds = new Set<number>();

	/** Count one framed payload: read as JSON, or kept as base64 of its bytes (`base64`) with its schema id. */
	add(schemaId: number, read: boolean, base64: string): void {
		if (read) {
			this.json++;
		} else if (isDeepFramedJson(base64)) {
			this.jsonTooDeep++;
		} else {
			this.notDecoded++;
			this.notDecodedIds.add(schemaId);
		}
	}

	/** The counts as `metrics --json` gives them. */
	summary(): SchemaRegistryCounts {
		return {json: this.json, notDecoded: this.notDecoded, notDecodedSchemaIds: [...this.notDecodedIds].sort((a, b) => a - b), jsonTooDeep: this.jsonTooDeep};
	}
}

/** Counts of framed values and keys over a run, with the schema ids of those not decoded. */
export class SchemaRegistryTally {
	private readonly values = new FrameCounts();
	private readonly keys = new FrameCounts();

	/** Count the framed values and keys among stored events. */
	add(events: readonly Envelope[]): void {
		for (const event of events) {
			if (event.schemaId !== undefined) this.values.add(event.schemaId, event.valueEncoding === 'schema-registry-json', event.value as string);
			if (event.keySchemaId !== undefined) this.keys.add(event.keySchemaId, event.keyEncoding === 'schema-registry-json', event.key!);
		}
	}

	/** The `schemaRegistry` member of `metrics --json`. */
	summary(): SchemaRegistrySummary {
		return {...this.values.summary(), keys: this.keys.summary()};
	}
}
