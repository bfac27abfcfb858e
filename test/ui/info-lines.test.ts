// Plugins' lines in the transaction view: each led by its plugin's name, in plugin order; one that throws gets a
// line saying so instead of breaking the view; the first line that tells an outcome gives the header's.
import {describe, expect, it} from 'vitest';
import {infoLines} from '../../source/ui/transaction/info-lines.js';
import type {EngineSnapshot, TransactionView} from '../../source/plugin-api/index.js';

const view = {ids: ['ORD-1'], steps: []} as unknown as TransactionView;
const snapshot = {now: 1000} as unknown as EngineSnapshot;

describe('transaction info lines', () => {
	it('leads each line with its source\'s name and reports a source that throws', () => {
		const lines = infoLines([
			{name: 'saga', lines: (shown, at) => [`${shown.ids[0]} at ${at.now}`, 'second']},
			{name: 'broken', lines: () => {
				throw new Error('no luck');
			}},
			{name: 'quiet', lines: () => []},
		], view, snapshot);
		expect(lines).toEqual({lines: ['saga: ORD-1 at 1000', 'saga: second', 'broken: could not describe this transaction (no luck)'], outcome: undefined});
	});

	it('tells the outcome of the first line that has one', () => {
		const told = infoLines([
			{name: 'flow', lines: () => ['no verdict']},
			{name: 'saga', lines: () => [{text: 'checkout chk_1 timed out', outcome: '⏱ timed out'}, {text: 'checkout chk_2 completed', outcome: '✓ completed'}]},
		], view, snapshot);
		expect(told).toEqual({lines: ['flow: no verdict', 'saga: checkout chk_1 timed out', 'saga: checkout chk_2 completed'], outcome: '⏱ timed out'});
	});
});
