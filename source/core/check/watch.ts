// Watches an engine run for a set of scenarios and, once the run has ended, judges each of their expectations.
import type {Engine} from '../engine.js';
import type {Envelope} from '../envelope.js';
import type {TransactionView} from '../queries/transaction.js';
import {sagaFigures, type StageHost} from '../saga-figures.js';
import {createChecker, feedHop, type Checker, type Evidence, type ExpectationResult} from './checkers.js';
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
const maxWatchedTransactions = 200_000;

/** Options of a watch. */
export type WatchOptions = {
	/** Start of the run (ms): `during` offsets count from it; default the event time of the first event read. */
	startAt?: number;
	/** How evidence shows event values (masked by a personalDataMask unless `--show-pii`), and where fields are looked for. */
	evidence: Evidence;
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
	/** Scoped: transactions with an event matching `transactions:` (txId → one of its ids). Unscoped: those with an event in the window. */
	matched: Map<number, string>;
	/** Unscoped: the events judged (in the window, each once); none is nothing to judge, not a pass. */
	events: number;
	published: string[];
	skipped?: string;
};

/** Start watching the engine for these scenarios (before `engine.run()`). */
export function watchScenarios(engine: Engine & StageHost, scenarios: Scenario[], options: WatchOptions): ScenarioWatch {
	let startAt = options.startAt;
	/** One id of each transaction seen (txId → id, the first 200,000), to name transactions in evidence. */
	const idOfTx = new Map<number, string>();
	const states: State[] = scenarios.map(scenario => ({
		scenario,
		checkers: scenario.expect.map(expectation => createChecker(expectation, options.evidence)),
		scoped: scenario.transactions !== undefined || scenario.publishedOnly,
		matched: new Map(),
		events: 0,
		published: [],
	}));
	// The watch of scenario `index` (callers pass indexes of `scenarios`; another is a bug, said as such).
	const stateOf = (index: number): State => {
		const state = states[index];
		if (state === undefined) throw new RangeError(`no scenario ${index}: ${states.length} are watched`);
		return state;
	};
	const inWindow = (scenario: Scenario, time: number | undefined) => {
		if (!scenario.during) return true;
		if (time === undefined || startAt === undefined) return false;
		return time - startAt >= scenario.during.fromMs && time - startAt < scenario.during.toMs;
	};

	const onBatch = (batch: Envelope[]) => {
		for (const event of batch) {
			startAt ??= event.timestamp;
			const [firstId] = event.ids;
			if (event.txId > 0 && firstId !== undefined && idOfTx.size < maxWatchedTransactions && !idOfTx.has(event.txId)) idOfTx.set(event.txId, firstId);

			for (const state of states) {
				const {scenario} = state;
				if (state.scoped) {
					if (scenario.transactions?.matches(event) && event.txId > 0 && firstId !== undefined && inWindow(scenario, event.timestamp) && !state.matched.has(event.txId)) state.matched.set(event.txId, firstId);
				} else if (inWindow(scenario, event.timestamp)) {
					// An event read twice (a redelivery, a copy on another topic) is one event, as in query and the timelines.
					if (!event.duplicate && !event.copy) {
						state.events++;
						for (const checker of state.checkers) checker.event?.(event);
					}
					if (event.txId > 0 && firstId !== undefined && state.matched.size < maxWatchedTransactions && !state.matched.has(event.txId)) state.matched.set(event.txId, firstId);
				}
			}
		}
	};

	const removeSink = engine.addSink(onBatch);
	const alerts = engine.alerts$.subscribe(transition => {
		if (transition.kind !== 'fired') return;
		for (const state of states) for (const checker of state.checkers) checker.alert?.(transition.alert);
	});
	const hops = engine.hops$.subscribe(batch => {
		for (const hop of batch) {
			for (const state of states) {
				if (state.scoped || !inWindow(state.scenario, hop.at)) continue;
				for (const checker of state.checkers) feedHop(checker, hop);
			}
		}
	});

	/**
	 * Each transaction of these ids once (ids found before merges may lead to the same one), one at a time so that
	 * no more than one timeline is held; `keep` chooses which reach `use`.
	 */
	const eachView = (ids: Iterable<string>, keep: (view: TransactionView) => boolean, use: (view: TransactionView) => void): void => {
		const done = new Set<number>();
		for (const id of ids) {
			const view = engine.transaction(id);
			if (!view || done.has(view.txId)) continue;
			done.add(view.txId);
			if (keep(view)) use(view);
		}
	};

	const judge = (state: State): ScenarioResult => {
		const {scenario, checkers} = state;
		const problems: string[] = [];
		// Unscoped, a checker that takes hops has had them from the run (hops$): its timelines would count them twice.
		const byTransaction = checkers.filter(checker => checker.transaction && (state.scoped || !checker.hop));
		let transactions = 0;
		const feed = (view: TransactionView, events: boolean) => {
			transactions++;
			if (events) for (const step of view.steps) for (const checker of checkers) checker.event?.(step.event);
			for (const checker of byTransaction) checker.transaction!(view);
		};

		if (state.scoped) {
			const startsInWindow = (view: TransactionView) => inWindow(scenario, view.steps[0]?.event.timestamp);
			if (scenario.publishedOnly) {
				for (const id of state.published) if (!engine.transaction(id)) problems.push(`published ${id}: never observed within ${scenario.withinMs} ms`);
				const matched = new Set<number>();
				if (scenario.transactions) eachView(state.matched.values(), () => true, view => matched.add(view.txId));
				eachView(state.published, view => (scenario.transactions === undefined || matched.has(view.txId)) && startsInWindow(view), view => feed(view, true));
			} else {
				eachView(state.matched.values(), () => true, view => feed(view, true));
			}

			if (transactions === 0) problems.push(`no transaction in scope${scenario.transactions ? ` (none has an event matching ${scenario.transactions.expr})` : ''}`);
		} else if (byTransaction.length > 0) {
			// Events were judged as they came; the transactions that had one in the window are judged whole now.
			eachView(state.matched.values(), view => inWindow(scenario, view.steps[0]?.event.timestamp), view => feed(view, false));
			if (state.matched.size >= maxWatchedTransactions) problems.push(`only the first ${maxWatchedTransactions} transactions were judged`);
		} else {
			// Transactions seen apart at first may have merged since (a payment's id joining its order): count each once.
			transactions = new Set([...state.matched.values()].map(id => engine.store.transactionId(id))).size;
		}

		if (!state.scoped && state.events === 0) problems.push(`no event in scope: ${scenario.during ? 'none in its during window' : 'the input held none'}`);

		const context = {sagas: sagaFigures(engine), idOf: (txId: number) => idOfTx.get(txId)};
		const results = checkers.map(checker => checker.finish(context));
		return {scenario, results, problems, transactions, passed: problems.length === 0 && results.every(result => result.passed)};
	};

	return {
		published(index, ids) {
			stateOf(index).published.push(...ids);
		},
		skip(index, reason) {
			stateOf(index).skipped = reason;
		},
		results() {
			removeSink();
			hops.unsubscribe();
			alerts.unsubscribe();
			return states.map(state => (state.skipped === undefined
				? judge(state)
				: {scenario: state.scenario, skipped: state.skipped, results: [], problems: [], transactions: 0, passed: true}));
		},
	};
}
