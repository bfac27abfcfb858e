// The saga state of one transaction, from its own events: what the transaction view shows, exact for any
// transaction in the store (the stage keeps only problem instances once they finish).
import type {EngineSnapshot, TransactionInfo, TransactionView} from '../../source/plugin-api/index.js';
import type {SagaCatalog} from './catalog.js';
import {instanceLine, stateOutcomes} from './instance-text.js';
import {createSagaTrackers, reasonMask} from './stage.js';
import type {InstanceSummary, SagaState} from './tracker.js';

/** Every instance, among `view`'s events, of the sagas the input has shown, judged at event time `now` (overdue by then: timed out, or compensation missing). */
function classifyTransaction(catalog: SagaCatalog, view: TransactionView, now: number): InstanceSummary[] {
	const finished: InstanceSummary[] = [];
	// Only sagas the input has shown; the transaction's own events need not include an end event then.
	const definitions = catalog.definitions().filter(definition => !definition.needsEnd || catalog.shown.has(definition.name)).map(definition => ({...definition, needsEnd: false}));
	// A reason masked as the stage masks it, with the personal values of every event of the transaction.
	const masking = catalog.fields === undefined ? {} : {maskReason: reasonMask(catalog.fields, () => view, () => [])};
	const {trackers, byType} = createSagaTrackers(definitions, undefined, instance => finished.push(instance), {latenessMs: 0, containers: catalog.containers, ...masking});
	const events = view.steps.map(step => step.event).sort((a, b) => (a.timestamp ?? a.receivedAt) - (b.timestamp ?? b.receivedAt));
	let clock = Number.NEGATIVE_INFINITY;
	for (const event of events) {
		const roles = byType.get(event.type);
		if (roles === undefined) continue;
		clock = Math.max(clock, event.timestamp ?? event.receivedAt);
		for (const {tracker, role} of roles) tracker.ingest(event, role, clock);
	}

	// Overdue now decides; a failed instance whose compensations are not yet due stays pending.
	for (const tracker of trackers) tracker.advance(Math.max(now, clock));
	return [...finished, ...trackers.flatMap(tracker => tracker.openInstances())];
}

/** States from the worst: the order of stateOutcomes. */
const worstFirst = Object.keys(stateOutcomes) as SagaState[];

/** The transaction view's saga line(s), the worst instance first: its outcome is the one the header shows. */
export function sagaTransactionInfo(catalog: SagaCatalog): TransactionInfo {
	return {
		name: 'saga',
		lines: (view: TransactionView, snapshot: EngineSnapshot) => classifyTransaction(catalog, view, snapshot.alertNow)
			.sort((a, b) => worstFirst.indexOf(a.state) - worstFirst.indexOf(b.state))
			.map(instance => ({text: instanceLine(instance), outcome: stateOutcomes[instance.state]})),
	};
}
