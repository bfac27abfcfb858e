import {describe, expect, it} from 'vitest';
import {createAlertEngine} from '../../../source/core/alerts/engine.js';
import {at, event, only, timeline} from './helpers.js';

describe('reported rules: saga.failed, saga.timeout and a stage\'s own rules', () => {
	it('raise one alert per transaction, resolved a window after the last report', () => {
		const engine = createAlertEngine(only(['saga.failed', 'saga.timeout']));
		const transitions = [
			...engine.onBatch([event('orders.created', at(90), {orderId: 'ORD-1'})], []),
			...engine.onExternal({rule: 'saga.failed', key: 'ORD-1', at: at(100), message: 'saga checkout ORD-1 failed at PaymentDeclined'}),
			...engine.onExternal({rule: 'saga.failed', key: 'ORD-1', at: at(150), message: 'saga checkout ORD-1 failed again'}),
			...engine.onExternal({rule: 'saga.timeout', key: 'ORD-2', at: at(160), value: 45_000, threshold: 30_000, message: 'saga checkout ORD-2 took 45 s (limit 30 s)', exampleIds: ['ORD-2', 'PAY-2']}),
			...engine.onBatch([event('orders.created', at(500), {orderId: 'ORD-3'})], []),
		];
		expect(timeline(transitions)).toEqual([
			'fired saga.failed ORD-1 @100',
			'fired saga.timeout ORD-2 @160',
			'resolved saga.failed ORD-1 @450',
			'resolved saga.timeout ORD-2 @460',
		]);
		expect(transitions[0]!.alert).toMatchObject({severity: 'critical', value: 1, threshold: 1, message: 'saga checkout ORD-1 failed at PaymentDeclined', exampleIds: ['ORD-1']});
		expect(transitions[1]!.alert).toMatchObject({severity: 'warning', value: 45_000, threshold: 30_000, exampleIds: ['ORD-2', 'PAY-2']});
	});

	it('ignores reports of a disabled saga rule', () => {
		const engine = createAlertEngine(only(['saga.timeout']));
		expect(engine.onExternal({rule: 'saga.failed', key: 'ORD-1', at: at(100), message: 'failed'})).toEqual([]);
		expect(engine.firing()).toEqual([]);
	});

	it('gives a stage\'s own rule the severity and window it reports, and resolves it like any other', () => {
		const engine = createAlertEngine(only([]));
		const transitions = [
			...engine.onExternal({rule: 'flow.edge-vanished', key: 'payments->shipping', at: at(100), message: 'edge vanished', severity: 'critical', windowMs: 30_000}),
			...engine.onExternal({rule: 'my.rule', key: 'k', at: at(110), message: 'mine'}),
			...engine.onBatch([event('orders.created', at(300), {orderId: 'ORD-3'})], []),
		];
		expect(timeline(transitions)).toEqual([
			'fired flow.edge-vanished payments->shipping @100',
			'fired my.rule k @110',
			'resolved flow.edge-vanished payments->shipping @130',
			'resolved my.rule k @170',
		]);
		expect(transitions[0]!.alert.severity).toBe('critical');
		expect(transitions[1]!.alert.severity).toBe('warning');
	});
});
