// A producer for the header shapes kafkajs cannot write unpatched: headers as pairs, a name given more than once, a
// value given as null (a header without a value), as Kafka's record format allows. Independent of our publisher.
import {Producer} from '@platformatic/kafka';

/** One header of a record: its name and its bytes, or null for a header without a value. */
export type HeaderPair = [name: string, value: Buffer | string | null];

/** One record to produce: its value and its headers in order. */
export type PairRecord = {value: string; headers: HeaderPair[]};

/** Produce `records` to `topic` (which must exist), in order, and wait until the broker has them. */
export async function produceHeaderPairs(bootstrap: string, topic: string, records: PairRecord[]): Promise<void> {
	const producer = new Producer<Buffer, Buffer, Buffer, Buffer | null>({clientId: 'it-header-pairs', bootstrapBrokers: [bootstrap], autocreateTopics: false});
	try {
		await producer.send({
			messages: records.map(record => ({
				topic,
				value: Buffer.from(record.value),
				// A Map keyed by distinct Buffers: the same name may come twice, as in a record.
				headers: new Map(record.headers.map(([name, value]) => [Buffer.from(name), value === null ? null : Buffer.from(value)])),
			})),
		});
	} finally {
		await producer.close();
	}
}
