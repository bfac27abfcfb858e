import {describe, expect, it} from 'vitest';
import {defaultConfig} from '../../source/core/config.js';
import {containerPathIn, findAmount, findCurrency, findField, findPath, findString, numericValue, scalarText} from '../../source/core/fields.js';

const containers = defaultConfig.fields.containers;

describe('findField', () => {
	it('prefers the top level, then data, payload, metadata, then headers', () => {
		const value = {data: {orderId: 'from-data'}, payload: {orderId: 'from-payload'}, metadata: {orderId: 'from-metadata'}};
		expect(findField(value, {orderId: 'from-header'}, ['orderId'], containers)).toBe('from-data');
		expect(findField({...value, orderId: 'top'}, undefined, ['orderId'], containers)).toBe('top');
		expect(findField({payload: {orderId: 'p'}, metadata: {orderId: 'm'}}, undefined, ['orderId'], containers)).toBe('p');
		expect(findField({metadata: {orderId: 'm'}}, {orderId: 'h'}, ['orderId'], containers)).toBe('m');
		expect(findField({other: 1}, {orderId: 'h'}, ['orderId'], containers)).toBe('h');
	});

	it('takes the first present name of the list within one place, and a nearer place over an earlier name', () => {
		expect(findField({b: 2, a: 1}, undefined, ['a', 'b'], containers)).toBe(1);
		expect(findField({b: 2, data: {a: 1}}, undefined, ['a', 'b'], containers)).toBe(2);
	});

	it('treats undefined, null and the empty string as absent', () => {
		expect(findField({a: null, b: '', c: 0}, undefined, ['a', 'b', 'c'], containers)).toBe(0);
		expect(findField({a: null}, undefined, ['a'], containers)).toBeUndefined();
	});

	it('searches only the headers when the value is not an object', () => {
		expect(findField('orderId=5', {orderId: 'h'}, ['orderId'], containers)).toBe('h');
		expect(findField('eyJvcmRlcklkIjoxfQ==', undefined, ['orderId'], containers)).toBeUndefined();
		expect(findField(['orderId'], {}, ['0'], containers)).toBeUndefined();
		expect(findField(42, undefined, ['orderId'], containers)).toBeUndefined();
	});

	it('skips containers that are not objects nor strings holding one', () => {
		for (const data of ['orderId', '{"orderId"', '["x"]', '"{\\"orderId\\":\\"x\\"}"', 42]) expect(findField({data, payload: {orderId: 'y'}}, undefined, ['orderId'], containers), String(data)).toBe('y');
	});

	it('reads a container that is a string holding a JSON object as that object, paths through it too', () => {
		const value = {data: ' {"orderId":"x","customer":{"id":"c"}}', payload: {orderId: 'y'}};
		expect(findField(value, undefined, ['orderId'], containers)).toBe('x');
		expect(findPath(value, undefined, ['data', 'customer', 'id'], containers)).toBe('c');
		expect(findPath(value, undefined, ['customer', 'id'], containers)).toBe('c');
	});
});

describe('findString and findAmount', () => {
	it('reads customers, IPs and recipients as text, numbers in decimal', () => {
		expect(findString({data: {customerId: 'CUST-1'}}, undefined, defaultConfig.fields.customer, containers)).toBe('CUST-1');
		expect(findString({user_id: 42}, undefined, defaultConfig.fields.customer, containers)).toBe('42');
		expect(findString({}, {clientIp: '10.0.0.1'}, defaultConfig.fields.ip, containers)).toBe('10.0.0.1');
		expect(findString({recipient: 'a@b.c'}, undefined, defaultConfig.fields.recipient, containers)).toBe('a@b.c');
	});

	it('passes over a field that does not convert to the next one', () => {
		expect(findString({customerId: {id: 1}, userId: 'U-1'}, undefined, defaultConfig.fields.customer, containers)).toBe('U-1');
		expect(findAmount({amount: 'n/a', totalAmount: '1500.50'}, undefined, defaultConfig.fields.amount, containers)).toBe(1500.5);
	});

	it('reads amounts from numbers and numeric strings only', () => {
		expect(findAmount({payload: {total: 12_000}}, undefined, defaultConfig.fields.amount, containers)).toBe(12_000);
		expect(findAmount({amount: ' 99 '}, undefined, ['amount'], containers)).toBe(99);
		expect(findAmount({amount: '0x10'}, undefined, ['amount'], containers)).toBeUndefined();
		expect(findAmount({amount: '12abc'}, undefined, ['amount'], containers)).toBeUndefined();
		expect(findAmount({amount: true}, undefined, ['amount'], containers)).toBeUndefined();
	});

	it('reads the sum a money object holds, and its currency', () => {
		const {amount} = defaultConfig.fields;
		expect(findAmount({amount: {value: 25_000, currency: 'EUR'}}, undefined, amount, containers)).toBe(25_000);
		expect(findAmount({total: {amount: '12.50', currency_code: 'USD'}}, undefined, amount, containers)).toBe(12.5);
		expect(findAmount({amount: {units: '3', nanos: 250_000_000, currencyCode: 'GBP'}}, undefined, amount, containers)).toBe(3.25);
		expect(findAmount({amount: {units: -3, nanos: -500_000_000}}, undefined, amount, containers)).toBe(-3.5);
		expect(findAmount({amount: {currency: 'EUR'}, total: 7}, undefined, amount, containers)).toBe(7);
		expect(findAmount({amount: {units: 'x'}}, undefined, amount, containers)).toBeUndefined();
		expect(findCurrency({amount: {currency: 'EUR'}, total: {value: 7, currencyCode: 'CHF'}}, undefined, amount, containers)).toBe('CHF');
		expect(findCurrency({amount: 7}, undefined, amount, containers)).toBeUndefined();
	});
});

describe('scalar conversions', () => {
	it('turns scalars into text and rejects the rest', () => {
		expect([scalarText('a'), scalarText(1.5), scalarText(10n), scalarText(false)]).toEqual(['a', '1.5', '10', 'false']);
		expect([scalarText(''), scalarText(Number.NaN), scalarText({}), scalarText(null), scalarText(undefined)]).toEqual([undefined, undefined, undefined, undefined, undefined]);
	});

	it('reads decimal numbers only', () => {
		expect([numericValue('-1.5'), numericValue('+2'), numericValue('.5'), numericValue('1e3')]).toEqual([-1.5, 2, 0.5, 1000]);
		expect([numericValue(''), numericValue('  '), numericValue('0b1'), numericValue('Infinity'), numericValue(Number.POSITIVE_INFINITY)]).toEqual([undefined, undefined, undefined, undefined, undefined]);
	});
});

describe('findPath', () => {
	it('walks a dotted path from the top level, then from each container, then as a header name', () => {
		const value = {customer: {address: {city: 'Paris'}}, data: {customer: {tier: 'gold'}}};
		expect(findPath(value, undefined, ['customer', 'address', 'city'], containers)).toBe('Paris');
		expect(findPath(value, undefined, ['customer', 'tier'], containers)).toBe('gold');
		expect(findPath(value, {'x.trace': 't-1'}, ['x', 'trace'], containers)).toBe('t-1');
		expect(findPath(value, undefined, ['customer', 'address', 'city', 'zip'], containers)).toBeUndefined();
	});
});

describe('containers that are paths or alternatives', () => {
	const row = {id: 42, order_id: 'ORD-42', status: 'paid'};
	const change = (before: unknown, after: unknown) => ({before, after, source: {table: 'orders'}, op: 'u', ts_ms: 1});

	it('search a change\'s new row, its old row only when there is no new one, bare or in the JSON converter\'s payload', () => {
		for (const wrap of [(value: unknown) => value, (value: unknown) => ({schema: {type: 'struct'}, payload: value})]) {
			expect(findString(wrap(change({...row, status: 'pending'}, row)), undefined, ['status'], containers)).toBe('paid');
			expect(findString(wrap(change(row, null)), undefined, ['status'], containers)).toBe('paid');
			// The new row lacks the field: the old one is not searched (a column's old value is not the event's).
			expect(findString(wrap(change({...row, note: 'old'}, row)), undefined, ['note'], containers)).toBeUndefined();
			expect(findPath(wrap(change(null, {...row, shipping: {city: 'Lyon'}})), undefined, ['shipping', 'city'], containers)).toBe('Lyon');
		}
	});

	it('follow a dotted path and the first alternative holding an object, as configured', () => {
		const value = {envelope: {row: {orderId: 'A'}}, old: {orderId: 'B'}, now: 'not an object'};
		expect(findString(value, undefined, ['orderId'], ['envelope.row'])).toBe('A');
		expect(findString(value, undefined, ['orderId'], ['now|old'])).toBe('B');
		expect(findString(value, undefined, ['orderId'], ['envelope.none|old'])).toBe('B');
		expect(findString(value, undefined, ['orderId'], ['envelope.row.orderId', 'missing.path'])).toBeUndefined();
		expect(containerPathIn(value, 'now|envelope.row')).toEqual(['envelope', 'row']);
	});
});
