// The saga hook: figures come from an engine's "sagas" stage when it has one, and saga expectations judge them.
import {describe, expect, it} from 'vitest';
import {sagaFigures} from '../../../source/core/saga-figures.js';
import {createChecker} from '../../../source/core/check/checkers.js';
import {defaultConfig} from '../../../source/core/config.js';
import {parseScenarios} from '../../../source/core/check/scenario-file.js';
import {engineFamiliesOfSagas} from '../../../source/core/prometheus/engine-metrics.js';
import {exposition} from '../../../source/core/prometheus/exposition.js';

const stage = {sagas: [
	{name: 'checkout', applies: true, counts: {instances: 10, completed: 7, failed: 1, compensated: 1, timedOut: 1, inProgress: 0}},
	{name: 'claims', applies: true, counts: {instances: 2, completed: 'x'}},
	{name: 'parcel', applies: false, counts: {instances: 0}},
	{name: 'ride', applies: true, counts: {instances: 0}},
]};
const withStage = {stage: (name: string) => (name === 'sagas' ? stage : undefined)};

describe('sagaFigures', () => {
	it('reads the sagas stage: the sagas with instances, missing or non-numeric outcomes counted as 0', () => {
		expect(sagaFigures(withStage)).toEqual({
			checkout: {instances: 10, completed: 7, failed: 1, compensated: 1, timedOut: 1, inProgress: 0},
			claims: {instances: 2, completed: 0, failed: 0, compensated: 0, timedOut: 0, inProgress: 0},
		});
	});

	it('is undefined without a saga stage', () => {
		expect(sagaFigures({stage: () => undefined})).toBeUndefined();
	});
});

describe('saga expectations and metrics', () => {
	const [scenario] = parseScenarios(`scenarios:
  - name: sagas
    expect:
      - saga: {name: checkout, completed: {atLeast: 7}, failed: 1, timedOut: {atMost: 0}}
`, 'sagas.yaml', '.', defaultConfig.fields.containers);
	const evidence = {mask: undefined, containers: defaultConfig.fields.containers};
	const context = (sagas: ReturnType<typeof sagaFigures>) => ({alerts: [], sagas, idOf: () => undefined});

	it('judges each bounded outcome and names the one outside its bound', () => {
		const result = createChecker(scenario!.expect[0]!, evidence).finish(context(sagaFigures(withStage)));
		expect(result.passed).toBe(false);
		expect(result.evidence).toEqual(['instances 10, completed 7, failed 1, compensated 1, timedOut 1, inProgress 0', 'timedOut 1, expected at most 0']);
		const fixed = createChecker(scenario!.expect[0]!, evidence).finish(context({checkout: {...sagaFigures(withStage)!.checkout!, timedOut: 0}}));
		expect(fixed.passed).toBe(true);
	});

	it('fails with a reason when no saga stage runs', () => {
		const result = createChecker(scenario!.expect[0]!, evidence).finish(context(undefined));
		expect(result).toMatchObject({passed: false, evidence: ['no saga figures: the engine runs no saga stage (the saga plugin is not loaded)']});
	});

	it('exports saga outcomes as a gauge by saga and outcome', async () => {
		const text = await exposition(engineFamiliesOfSagas(withStage));
		expect(text).toContain('# TYPE pubsub_tools_saga_instances gauge\n');
		expect(text).toContain('pubsub_tools_saga_instances{saga="checkout",outcome="timedOut"} 1\n');
		expect(await exposition(engineFamiliesOfSagas({stage: () => undefined}))).toBe('\n');
	});
});
