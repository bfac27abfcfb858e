import {describe, expect, it} from 'vitest';
import type {Envelope} from '../../../source/core/envelope.js';
import {at, engineFor, event, inOrder, only, run, timeline} from './helpers.js';

/** Events of `topic` every `every` s (offset by `phase`) over [from, to). */
function series(topic: string, from: number, to: number, every: number, phase = 0): Envelope[] {
	const events: Envelope[] = [];
	for (let s = from + phase; s < to; s += every) events.push(event(topic, at(s), {id: `${topic}-${s}`, orderId: `ORD-${s}`}));
	return events;
}

/**
 * - clock: 1 event/s for 1 200 s (averages exactly 1/s and never stops);
 * - orders.created: 2 events/s, silent from 600 s to 700 s;
 * - audit.log: one event every 2 s (0.5/s), then stops at 600 s: too slow before to count as silent;
 * - inventory.updates: 2 events/s with a 29 s gap (quiet, but under the 30 s threshold).
 */
function traffic(): Envelope[] {
	return [
		...series('clock', 0, 1200, 1),
		...series('orders.created', 0, 600, 0.5, 0.25),
		...series('orders.created', 700, 1200, 0.5, 0.25),
		...series('audit.log', 0, 600, 2, 0.1),
		...series('inventory.updates', 0, 300, 0.5, 0.3),
		...series('inventory.updates', 328.8, 1200, 0.5),
	];
}

describe('silence', () => {
	it('fires when a busy topic goes quiet for 30 s, at that moment, and resolves 5 min after it speaks again', () => {
		const transitions = run(engineFor(only(['silence'])), inOrder(traffic()));
		// Last event 599.75 s; silent for 30 s at 629.75 s (noticed at the next event, 629.8 s); back at 700.25 s;
		// resolved 300 s later.
		expect(timeline(transitions)).toEqual(['fired silence orders.created @629.75', 'resolved silence orders.created @1000.25']);
		expect(transitions[0]!.alert).toMatchObject({
			severity: 'warning',
			value: 30_050,
			threshold: 30_000,
			message: 'topic orders.created received nothing for 30.1 s after 2 events/s over 5m (threshold 30s)',
			exampleIds: ['ORD-599.75'],
		});
	});

	it('notices a silence at the end of a finite input only when given an end time', () => {
		const events = inOrder(traffic().filter(env => env.timestamp! < at(610)));
		expect(run(engineFor(only(['silence'])), events)).toEqual([]);
		const transitions = run(engineFor(only(['silence'])), inOrder(traffic().filter(env => env.timestamp! < at(610))), 500, at(700));
		// Every topic stops at 610 s; by 700 s the clock (1/s) and orders (2/s) have been silent for 30 s, audit.log was too slow.
		expect(timeline(transitions)).toEqual(['fired silence orders.created @629.75', 'fired silence clock @639', 'fired silence inventory.updates @639.8']);
	});

	it('takes per-topic overrides', () => {
		const config = only(['silence'], c => {
			c.alerts.rules.silence.topics['orders.created'] = {threshold: 120_000};
			c.alerts.rules.silence.topics['inventory.updates'] = {threshold: 20_000};
		});
		expect(timeline(run(engineFor(config), inOrder(traffic())))).toEqual([
			'fired silence inventory.updates @319.8',
			'resolved silence inventory.updates @628.8',
		]);
	});
});
