// Folding an aggregate with the configured machines: order, cut-off, violations, copies, machine choice, config.
import {describe, expect, it} from 'vitest';
import {defaultConfig} from '../../../source/core/config.js';
import {parseConfig} from '../../../source/core/config-file.js';
import {foldAggregate, type StateEvent} from '../../../source/core/state/fold.js';
import {compileMachines} from '../../../source/core/state/machine.js';

const machines = compileMachines(defaultConfig.state);
let seq = 0;
const event = (type: string, time: number | undefined, fields?: Record<string, unknown>, eventId = `e${++seq}`): StateEvent =>
	({eventId, type, time, seq: ++seq, ...(fields ? {fields} : {})});

describe('foldAggregate', () => {
	it('applies events in event time, whatever order they come in, up to the moment asked', () => {
		const events = [event('ReclamationEnCours', 3000, {statut: 'en_cours'}), event('ReclamationCreee', 1000, {statut: 'ouverte', montant: 10}), event('ReclamationAffectee', 2000, {statut: 'affectee'})];
		expect(foldAggregate(events, machines)).toMatchObject({machine: 'claims', state: 'EnCours', version: 3, lastEvent: 'ReclamationEnCours', updatedAt: 3000, violations: 0});
		expect(foldAggregate(events, machines).fields).toEqual({statut: 'en_cours', montant: 10});
		expect(foldAggregate(events, machines, 2000)).toMatchObject({state: 'Affectee', version: 2, updatedAt: 2000});
		expect(foldAggregate(events, machines, 999)).toMatchObject({state: null, version: 0, history: []});
	});

	it('flags a first event that is not an initial state, a move not listed and an event after a final state', () => {
		expect(foldAggregate([event('ReclamationEnCours', 1)], machines)).toMatchObject({state: null, version: 0, violations: 1});
		const folded = foldAggregate([
			event('ReclamationCreee', 1), event('ReclamationCloturee', 2), event('ReclamationAffectee', 3), event('ReclamationEnCours', 4),
			event('ReclamationResolue', 5), event('ReclamationCloturee', 6), event('ReclamationEnCours', 7),
		], machines);
		expect(folded.history.map(entry => [entry.type, entry.state, entry.applied])).toEqual([
			['ReclamationCreee', 'Creee', true], ['ReclamationCloturee', 'Creee', false], ['ReclamationAffectee', 'Affectee', true],
			['ReclamationEnCours', 'EnCours', true], ['ReclamationResolue', 'Resolue', true], ['ReclamationCloturee', 'Cloturee', true],
			['ReclamationEnCours', 'Cloturee', false],
		]);
		expect(folded).toMatchObject({state: 'Cloturee', final: true, version: 5, violations: 2, lastEvent: 'ReclamationCloturee', updatedAt: 6});
		expect(folded.history[6]!.violation).toBe('ReclamationEnCours after the final state Cloturee');
	});

	it('folds an event id once (a copy from events:all, a redelivery) and counts the copies', () => {
		const created = event('ReclamationCreee', 1, undefined, 'same');
		const folded = foldAggregate([created, {...created, seq: 99, topic: 'events:all'}, event('ReclamationAffectee', 2)], machines);
		expect(folded).toMatchObject({state: 'Affectee', version: 2, copies: 1, violations: 0});
		expect(folded.history).toHaveLength(2);
	});

	it('leaves events without an event time out of a fold up to a moment, and applies them last otherwise', () => {
		const events = [event('ReclamationAffectee', undefined), event('ReclamationCreee', 1)];
		const folded = foldAggregate(events, machines);
		expect(folded).toMatchObject({state: 'Affectee', version: 2, lastEvent: 'ReclamationAffectee'});
		// The last event has no time: none is given, not the time of the event before it.
		expect(folded.updatedAt).toBeUndefined();
		expect(folded.stateSince).toBeUndefined();
		expect(foldAggregate(events, machines, 10)).toMatchObject({state: 'Creee', version: 1});
	});

	it('chooses the machine whose initial state the first known event enters, and applies events no machine knows', () => {
		const checkout = foldAggregate([event('CheckoutStarted', 1), event('OrderCreated', 2), event('NotificationSent', 3)], machines);
		expect(checkout).toMatchObject({machine: 'checkout', state: 'OrderCreated', version: 3, lastEvent: 'NotificationSent'});
		expect(foldAggregate([event('NotificationSent', 1), event('OrderCreated', 2)], machines)).toMatchObject({machine: 'order', state: 'Created'});
		expect(foldAggregate([event('Something', 1)], machines)).toMatchObject({machine: undefined, state: null, version: 1, final: false});
	});

	it('keeps a data field named __proto__ as data', () => {
		const fields = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') as Record<string, unknown>;
		const folded = foldAggregate([event('ReclamationCreee', 1, fields)], machines);
		expect(Object.keys(folded.fields)).toEqual(['__proto__', 'a']);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	});

	it('takes machines from the configuration file, checked like every setting', () => {
		const config = parseConfig([
			'state:',
			'  machines:',
			'    booking:',
			'      events: {BookingRequested: Requested, BookingConfirmed: Confirmed}',
			'      initial: [Requested]',
			'      transitions: {Requested: [Confirmed]}',
			'      final: [Confirmed]',
		].join('\n'), 'test.yaml');
		const folded = foldAggregate([event('BookingRequested', 1), event('BookingConfirmed', 2), event('BookingConfirmed', 3)], compileMachines(config.state));
		expect(folded).toMatchObject({machine: 'booking', state: 'Confirmed', version: 2, violations: 1});
		expect(Object.keys(config.state.machines)).toEqual(['claims', 'checkout', 'order', 'booking']);
		expect(() => parseConfig('state:\n  machines:\n    booking:\n      initial: Requested\n', 'bad.yaml')).toThrow(/state\.machines\.booking\.initial: expected a list of state names/);
	});
});
