// An event-sourced insurance claims service (French event names), as bare payloads with no topic or envelope.
import type {RawEvent} from '../../envelope.js';
import {Random} from './random.js';
import {IsoFormatter} from './time.js';

/** How a claim's lifecycle ended. */
export type ClaimOutcome = 'paid' | 'rejected' | 'paid-after-retry' | 'stuck-in-expertise';

/** One generated claim and its ids. */
export type ClaimRecord = {claimId: string; correlationId: string; outcome: ClaimOutcome};

/** The payloads in arrival order, the claims they tell, and the one event delivered twice. */
export type ClaimsScenario = {events: RawEvent[]; claims: ClaimRecord[]; redeliveredEventId: string};

/** Options of the claims scenario. */
export type ClaimsOptions = {seed: number; startTime?: number; claims?: number; durationMs?: number};

/** Default start: Monday 23 November 2026, 09:00 UTC. */
const defaultStart = Date.UTC(2026, 10, 23, 9, 0, 0);

const perils = ['degat_des_eaux', 'vol', 'incendie', 'bris_de_glace', 'catastrophe_naturelle'];

const outcomeShares: ReadonlyArray<readonly [ClaimOutcome, number]> = [
	['rejected', 0.15], ['paid-after-retry', 0.23], ['stuck-in-expertise', 0.3], ['paid', 1],
];

/** A version-4-shaped UUID from the seeded PRNG. */
function uuid(random: Random): string {
	return `${random.hex(8)}-${random.hex(4)}-4${random.hex(3)}-${random.pick(['8', '9', 'a', 'b'])}${random.hex(3)}-${random.hex(12)}`;
}

/**
 * Claims opened over 30 minutes (40 by default): ReclamationCreee → PiecesJustificativesRecues →
 * ExpertiseDemandee → ExpertiseRealisee → ReclamationValidee → IndemnisationVersee → ReclamationCloturee, or
 * ReclamationRejetee (data.status rejected) → ReclamationCloturee; some payments fail first
 * (IndemnisationEchouee, data.status failed) and are retried; some claims stay stuck after ExpertiseDemandee.
 * Each claim has an `aggregate_id` (claim_NNNNN) and a `correlation_id` (trace_xxxxxx). Payloads arrive a few
 * hundred ms after their time, some seconds late (out of order); one is delivered twice.
 */
export function claimsScenario(options: ClaimsOptions): ClaimsScenario {
	const start = options.startTime ?? defaultStart;
	const total = options.claims ?? 40;
	if (!(total >= 4)) throw new Error('claims scenario: at least 4 claims (the fourth one is redelivered)');
	const durationMs = options.durationMs ?? 1_800_000;
	const random = new Random(options.seed);
	const iso = new IsoFormatter();
	const arrivals: Array<{arrival: number; value: Record<string, unknown>}> = [];
	const claims: ClaimRecord[] = [];
	const traces = new Set<string>();

	for (let i = 0; i < total; i++) {
		const roll = random.next();
		const outcome = outcomeShares.find(([, share]) => roll < share)![0];
		const claimId = `claim_${60_000 + i * 37 + random.int(0, 30)}`;
		let correlationId = `trace_${random.hex(6)}`;
		while (traces.has(correlationId)) correlationId = `trace_${random.hex(6)}`;
		traces.add(correlationId);
		claims.push({claimId, correlationId, outcome});
		let version = 0;
		let time = start + Math.floor(((i + random.next()) * durationMs) / total);
		const emit = (eventType: string, data: Record<string, unknown>, afterSeconds: readonly [number, number]) => {
			time += random.int(afterSeconds[0] * 1000, afterSeconds[1] * 1000);
			const late = random.chance(0.05) ? random.int(1000, 4000) : 0;
			const value = {
				event_id: uuid(random), event_type: eventType, aggregate_id: claimId, version: ++version, data,
				timestamp: iso.format(time).replace('Z', '+00:00'), correlation_id: correlationId,
			};
			arrivals.push({arrival: time + random.int(20, 400) + late, value});
		};

		const estimate = random.int(300, 12_000);
		emit('ReclamationCreee', {numero_police: `POL-${random.int(1_000_000, 9_999_999)}`, type_sinistre: random.pick(perils), montant_estime: estimate, devise: 'EUR'}, [0, 0]);
		emit('PiecesJustificativesRecues', {documents: ['photos', 'facture', 'constat'].slice(0, random.int(1, 3))}, [20, 120]);
		emit('ExpertiseDemandee', {expert_id: `EXP-${random.int(100, 999)}`}, [5, 30]);
		if (outcome === 'stuck-in-expertise') continue;
		const assessed = Math.round(estimate * random.between(0.6, 1.1));
		emit('ExpertiseRealisee', {montant_evalue: assessed}, [60, 240]);
		if (outcome === 'rejected') {
			emit('ReclamationRejetee', {motif: 'exclusion_contractuelle', status: 'rejected'}, [10, 60]);
			emit('ReclamationCloturee', {issue: 'rejetee'}, [2, 10]);
			continue;
		}

		emit('ReclamationValidee', {montant_accorde: assessed}, [10, 60]);
		if (outcome === 'paid-after-retry') emit('IndemnisationEchouee', {motif: 'iban_invalide', status: 'failed'}, [5, 30]);
		emit('IndemnisationVersee', {montant: assessed, iban_masque: `FR76 **** **** ${random.int(1000, 9999)}`}, outcome === 'paid-after-retry' ? [30, 90] : [5, 30]);
		emit('ReclamationCloturee', {issue: 'indemnisee'}, [2, 10]);
	}

	// A consumer retry: one payload of the fourth claim comes again a few seconds later.
	const again = arrivals.find(entry => entry.value.aggregate_id === claims[3]!.claimId && entry.value.version === 2)!;
	arrivals.push({arrival: again.arrival + random.int(2000, 5000), value: again.value});
	arrivals.sort((a, b) => a.arrival - b.arrival);
	return {
		events: arrivals.map(({value}): RawEvent => ({source: 'demo', value})),
		claims,
		redeliveredEventId: again.value.event_id as string,
	};
}
