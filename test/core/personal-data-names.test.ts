// Member names that are personal values, masked by one masking over many values: each name's masked reading is kept
// while the personal values a text may repeat stay the same, never carried over to values that do not carry them.
import {describe, expect, it} from 'vitest';
import {defaultConfig} from '../../source/core/config.js';
import {personalDataMask, transactionMask} from '../../source/core/personal-data.js';

describe('masked member names', () => {
	it('a name masked as a value of one event repeats it is shown as sent in the next event, which does not', () => {
		const mask = personalDataMask(defaultConfig.fields);
		expect(mask({customerId: 'C-1042', byCustomer: {'C-1042': 1, other: 2}})).toEqual({customerId: 'C-***2', byCustomer: {'C-***2': 1, other: 2}});
		expect(mask({byCustomer: {'C-1042': 3, other: 4}})).toEqual({byCustomer: {'C-1042': 3, other: 4}});
		expect(mask({customerId: 'C-1042', byCustomer: {'C-1042': 5}})).toEqual({customerId: 'C-***2', byCustomer: {'C-***2': 5}});
	});

	it('a transaction\'s personal values mask the names of every one of its events, and the text rule names of its own', () => {
		const events = [{customerId: 'C-1042'}, {byCustomer: {'C-1042': 1, 'jane@example.com': 2, other: 3}}, {byCustomer: {'C-1042': 4}}];
		const mask = transactionMask(defaultConfig.fields, events);
		expect(events.map(mask)).toEqual([{customerId: 'C-***2'}, {byCustomer: {'C-***2': 1, 'j***@example.com': 2, other: 3}}, {byCustomer: {'C-***2': 4}}]);
	});
});
