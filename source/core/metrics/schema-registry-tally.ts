// How many stored values came in the Schema Registry wire format: JSON read, and the rest (Avro, Protobuf) not decoded.
import type {Envelope} from '../envelope.js';
import type {SchemaRegistrySummary} from './types.js';

/** Counts of framed values over a run, with the schema ids of those not decoded. */
export class SchemaRegistryTally {
	private json = 0;
	private notDecoded = 0;
	private readonly notDecodedIds = new Set<number>();

	/** Count the framed values among stored events. */
	add(events: readonly Envelope[]): void {
		for (const event of events) {
			if (event.schemaId === undefined) continue;
			if (event.valueEncoding === 'schema-registry-json') {
				this.json++;
			} else {
				this.notDecoded++;
				this.notDecodedIds.add(event.schemaId);
			}
		}
	}

	/** The `schemaRegistry` member of `metrics --json`. */
	summary(): SchemaRegistrySummary {
		return {json: this.json, notDecoded: this.notDecoded, notDecodedSchemaIds: [...this.notDecodedIds].sort((a, b) => a - b)};
	}
}
