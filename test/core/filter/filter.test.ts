import {describe, expect, it} from 'vitest';
import {defaultConfig} from '../../../source/core/config.js';
import {createNormalizer, type Envelope, type RawEvent} from '../../../source/core/envelope.js';
import {compileFilter, FilterSyntaxError} from '../../../source/core/filter/filter.js';

const norm = createNormalizer(defaultConfig.fields);
const t0 = Date.UTC(2024, 0, 1);

const payment = norm({
	source: 'kafka', topic: 'payment.transactions', partition: 3, key: 'ORD-12345', timestamp: t0,
	headers: {'trace-id': 'abc-TRACE-1'},
	value: {transactionId: 'TXN-123456', orderId: 'ORD-12345', amount: 1500.5, method: 'card', status: 'DECLINED', customer: {tier: 'Gold', tags: ['vip', 'early']}},
});
const order = norm({
	source: 'kafka', topic: 'orders.created', partition: 0, timestamp: t0,
	value: {eventType: 'OrderCreated', orderId: 'ORD-12345', total: '250', data: {checkout_id: 'CO-9', note: 'gift wrap please'}},
});
const paypal = norm({source: 'kafka', topic: 'payment.transactions', timestamp: t0, value: {transactionId: 'TXN-2', amount: 5000, method: 'PayPal', status: 'approved'}});
const claim = norm({
	source: 'recording',
	value: {event_id: 'e-1', event_type: 'ClaimBlocked', aggregate_id: 'claim_1', data: {amount: 10, reason: 'fraud suspected'}, correlation_id: 'trace_xyz'},
});
const text = norm({source: 'redis', topic: 'logs', key: undefined, value: 'disk FULL on node-3', valueEncoding: 'text'} satisfies RawEvent);
const all = [payment, order, paypal, claim, text];

/** Which of the sample events match. */
const matching = (expr: string): Envelope[] => all.filter(env => compileFilter(expr).matches(env));

describe('compileFilter', () => {
	it('matches everything with an empty expression', () => {
		expect(matching('')).toEqual(all);
		expect(compileFilter('  ').expr).toBe('  ');
	});

	it('field:value compares whole values, ignoring case, in the value and its containers', () => {
		expect(matching('orderId:ORD-12345')).toEqual([payment, order]);
		expect(matching('orderid:ORD-12345')).toEqual([]);
		expect(matching('method:PAYPAL')).toEqual([paypal]);
		expect(matching('orderId:ORD-1234')).toEqual([]);
		expect(matching('checkout_id:co-9')).toEqual([order]);
		expect(matching('reason:"fraud suspected"')).toEqual([claim]);
	});

	it('follows dotted paths and matches any element of an array', () => {
		expect(matching('customer.tier:gold')).toEqual([payment]);
		expect(matching('customer.tags:VIP')).toEqual([payment]);
		expect(matching('data.note:gift*')).toEqual([order]);
	});

	it('reads numbers as text and as numbers', () => {
		expect(matching('amount:1500.5')).toEqual([payment]);
		expect(matching('amount:5000.00')).toEqual([paypal]);
		expect(matching('total:250')).toEqual([order]);
	});

	it('supports * wildcards anywhere in a value, and * alone for presence', () => {
		expect(matching('topic:payment.*')).toEqual([payment, paypal]);
		expect(matching('topic:*.created')).toEqual([order]);
		expect(matching('transactionId:TXN-*6')).toEqual([payment]);
		expect(matching('method:*')).toEqual([payment, paypal]);
		expect(matching('topic:payment.')).toEqual([]);
	});

	it('has special fields topic, type, key, partition, status and id', () => {
		expect(matching('type:OrderCreated')).toEqual([order]);
		expect(matching('type:claimblocked')).toEqual([claim]);
		expect(matching('key:ord-12345')).toEqual([payment]);
		expect(matching('partition:3')).toEqual([payment]);
		expect(matching('partition>0')).toEqual([payment]);
		expect(matching('status:error')).toEqual([payment]);
		expect(matching('status:blocked')).toEqual([claim]);
		expect(matching('status:ok')).toEqual([order, paypal, text]);
		expect(matching('id:TXN-123456')).toEqual([payment]);
		expect(matching('id:trace_xyz')).toEqual([claim]);
		expect(matching('id:CO-*')).toEqual([order]);
	});

	it('status also matches the status field as published', () => {
		expect(matching('status:declined')).toEqual([payment]);
		expect(matching('!status:declined status:error')).toEqual([]);
	});

	it('compares numbers with > < >= <=, numeric strings included, missing fields never', () => {
		expect(matching('amount>1000')).toEqual([payment, paypal]);
		expect(matching('amount>=5000')).toEqual([paypal]);
		expect(matching('amount<1500.5')).toEqual([claim]);
		expect(matching('amount<=1500.5')).toEqual([payment, claim]);
		expect(matching('total>100')).toEqual([order]);
		expect(matching('method>1')).toEqual([]);
	});

	it('negates terms with !, a missing field satisfying a negated match', () => {
		expect(matching('amount>1000 !method:paypal')).toEqual([payment]);
		expect(matching('!topic:payment.*')).toEqual([order, claim, text]);
		expect(matching('!amount>100')).toEqual([order, claim, text]);
		expect(matching('!gift')).toEqual([payment, paypal, claim, text]);
	});

	it('matches bare words anywhere in the event text, ignoring case', () => {
		expect(matching('gift')).toEqual([order]);
		expect(matching('full')).toEqual([text]);
		expect(matching('logs')).toEqual([text]);
		expect(matching('ClaimBlocked')).toEqual([claim]);
		expect(matching('ord-12345')).toEqual([payment, order]);
		expect(matching('trace-1')).toEqual([payment]);
		expect(matching('"disk full"')).toEqual([text]);
		expect(matching('"full disk"')).toEqual([]);
		expect(matching('TXN-*56')).toEqual([payment]);
	});

	it('requires every term', () => {
		expect(matching('topic:payment.* status:error')).toEqual([payment]);
		expect(matching('ord-12345 type:OrderCreated gift')).toEqual([order]);
		expect(matching('ord-12345 nothing-like-this')).toEqual([]);
	});

	it('gives each event its own text when one filter matches many events', () => {
		const filter = compileFilter('gift !disk');
		expect(all.map(env => filter.matches(env))).toEqual([false, true, false, false, false]);
	});

	it('throws FilterSyntaxError for bad expressions', () => {
		expect(() => compileFilter('amount>abc')).toThrow(FilterSyntaxError);
		expect(() => compileFilter('"open')).toThrow('unterminated quote at column 1');
	});
});
