import {describe, expect, it} from 'vitest';
import {createAlertEngine} from '../../../source/core/alerts/engine.js';
import {at, configWith, event, only, timeline} from './helpers.js';

const tick = (seconds: number) => [event('clock', at(seconds), {})];

describe('lag', () => {
	it('fires for groups above 10 000 (lag or Redis pending), holds while they stay above, resolves a minute after they drop', () => {
		const engine = createAlertEngine(only(['lag']));
		const transitions = [
			...engine.onBatch(tick(100), []),
			...engine.onLag([
				{group: 'billing', topic: 'payment.transactions', lag: 12_000},
				{group: 'mailer', topic: 'customer.notifications', lag: 9000},
				{group: 'workers', topic: 'jobs', lag: 0, pending: 15_000},
			]),
			...engine.onBatch(tick(130), []),
			...engine.onLag([
				{group: 'billing', topic: 'payment.transactions', lag: 11_000},
				{group: 'mailer', topic: 'customer.notifications', lag: 10_000},
				{group: 'workers', topic: 'jobs', lag: 0, pending: 20},
			]),
			...engine.onBatch(tick(189), []),
			...engine.onBatch(tick(190), []),
			// billing no longer reported (its source went away): its condition ends now.
			...engine.onLag([{group: 'workers', topic: 'jobs', lag: 0, pending: 0}]),
			...engine.onBatch(tick(260), []),
			...engine.flush(),
		];
		expect(timeline(transitions)).toEqual([
			'fired lag billing@payment.transactions @100',
			'fired lag workers@jobs @100',
			'resolved lag workers@jobs @190',
			'resolved lag billing@payment.transactions @250',
		]);
		expect(transitions.map(({alert}) => alert.message).slice(0, 2)).toEqual([
			'group billing lags 12000 messages behind on payment.transactions (threshold 10000)',
			'group workers has 15000 pending entries on jobs (threshold 10000)',
		]);
		expect(transitions[0]!.alert).toMatchObject({severity: 'warning', value: 12_000, threshold: 10_000});
	});

	it('sums readings of one group and topic, and dates readings taken before any event by the wall clock', () => {
		const engine = createAlertEngine(only(['lag']), () => at(5));
		const fired = engine.onLag([
			{group: 'billing', topic: 'payment.transactions', lag: 6000},
			{group: 'billing', topic: 'payment.transactions', lag: 6000},
		]);
		expect(timeline(fired)).toEqual(['fired lag billing@payment.transactions @5']);
		expect(fired[0]!.alert.value).toBe(12_000);
	});

	it('stays silent when disabled', () => {
		const engine = createAlertEngine(configWith(config => {
			config.alerts.rules.lag.enabled = false;
		}));
		expect(engine.onLag([{group: 'billing', topic: 'payment.transactions', lag: 1e9}])).toEqual([]);
	});
});
