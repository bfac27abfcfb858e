// A claims event store on a real Redis: bare envelopes (event_id, event_type, aggregate_id, data, timestamp,
// correlation_id) on one stream per event type plus `events:all`, backfilled stream by stream in reverse (the
// closing events first), so entry-id times run backwards and are an hour after the payload times. Read together,
// each event appears once, in payload-time order, with hops of the payload times, and folds into its claim once.
import {setTimeout as delay} from 'node:timers/promises';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {redisSkipReason, useRedis} from '../support/redis.js';
import {runCliUntilRead, stoppedByCtrlC} from '../support/redis-reads.js';
import {useTempDir} from '../support/temp-dir.js';
import {uniqueName} from './reader.js';

const skipReason = redisSkipReason();
const lifecycle = ['ReclamationCreee', 'ReclamationAffectee', 'ReclamationEnCours', 'ReclamationResolue', 'ReclamationCloturee'];
const states = ['Creee', 'Affectee', 'EnCours', 'Resolue', 'Cloturee'];
const stepMs = 600_000;
/** How many lifecycle steps each claim took: claim_0 all five, claim_1 four, …, claim_4 one, claim_5 all five. */
const reached = [5, 4, 3, 2, 1, 5];

describe.skipIf(skipReason)('a claims event store on Redis: per-type streams plus events:all, backfilled', () => {
	const temp = useTempDir('pubsub-redis-event-store-');
	const server = useRedis();
	const prefix = uniqueName('it:claims');
	const base = Date.now() - 3 * 3_600_000;
	const claim = (index: number) => `claim_${index}`;
	const timeOf = (index: number, step: number) => base + index * 60_000 + step * stepMs;
	const streamOf = (type: string) => `${prefix}:claims.${type}`;
	const all = `${prefix}:events:all`;
	// Per stream, its newest entry id: a run has read everything once it asked each stream for what follows.
	const lastIds: Record<string, string> = {};
	const events = 2 * reached.reduce((sum, steps) => sum + steps, 0);

	beforeAll(async () => {
		const redis = server.client;
		for (let step = lifecycle.length - 1; step >= 0; step--) {
			const type = lifecycle[step]!;
			const fieldsOf = (index: number) => [
				'event_id', `evt-${index}-${step}`, 'event_type', type, 'aggregate_id', claim(index),
				'data', JSON.stringify({montant: 100 * (index + 1), etape: step}), 'timestamp', new Date(timeOf(index, step)).toISOString(),
				'correlation_id', `corr-${index}`,
			];
			const claims = reached.flatMap((steps, index) => (step < steps ? [index] : []));
			const own = redis.pipeline();
			for (const index of claims) own.xadd(streamOf(type), '*', ...fieldsOf(index));
			lastIds[streamOf(type)] = (await own.exec())!.at(-1)![1] as string;
			await delay(20);
			const fanOut = redis.pipeline();
			for (const index of claims) fanOut.xadd(all, '*', ...fieldsOf(index));
			lastIds[all] = (await fanOut.exec())!.at(-1)![1] as string;
			await delay(300);
		}
	});

	afterAll(async () => {
		await server.client?.del(...lifecycle.map(type => streamOf(type)), all);
	});

	const everything = () => `${server.url}?streams=${prefix}:*`;
	const cli = async (args: string[]) => {
		const result = await runCliUntilRead(server.client, lastIds, [...args, '--source', everything(), '--from', 'earliest', '--json'], {cwd: temp.path});
		expect(result.stderr).toBe(stoppedByCtrlC(events));
		expect(result.code).toBe(0);
		return JSON.parse(result.stdout);
	};

	it('flow analyze: each event once, in payload-time order, hops of the payload times', async () => {
		const flow = await cli(['flow', 'analyze', '--id', claim(0), '--slow-ms', String(stepMs)]);
		expect(flow.events).toEqual(lifecycle.map((type, step) => ({
			topic: streamOf(type), type, timestamp: new Date(timeOf(0, step)).toISOString(), status: 'ok',
			latencyMs: step === 0 ? null : stepMs, alsoOn: [all],
		})));
	});

	it('state: each claim folded once per event, its copies on events:all counted apart', async () => {
		for (const [index, steps] of reached.entries()) {
			const one = await cli(['state', '--id', claim(index)]);
			expect(one).toMatchObject({
				state: states[steps - 1], version: steps, lastEvent: lifecycle[steps - 1], violations: 0, copies: steps,
				updatedAt: new Date(timeOf(index, steps - 1)).toISOString(), fields: {montant: 100 * (index + 1), etape: steps - 1},
			});
			expect(one.history.map((entry: {type: string}) => entry.type)).toEqual(lifecycle.slice(0, steps));
		}
	});

	it('state at a moment and every claim by state, counted once', async () => {
		const summary = await cli(['state']);
		expect(summary.byState).toEqual({Cloturee: 2, Resolue: 1, EnCours: 1, Affectee: 1, Creee: 1});
		const early = await cli(['state', '--at', new Date(timeOf(0, 2) + 1).toISOString()]);
		expect(early.aggregates[claim(0)]).toMatchObject({state: 'EnCours', version: 3});
		expect(early.aggregates[claim(5)]).toMatchObject({state: 'Affectee', version: 2});
	});

	it('metrics: the copies are no redeliveries', async () => {
		const summary = await cli(['metrics']);
		expect(summary.events).toBe(events);
		expect(summary.duplicates).toBe(0);
	});
});
