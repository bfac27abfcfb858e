// An event store of insurance claims as bare envelopes (event_id, event_type, aggregate_id, data, timestamp,
// correlation_id), following the lifecycle ReclamationCreee → ReclamationAffectee → ReclamationEnCours →
// ReclamationResolue → ReclamationCloturee over an afternoon, with claims left in every state.
import type {RawEvent} from '../../envelope.js';
import {Random} from './random.js';
import {IsoFormatter} from './time.js';

/** The lifecycle's event types, in order. */
export const claimLifecycle = ['ReclamationCreee', 'ReclamationAffectee', 'ReclamationEnCours', 'ReclamationResolue', 'ReclamationCloturee'] as const;

/** How a planted event breaks the lifecycle. */
export type ClaimBreak = 'skips-a-step' | 'after-closing';

/** One generated claim: its ids, how far its lifecycle got, and the event planted to break it, if any. */
export type StoredClaim = {claimId: string; clientId: string; correlationId: string; reached: number; breaks?: ClaimBreak};

/** The lines in the order the store exported them, the claims, and the event exported twice. */
export type ClaimsStoreScenario = {events: RawEvent[]; claims: StoredClaim[]; exportedTwiceEventId: string};

/** Options of the claims store scenario. */
export type ClaimsStoreOptions = {seed: number; startTime?: number; claims?: number};

/** Default start: Monday 23 November 2026, 09:00 UTC. */
const defaultStart = Date.UTC(2026, 10, 23, 9, 0, 0);

const clients = ['client-001', 'client-002', 'client-003', 'client-004', 'client-005', 'client-006'];

/**
 * Claims opened over four hours (30 by default), each taken through the first `reached` + 1 steps of the
 * lifecycle, 5 to 50 minutes apart; the i-th claim reaches step i mod 5, so every state is held. Two claims carry
 * an event that breaks the lifecycle: the second claim jumps from created to resolved (then is assigned as it
 * should be), the fifth is worked on again after closing. Lines are in event-time order except a few exported
 * up to 20 minutes late (a backfill); one event is exported twice.
 */
export function claimsStoreScenario(options: ClaimsStoreOptions): ClaimsStoreScenario {
	const start = options.startTime ?? defaultStart;
	const total = options.claims ?? 30;
	if (!(total >= 5)) throw new Error('claims store scenario: at least 5 claims');
	const random = new Random(options.seed);
	const iso = new IsoFormatter();
	const lines: Array<{order: number; value: Record<string, unknown>}> = [];
	const claims: StoredClaim[] = [];
	let sequence = 0;
	const eventId = () => `evt-${String(++sequence).padStart(5, '0')}-${random.hex(8)}`;

	for (let i = 0; i < total; i++) {
		const claimId = `claim_${67_890 + i}`;
		const clientId = clients[i % clients.length]!;
		const correlationId = `corr-${random.hex(10)}`;
		const reached = i % claimLifecycle.length;
		const breaks: ClaimBreak | undefined = i === 1 ? 'skips-a-step' : i === 4 ? 'after-closing' : undefined;
		claims.push({claimId, clientId, correlationId, reached, ...(breaks ? {breaks} : {})});
		let time = start + Math.floor((i * 4 * 3600_000) / total) + random.int(0, 60_000);
		const amount = random.int(200, 15_000);
		const emit = (eventType: string, data: Record<string, unknown>) => {
			const late = random.chance(0.1) ? random.int(60_000, 1_200_000) : 0;
			lines.push({
				order: time + late,
				value: {
					event_id: eventId(), event_type: eventType, aggregate_id: claimId, data,
					timestamp: iso.format(time).replace('Z', '+00:00'), correlation_id: correlationId,
				},
			});
		};

		const later = () => {
			time += random.int(5, 50) * 60_000 + random.int(0, 59_999);
		};

		emit('ReclamationCreee', {client_id: clientId, montant_estime: amount, devise: 'EUR', statut: 'ouverte'});
		if (breaks === 'skips-a-step') {
			later();
			emit('ReclamationResolue', {montant_accorde: amount, statut: 'resolue'});
		}

		const steps: Array<Record<string, unknown>> = [
			{gestionnaire: `GEST-${random.int(10, 99)}`, statut: 'affectee'},
			{statut: 'en_cours', expert_id: `EXP-${random.int(100, 999)}`},
			{statut: 'resolue', montant_accorde: Math.round(amount * random.between(0.5, 1))},
			{statut: 'cloturee'},
		];
		for (let step = 1; step <= reached; step++) {
			later();
			emit(claimLifecycle[step]!, steps[step - 1]!);
		}

		if (breaks === 'after-closing') {
			later();
			emit('ReclamationEnCours', {statut: 'en_cours', motif: 'reouverture'});
		}
	}

	// An export that overlapped: one line of the third claim comes twice.
	const again = lines.find(line => line.value.aggregate_id === claims[2]!.claimId && line.value.event_type === 'ReclamationAffectee')!;
	lines.push({order: again.order + 1, value: again.value});
	lines.sort((a, b) => a.order - b.order);
	return {
		events: lines.map(({value}): RawEvent => ({source: 'demo', value})),
		claims,
		exportedTwiceEventId: again.value.event_id as string,
	};
}
