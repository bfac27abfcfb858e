import {afterEach, describe, expect, it} from 'vitest';
import {defaultConfig, type FieldConfig} from '../../source/core/config.js';
import {brokerTime, ContentHash, createNormalizer, nodeOf, normalize, parseEventTime, parseTimeMs, type RawEvent} from '../../source/core/envelope.js';

const fields = defaultConfig.fields;
const norm = createNormalizer(fields);
const wall = Date.UTC(2026, 0, 1);
const t0 = Date.UTC(2024, 0, 1, 10);

describe('normalize: event shapes real services publish', () => {
	it('Kafka e-commerce event with camelCase fields', () => {
		const env = norm({
			source: 'kafka', topic: 'payment.transactions', partition: 2, offset: '1042', key: 'ORD-1',
			headers: {'content-type': 'application/json'}, timestamp: t0, receivedAt: t0 + 35,
			value: {transactionId: 'TXN-9', orderId: 'ORD-1', customerId: 'CUST-7', amount: 120, status: 'approved', timestamp: '2024-01-01T09:00:00Z'},
		}, wall);
		expect(env).toEqual({
			source: 'kafka', topic: 'payment.transactions', partition: 2, offset: '1042', key: 'ORD-1',
			headers: {'content-type': 'application/json'},
			value: {transactionId: 'TXN-9', orderId: 'ORD-1', customerId: 'CUST-7', amount: 120, status: 'approved', timestamp: '2024-01-01T09:00:00Z'},
			// The payload's own time (09:00) is the event time, not the broker's (10:00).
			valueEncoding: 'json', timestamp: t0 - 3_600_000, receivedAt: t0 + 35, deliveryMs: 3_600_035,
			type: 'payment.transactions', ids: ['ORD-1', 'TXN-9'], status: 'ok',
			eventId: env.eventId, seq: 0, duplicate: false, txId: 0,
		});
		expect(env.eventId).toMatch(/^[\da-f]{16}$/);
	});

	it('event-sourcing envelope (bare payload line, no topic)', () => {
		const env = norm({
			source: 'recording',
			value: {
				event_id: 'evt-1', event_type: 'ReclamationCreee', aggregate_id: 'claim_67890',
				data: {claim_id: 'claim_67890', amount: 300}, timestamp: '2024-01-01T10:00:00.250Z', correlation_id: 'trace_xyz789',
			},
		}, wall);
		expect(env.type).toBe('ReclamationCreee');
		expect(env.timestamp).toBe(t0 + 250);
		expect(env.receivedAt).toBe(t0 + 250);
		expect(env.deliveryMs).toBeUndefined();
		expect(env.ids).toEqual(['trace_xyz789', 'claim_67890']);
		expect(env.eventId).toBe('evt-1');
		expect(env.topic).toBeUndefined();
		expect(nodeOf(env)).toBe('ReclamationCreee');
	});

	it('Redis Streams entry with flat fields and a JSON data field', () => {
		const env = norm({
			source: 'redis', topic: 'checkout-events', offset: '1704103200000-0', timestamp: t0, receivedAt: t0 + 4,
			value: {type: 'OrderCreated', checkout_id: 'co-1', data: {order_id: 'o-1', checkout_id: 'co-1', total: 99}},
		}, wall);
		expect(env.type).toBe('OrderCreated');
		expect(env.ids).toEqual(['o-1', 'co-1']);
		expect(env.deliveryMs).toBe(4);
		expect(nodeOf(env)).toBe('checkout-events');
	});

	it('minimal {type, timestamp, payload: {colisId}} event', () => {
		const env = norm({source: 'recording', value: {type: 'ColisLivre', timestamp: 1_704_103_200, payload: {colisId: 'COLIS-42', depot: 'Lyon'}}}, wall);
		expect(env.type).toBe('ColisLivre');
		expect(env.timestamp).toBe(t0);
		expect(env.ids).toEqual(['COLIS-42']);
		expect(env.status).toBe('ok');
	});
});

describe('normalize: type', () => {
	it('takes the first type field of the list, nearer places first', () => {
		expect(norm({source: 's', topic: 't', value: {name: 'N', eventType: 'E', type: 'T'}}).type).toBe('E');
		expect(norm({source: 's', topic: 't', value: {name: 'N', data: {eventType: 'E'}}}).type).toBe('N');
		expect(norm({source: 's', topic: 't', value: {metadata: {'@type': 'Meta'}}}).type).toBe('Meta');
	});

	it('falls back to the event-type header, then the type header, then the topic', () => {
		expect(norm({source: 's', topic: 't', headers: {type: 'H2', 'event-type': 'H1'}, value: {}}).type).toBe('H1');
		expect(norm({source: 's', topic: 't', headers: {type: 'H2'}, value: 'plain text'}).type).toBe('H2');
		expect(norm({source: 's', topic: 'orders.created', value: {orderId: 'o'}}).type).toBe('orders.created');
		expect(norm({source: 's', value: {}}).type).toBe('unknown');
	});

	it('ignores type fields that are objects', () => {
		expect(norm({source: 's', topic: 't', value: {type: {a: 1}, name: 'Named'}}).type).toBe('Named');
	});
});

describe('normalize: event time and arrival', () => {
	it('takes the payload\'s own time before the broker\'s (a backfilled Redis entry, a re-published Kafka message)', () => {
		const backfilled = norm({source: 'redis', offset: `${t0 + 3_600_000}-0`, timestamp: t0 + 3_600_000, receivedAt: t0 + 3_600_010, value: {timestamp: t0 + 5000}});
		expect(backfilled.timestamp).toBe(t0 + 5000);
		// Delivery is measured from the event time, as event-model.md defines it.
		expect(backfilled.deliveryMs).toBe(3_600_010 - 5000);
		expect(norm({source: 's', timestamp: t0, value: {data: {occurred_at: t0 - 7}}}).timestamp).toBe(t0 - 7);
		expect(norm({source: 's', timestamp: t0, headers: {timestamp: String(t0 - 9)}, value: {}}).timestamp).toBe(t0 - 9);
	});

	it('falls back to the broker\'s time when the payload has no time that parses', () => {
		expect(norm({source: 's', timestamp: t0, value: {timestamp: 'soon'}}).timestamp).toBe(t0);
		expect(norm({source: 's', timestamp: t0, value: 'text'}).timestamp).toBe(t0);
	});

	it('reads epoch milliseconds, epoch seconds below 1e11, numeric strings and ISO strings', () => {
		expect(norm({source: 's', value: {ts: t0}}).timestamp).toBe(t0);
		expect(norm({source: 's', value: {ts: t0 / 1000}}).timestamp).toBe(t0);
		expect(norm({source: 's', value: {ts: 1_704_103_200.5}}).timestamp).toBe(t0 + 500);
		expect(norm({source: 's', value: {createdAt: String(t0)}}).timestamp).toBe(t0);
		expect(norm({source: 's', value: {createdAt: '1704103200'}}).timestamp).toBe(t0);
		expect(norm({source: 's', value: {occurredAt: '2024-01-01T12:00:00+02:00'}}).timestamp).toBe(t0);
		expect(norm({source: 's', value: {eventTime: '2024-01-01T10:00:00.123456Z'}}).timestamp).toBe(t0 + 123);
	});

	it('takes the first time field that parses, in list order', () => {
		expect(norm({source: 's', value: {createdAt: t0 + 1, timestamp: t0}}).timestamp).toBe(t0);
		expect(norm({source: 's', value: {timestamp: 'soon', createdAt: t0 + 1}}).timestamp).toBe(t0 + 1);
		expect(norm({source: 's', value: {payload: {occurred_at: t0}}}).timestamp).toBe(t0);
		expect(norm({source: 's', headers: {timestamp: String(t0)}, value: 'x'}).timestamp).toBe(t0);
	});

	it('leaves a bad or missing time undefined, arriving at the wall clock', () => {
		for (const bad of ['yesterday', 'Event 12', '2024-13-45T10:00:00Z', 0, -5, true, {}]) {
			const env = norm({source: 's', value: {timestamp: bad}}, wall);
			expect(env.timestamp).toBeUndefined();
			expect(env.receivedAt).toBe(wall);
			expect(env.deliveryMs).toBeUndefined();
		}
	});

	it('uses the wall clock now when no time is given at all', () => {
		const before = Date.now();
		const env = norm({source: 's', value: {}});
		expect(env.receivedAt).toBeGreaterThanOrEqual(before);
		expect(env.receivedAt).toBeLessThanOrEqual(Date.now());
	});

	it('computes delivery only when the arrival time was given, and keeps negative skew', () => {
		expect(norm({source: 's', timestamp: t0, receivedAt: t0 - 20, value: {}}).deliveryMs).toBe(-20);
		const known = norm({source: 's', timestamp: t0, value: {}}, wall);
		expect(known.receivedAt).toBe(t0);
		expect(known.deliveryMs).toBeUndefined();
		const noEventTime = norm({source: 's', receivedAt: t0, value: {}}, wall);
		expect(noEventTime.receivedAt).toBe(t0);
		expect(noEventTime.deliveryMs).toBeUndefined();
	});
});

describe('parseEventTime', () => {
	const originalTz = process.env.TZ;
	afterEach(() => {
		process.env.TZ = originalTz;
	});

	it('reads a date-time without a zone as UTC whatever the local zone', () => {
		process.env.TZ = 'America/New_York';
		expect(parseEventTime('2024-01-01T10:00:00')).toBe(t0);
		expect(parseEventTime('2024-01-01 10:00:00.250')).toBe(t0 + 250);
		expect(parseEventTime('2024-01-01')).toBe(Date.UTC(2024, 0, 1));
		expect(parseEventTime('2024-01-01T05:00:00-05:00')).toBe(t0);
	});

	it('tells epoch seconds, milliseconds, microseconds and nanoseconds apart by size, as numbers or numeric text', () => {
		const at = t0 + 250;
		for (const value of [at / 1000, at, at * 1000, at * 1_000_000, String(at * 1000), '1704103200250000000']) expect(parseEventTime(value)).toBe(at);
		// Fractions of a millisecond are kept.
		expect(parseEventTime(1_704_103_200_250_500)).toBe(at + 0.5);
	});

	it('takes no number past the year 275760 for a time', () => {
		expect([parseEventTime(8.64e15), parseEventTime(8.64e21), parseEventTime(8.7e21), parseEventTime(1e300), parseEventTime('1e300')])
			.toEqual([8.64e15 / 1000, 8.64e15, undefined, undefined, undefined]);
	});

	it('rejects what is not a time', () => {
		expect([parseEventTime('1704103200'), parseEventTime('0x10'), parseEventTime(''), parseEventTime(null), parseEventTime(Number.NaN)])
			.toEqual([t0, undefined, undefined, undefined, undefined]);
	});

	it('takes no time before 2000 for an event time, in any unit or as text, but reads it for a flag', () => {
		const early = Date.UTC(1999, 11, 31, 23, 59, 59);
		expect([12, '12', early / 1000, early, early * 1000, early * 1e6, '1999-12-31T23:59:59Z', '1999-12-31T23:59:59'].map(parseEventTime))
			.toEqual(Array.from({length: 8}, () => undefined));
		expect([parseEventTime(946_684_800), parseEventTime('2000-01-01T00:00:00Z')]).toEqual([946_684_800_000, 946_684_800_000]);
		expect(brokerTime({source: 'kafka', value: {}, timestamp: 17})).toBeUndefined();
		expect(parseTimeMs('1999-12-31T23:59:59Z')).toBe(early);
	});
});

describe('normalize: ids', () => {
	it('collects every id field from every place, in field-list order, without repeats', () => {
		const env = norm({
			source: 's', headers: {trace_id: 'T-1', orderId: 'O-1'},
			value: {orderId: 'O-1', transactionId: 'TXN-1', data: {correlationId: 'C-1', orderId: 'O-2'}, payload: {paymentId: 7}},
		});
		expect(env.ids).toEqual(['C-1', 'T-1', 'O-1', 'O-2', 'TXN-1', '7']);
	});

	it('searches the containers in the configured order, whatever order the value writes them in', () => {
		const value = {metadata: {orderId: 'M', type: 'FromMetadata'}, payload: {orderId: 'P', type: 'FromPayload'}, data: 'not an object', orderId: 'top'};
		const env = norm({source: 's', value});
		expect([env.ids, env.type]).toEqual([['top', 'P', 'M'], 'FromPayload']);
		// A container listed twice, or also a field to look up, is still searched as a container.
		const twice = createNormalizer({...fields, containers: ['metadata', 'payload', 'metadata'], ids: [...fields.ids, 'payload']})({source: 's', value});
		expect([twice.ids, twice.type]).toEqual([['top', 'M', 'P'], 'FromMetadata']);
	});

	it('finds ids in headers when the value is text or base64', () => {
		expect(norm({source: 's', headers: {correlation_id: 'c-9'}, value: 'AAEC', valueEncoding: 'base64'}).ids).toEqual(['c-9']);
	});

	it('skips ids that are empty, null or objects', () => {
		expect(norm({source: 's', value: {orderId: '', order_id: null, checkoutId: {x: 1}, bookingId: 'B'}}).ids).toEqual(['B']);
	});

	it('gives each event its own list: one event\'s ids never reach the next, nor a list handed out before', () => {
		const normalizer = createNormalizer(fields);
		const many = normalizer({source: 's', headers: {trace_id: 'T-1'}, value: {orderId: 'O-1', transactionId: 'TXN-1', data: {correlationId: 'C-1', orderId: 'O-1'}}});
		const repeated = normalizer({source: 's', value: {orderId: 'O-9', data: {orderId: 'O-9'}}});
		const none = normalizer({source: 's', value: {amount: 1}});
		const one = normalizer({source: 's', value: {transactionId: 'TXN-2'}});
		expect([many.ids, repeated.ids, none.ids, one.ids]).toEqual([['C-1', 'T-1', 'O-1', 'TXN-1'], ['O-9'], [], ['TXN-2']]);
	});
});

describe('normalize: status', () => {
	const statusOf = (value: Record<string, unknown>) => norm({source: 's', topic: 'payments', value}).status;

	it('is error for error values of status, state, outcome or result, ignoring case', () => {
		expect(statusOf({status: 'FAILED'})).toBe('error');
		expect(statusOf({state: 'Declined'})).toBe('error');
		expect(statusOf({data: {outcome: 'timed_out'}})).toBe('error');
		expect(statusOf({result: 'rejected', status: 'done'})).toBe('error');
		expect(statusOf({status: 'approved'})).toBe('ok');
		expect(statusOf({status: 'failedish'})).toBe('ok');
	});

	it('is error for types ending in an error suffix', () => {
		for (const type of ['PaymentFailed', 'FraudCheckTimedOut', 'OrderRejected', 'CardDeclined', 'InventoryError', 'payment.failed', 'PAYMENT_DECLINED']) {
			expect(norm({source: 's', value: {type}}).status, type).toBe('error');
		}

		expect(norm({source: 's', value: {type: 'ErrorsCleared'}}).status).toBe('ok');
		expect(norm({source: 's', topic: 'payment.failed', value: {}}).status).toBe('error');
	});

	it('is blocked for the blocked value or a Blocked type, before error', () => {
		expect(statusOf({status: 'BLOCKED'})).toBe('blocked');
		expect(statusOf({status: 'blocked', result: 'declined'})).toBe('blocked');
		expect(norm({source: 's', value: {type: 'PaymentBlocked', status: 'declined'}}).status).toBe('blocked');
		expect(norm({source: 's', value: {type: 'CardUnblocked'}}).status).toBe('ok');
		expect(norm({source: 's', value: {type: 'card.unblocked'}}).status).toBe('ok');
	});

	it('reads a status header', () => {
		expect(norm({source: 's', headers: {status: 'error'}, value: 'x'}).status).toBe('error');
	});
});

describe('normalize: Debezium change events', () => {
	const t = Date.UTC(2026, 10, 27, 8);
	const source = {connector: 'postgresql', db: 'shop', schema: 'public', table: 'orders', ts_ms: t - 200};
	const row = {id: 42, order_id: 'ORD-42', customer_id: 'C-7', name: 'Alice', type: 'express', status: 'failed', created_at: (t - 86_400_000) * 1000};
	const change = (op: string, before: unknown, after: unknown) => ({before, after, source, op, ts_ms: t, transaction: null});
	const schema = {type: 'struct', name: 'shop.public.orders.Envelope'};

	it('are typed table.operation, timed by the database\'s commit, with the row\'s ids and status, wrapped or not', () => {
		for (const wrapped of [false, true]) {
			const wrap = (value: unknown) => (wrapped ? {schema, payload: value} : value);
			const created = norm({source: 'kafka', topic: 'shop.public.orders', timestamp: t + 300, value: wrap(change('c', null, row))});
			// The row's type and name columns are data, not the event's type; its created_at is the row's, not the change's;
			// the envelope's ts_ms is when the connector read the change, source.ts_ms when the database committed it.
			// The row's `id` column is its table's row, after its id fields: orders:42 joins the row's changes.
			expect([created.type, created.timestamp, created.ids, created.status]).toEqual(['orders.created', t - 200, ['ORD-42', 'orders:42'], 'error']);
			const deleted = norm({source: 'kafka', topic: 'shop.public.orders', value: wrap(change('d', {...row, status: 'shipped'}, null))});
			expect([deleted.type, deleted.ids, deleted.status]).toEqual(['orders.deleted', ['ORD-42', 'orders:42'], 'ok']);
			const updated = norm({source: 'kafka', value: wrap(change('u', row, {...row, status: 'paid', order_id: 'ORD-43'}))});
			// The old row is not searched when there is a new one: neither its status nor its ids are the event's.
			expect([updated.type, updated.ids, updated.status]).toEqual(['orders.updated', ['ORD-43', 'orders:42'], 'ok']);
			expect(norm({source: 'kafka', value: wrap(change('r', null, row))}).type).toBe('orders.read');
		}
	});

	it('join the rows of one database transaction by its id, after the row\'s own ids', () => {
		for (const wrapped of [false, true]) {
			const wrap = (value: unknown) => (wrapped ? {schema, payload: value} : value);
			const transaction = {id: '5720:53196832', total_order: 2, data_collection_order: 1};
			const payment = {...change('c', null, {id: 9, payment_id: 'PAY-9', status: 'authorized'}), transaction};
			expect(norm({source: 'kafka', value: wrap(payment)}).ids).toEqual(['PAY-9', 'orders:9', '5720:53196832']);
			// Without the connector's transaction metadata, or with a placeholder, no id.
			expect(norm({source: 'kafka', value: wrap({...payment, transaction: null})}).ids).toEqual(['PAY-9', 'orders:9']);
			expect(norm({source: 'kafka', value: wrap({...payment, transaction: {id: ''}})}).ids).toEqual(['PAY-9', 'orders:9']);
			// A row with no id field is its table's row; a placeholder id names none.
			expect(norm({source: 'kafka', value: wrap({...payment, after: {id: 9}})}).ids).toEqual(['orders:9', '5720:53196832']);
			expect(norm({source: 'kafka', value: wrap({...payment, after: {id: 0}, transaction: null})}).ids).toEqual([]);
			const begin = {status: 'BEGIN', id: '5720:53196832', event_count: null, data_collections: null, ts_ms: t};
			const began = norm({source: 'kafka', topic: 'shop.transaction', value: wrap(begin)});
			expect([began.type, began.ids, began.status, began.timestamp]).toEqual(['transaction.begin', ['5720:53196832'], 'ok', t]);
			const end = {...begin, status: 'END', event_count: 2, data_collections: [{data_collection: 'public.orders', event_count: 1}]};
			expect(norm({source: 'kafka', topic: 'shop.transaction', value: wrap(end)}).type).toBe('transaction.end');
		}

		// A status BEGIN alone is no boundary.
		expect(norm({source: 'k', topic: 'jobs', value: {status: 'BEGIN', id: 'J-1'}}).type).toBe('jobs');
	});

	it('type a tombstone by the table its topic carries, with the ids its key holds', () => {
		const keyed = norm({source: 'kafka', topic: 'shop.public.orders', key: '{"order_id":"ORD-42"}', value: null});
		expect([keyed.type, keyed.ids]).toEqual(['orders.tombstone', ['ORD-42']]);
		const wrapped = norm({source: 'kafka', topic: 'shop.public.orders', key: '{"schema":{"type":"struct"},"payload":{"order_id":"ORD-42"}}', value: null});
		expect([wrapped.type, wrapped.ids]).toEqual(['orders.tombstone', ['ORD-42']]);
		// A primary key named `id` is its table's row (the topic's last word): the bare number would join rows of every table.
		expect(norm({source: 'kafka', topic: 'shop.public.orders', key: '{"id":42}', value: null}).ids).toEqual(['orders:42']);
		expect(norm({source: 'kafka', topic: 'users', key: 'U-1', value: null}).type).toBe('users.tombstone');
		// A null value without a key is no tombstone.
		expect(norm({source: 'kafka', topic: 'users', value: null}).type).toBe('users');
	});

	it('need an operation, a source naming the table (or collection) and a row member to be typed so', () => {
		expect(norm({source: 'k', value: {op: 'c', after: {a: 1}, source: {collection: 'carts'}}}).type).toBe('carts.created');
		expect(norm({source: 'k', topic: 't', value: {op: 'x', after: {a: 1}, source: {table: 'orders'}}}).type).toBe('t');
		expect(norm({source: 'k', topic: 't', value: {op: 'c', source: {table: 'orders'}}}).type).toBe('t');
		expect(norm({source: 'k', topic: 't', value: {op: 'c', after: {a: 1}, source: '/orders'}}).type).toBe('t');
		// An event's own type field wins at its place.
		expect(norm({source: 'k', value: {type: 'OrderPlaced', op: 'c', after: {a: 1}, source: {table: 'orders'}}}).type).toBe('OrderPlaced');
	});
});

describe('normalize: event id', () => {
	it('takes the first event-id field, stringified', () => {
		expect(norm({source: 's', value: {message_id: 'm', eventId: 'e'}}).eventId).toBe('e');
		expect(norm({source: 's', value: {metadata: {messageId: 12}}}).eventId).toBe('12');
		expect(norm({source: 's', headers: {event_id: 'h'}, value: 'x'}).eventId).toBe('h');
	});

	it('hashes topic, key and value otherwise: equal content gives equal ids, any change a different one', () => {
		const id = (raw: Partial<RawEvent>) => norm({source: 's', topic: 'orders', value: {orderId: 'O-1', amount: 5}, ...raw}).eventId;
		const base = id({});
		expect(id({offset: '99', partition: 3, timestamp: 1})).toBe(base);
		// A message's key is its content too: a compacted topic's tombstones (null values) of two keys are two messages.
		expect(id({key: 'k', offset: '99'})).toBe(id({key: 'k', offset: '100'}));
		expect(id({key: 'k'})).not.toBe(base);
		expect(id({key: 'a', value: null})).not.toBe(id({key: 'b', value: null}));
		expect(id({value: {orderId: 'O-1', amount: 6}})).not.toBe(base);
		expect(id({value: {orderId: 'O-1', amount: '5'}})).not.toBe(base);
		expect(id({value: {orderId: 'O-1'}})).not.toBe(base);
		expect(id({topic: 'orders2'})).not.toBe(base);
		expect(id({value: 'text'})).toBe(id({value: 'text'}));
		expect(id({value: 'text'})).not.toBe(id({value: 'text2'}));
	});

	it('tells two tombstones of one key apart by their position: each delete of the key has its own', () => {
		const id = (raw: Partial<RawEvent>) => norm({source: 's', topic: 'orders', key: '{"id":42}', value: null, ...raw}).eventId;
		expect(id({partition: 0, offset: '15'})).not.toBe(id({partition: 0, offset: '20'}));
		expect(id({partition: 0, offset: '15'})).not.toBe(id({partition: 1, offset: '15'}));
		expect(id({partition: 0, offset: '15'})).toBe(id({partition: 0, offset: '15'}));
		// Without a key a null value deletes nothing: content alone, as before.
		expect(id({key: undefined, offset: '15'})).toBe(id({key: undefined, offset: '20'}));
	});

	it('does not confuse values that differ only in how they split into strings', () => {
		const hash = (value: unknown) => new ContentHash().value(value).hex();
		expect(hash({ab: 'c'})).not.toBe(hash({a: 'bc'}));
		expect(hash(['a', 'b'])).not.toBe(hash(['ab']));
		expect(hash([[1], 2])).not.toBe(hash([1, [2]]));
		expect(hash({a: null})).not.toBe(hash({a: false}));
		expect(hash({a: 1, b: undefined})).toBe(hash({a: 1}));
	});
});

describe('normalize: defaults and configuration', () => {
	it('fills defaults for what the raw event lacks', () => {
		const env = norm({source: 'demo', value: 'hello', valueEncoding: 'text'}, wall);
		expect(env.headers).toEqual({});
		expect(env.key).toBeUndefined();
		expect(env.valueEncoding).toBe('text');
		expect(norm({source: 'demo', value: {}}).valueEncoding).toBe('json');
		expect([env.seq, env.txId, env.duplicate]).toEqual([0, 0, false]);
	});

	it('follows a changed field configuration', () => {
		const custom: FieldConfig = {...fields, containers: ['body'], ids: ['ref'], type: ['kind'], errorValues: ['ko']};
		const env = normalize({source: 's', topic: 't', value: {body: {ref: 'R-1', kind: 'K', status: 'KO'}, orderId: 'ignored'}}, custom);
		expect([env.ids, env.type, env.status]).toEqual([['R-1'], 'K', 'error']);
	});

	it('nodeOf is the topic, or the type without a topic', () => {
		expect(nodeOf(norm({source: 's', topic: 'orders.created', value: {type: 'OrderCreated'}}))).toBe('orders.created');
		expect(nodeOf(norm({source: 's', value: {type: 'OrderCreated'}}))).toBe('OrderCreated');
	});
});
