// Watches an engine run for a set of scenarios and, once the run has ended, judges each of their expectations.
import type {Engine} from '../engine.js';
import type {Envelope} from '../envelope.js';
import type {TransactionView} from '../queries/transaction.js';
import {sagaFigures, type StageHost} from '../saga-figures.js';
import {createChecker, feedHop, type Checker, type ExpectationResult} from './checkers.js';
import type {Scenario} from './scenario.js';

/** The verdict on one scenario. */
export type ScenarioResult = {
	scenario: Scenario;
	/** Why it was not run (a publishing scenario on a recording). */
	skipped?: string;
	results: ExpectationResult[];
	/** Problems of the scenario as a whole: a published id never seen, an empty scope. */
	problems: string[];
	/** Transactions in its scope (scoped scenarios) or seen (unscoped). */
	transactions: number;
	passed: boolean;
};

/** How many transactions an unscoped scenario remembers to judge their order and duration at the end. */
export const maxWatchedTransactions = 200_000;

/** Options of a watch. */
export type WatchOptions = {
	/** Start of the run (ms): `during` offsets count from it; default the event time of the first event read. */
	startAt?: number;
};

/** A watch over a run; `results()` after the run has ended. */
export type ScenarioWatch = {
	/** The ids a scenario published: its transactions, when it is scoped to what it published. */
	published(index: number, ids: string[]): void;
	/** A scenario that will not run, and why. */
	skip(index: number, reason: string): void;
	/** Judge every scenario; stops watching. */
	results(): ScenarioResult[];
};

type State = {
	scenario: Scenario;
	checkers: Checker[];
	scoped: boolean;
	/** Transactions with an event matching `transactions:` (txId → one of its ids). */
	matched: Map<number, string>;
	published: string[];
	skipped?: string;
};

/** Start watching the engine for these scenarios (before `engine.run()`). */
export function watchScenarios(engine: Engine & StageHost, scenarios: Scenario[], options: WatchOptions = {}): ScenarioWatch {
	let startAt = options.startAt;
	/** One id of every transaction seen (txId → id), for unscoped scenarios and for naming transactions in evidence. */
	const idOfTx = new Map<number, string>();
	let untracked = 0;
	const states: State[] = scenarios.map(scenario => ({
		scenario,
		checkers: scenario.expect.map(expectation => createChecker(expectation)),
		scoped: scenario.transactions !== undefined || scenario.publishedOnly,
		matched: new Map(),
		published: [],
	}));
	const inWindow = (scenario: Scenario, time: number | undefined) => {
		if (!scenario.during) return true;
		if (time === undefined || startAt === undefined) return false;
		return time - startAt >= scenario.during.fromMs && time - startAt < scenario.during.toMs;
	};

	const onBatch = (batch: Envelope[]) => {
		for (const event of batch) {
			startAt ??= event.timestamp;
			if (event.txId > 0 && !idOfTx.has(event.txId) && event.ids.length > 0) {
				if (idOfTx.size < maxWatchedTransactions) idOfTx.set(event.txId, event.ids[0]!);
				else untracked++;
			}

			for (const state of states) {
				const {scenario} = state;
				if (state.scoped) {
					if (scenario.transactions?.matches(event) && event.txId > 0 && event.ids.length > 0 && inWindow(scenario, event.timestamp) && !state.matched.has(event.txId)) state.matched.set(event.txId, event.ids[0]!);
				} else if (inWindow(scenario, event.timestamp)) {
					for (const checker of state.checkers) checker.event?.(event);
				}
			}
		}
	};

	const removeSink = engine.addSink(onBatch);
	const hops = engine.hops$.subscribe(batch => {
		for (const hop of batch) {
			for (const state of states) {
				if (state.scoped || !inWindow(state.scenario, hop.at)) continue;
				for (const checker of state.checkers) feedHop(checker, hop);
			}
		}
	});

	/** Each transaction once (ids found after merges may lead to the same one). */
	const viewsOf = (ids: Iterable<string>): TransactionView[] => {
		const views = new Map<number, TransactionView>();
		for (const id of ids) {
			const view = engine.transaction(id);
			if (view && !views.has(view.txId)) views.set(view.txId, view);
		}

		return [...views.values()];
	};

	const judge = (state: State): ScenarioResult => {
		const {scenario, checkers} = state;
		const problems: string[] = [];
		let views: TransactionView[];
		if (state.scoped) {
			if (scenario.publishedOnly) {
				for (const id of state.published) if (!engine.transaction(id)) problems.push(`published ${id}: never observed within ${scenario.withinMs} ms`);
				const published = viewsOf(state.published);
				const matchedIds = new Set(viewsOf(state.matched.values()).map(view => view.txId));
				views = published.filter(view => (scenario.transactions === undefined || matchedIds.has(view.txId)) && inWindow(scenario, view.steps[0]?.event.timestamp));
			} else {
				views = viewsOf(state.matched.values());
			}

			if (views.length === 0) problems.push(`no transaction in scope${scenario.transactions ? ` (none has an event matching ${scenario.transactions.expr})` : ''}`);
			for (const view of views) for (const step of view.steps) for (const checker of checkers) checker.event?.(step.event);
		} else {
			views = viewsOf(idOfTx.values()).filter(view => inWindow(scenario, view.steps[0]?.event.timestamp));
			if (untracked > 0 && checkers.some(checker => checker.transaction)) problems.push(`only the first ${maxWatchedTransactions} transactions were judged (${untracked} more seen)`);
		}

		for (const view of views) for (const checker of checkers) checker.transaction?.(view);
		const context = {alerts: engine.runAlerts(), sagas: sagaFigures(engine), idOf: (txId: number) => idOfTx.get(txId)};
		const results = checkers.map(checker => checker.finish(context));
		return {scenario, results, problems, transactions: views.length, passed: problems.length === 0 && results.every(result => result.passed)};
	};

	return {
		published(index, ids) {
			states[index]!.published.push(...ids);
		},
		skip(index, reason) {
			states[index]!.skipped = reason;
		},
		results() {
			removeSink();
			hops.unsubscribe();
			return states.map(state => (state.skipped === undefined
				? judge(state)
				: {scenario: state.scenario, skipped: state.skipped, results: [], problems: [], transactions: 0, passed: true}));
		},
	};
}
