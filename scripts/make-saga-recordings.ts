// Writes the saga recordings (checkout, parcel, ride-booking) to recordings/ (or the directory given as argument),
// the same bytes every run:  npm run build && node dist/scripts/make-saga-recordings.js  (npm run recordings runs
// it too, and puts sagaReadme in recordings/README.md)
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {sagaScenarios, type SagaScenario} from './saga-scenarios.js';

const iso = (ms: number) => new Date(ms).toISOString();

/** The recording's text: a header line, then one envelope line per event in arrival order (recording-format.md). */
export function recordingText(scenario: SagaScenario): string {
	const first = scenario.events[0]!;
	const header = JSON.stringify({$recording: {version: 1, createdAt: iso(first.receivedAt!), source: `saga scenario ${scenario.name}`}});
	const lines = scenario.events.map(event => JSON.stringify({
		topic: event.topic,
		partition: event.partition,
		offset: event.offset,
		value: event.value,
		timestamp: iso(event.timestamp!),
		recordedAt: iso(event.receivedAt!),
		source: event.source,
	}));
	return `${[header, ...lines].join('\n')}\n`;
}

/** Write every saga recording into `directory`; returns one line per file (events, instances, outcomes). */
export function writeSagaRecordings(directory: string): string[] {
	return sagaScenarios.map(make => {
		const scenario = make();
		fs.writeFileSync(path.join(directory, scenario.file), recordingText(scenario));
		const outcomes: Record<string, number> = {};
		for (const instance of scenario.instances) outcomes[instance.outcome] = (outcomes[instance.outcome] ?? 0) + 1;
		return `${scenario.file}: ${scenario.events.length} events, ${scenario.instances.length} instances ${JSON.stringify(outcomes)}`;
	});
}

/** The saga recordings' section of recordings/README.md. */
export const sagaReadme = `
## checkout.jsonl, parcel.jsonl, ride-booking.jsonl — one per built-in saga of the sagas plugin

Made by \`scripts/saga-scenarios.ts\` (\`npm run build && node dist/scripts/make-saga-recordings.js\`, same bytes every
run): 30 interleaved instances each, envelope lines in arrival order; a few events arrive after later ones (out of
event-time order). \`test/plugins/sagas/saga-command.test.ts\` checks that each file is what its scenario makes and
that \`pubsub-tools saga\` counts exactly the planned outcomes.

- \`checkout.jsonl\` — the choreographed checkout on a Redis stream \`checkout.events\` (\`type\`, \`checkout_id\`, each
  step due within 60 s): 20 completed (3 with \`CheckoutInitiated\` arriving after \`StockReserved\`), 4
  \`StockReservationFailed\` (nothing to compensate), 3 \`OrderCreationFailed\` compensated by \`StockReleased\`, 1
  \`OrderCreationFailed\` whose \`StockReleased\` never comes, 2 hung after \`StockReserved\` (timed out). Failures carry
  a \`reason\`.
- \`parcel.jsonl\` — the parcel saga over eight days on Kafka topic \`colis.evenements\` (\`eventType\`, \`colisId\`):
  18 delivered (\`ColisLivre\`), 3 \`PaiementRefuse\`, 4 \`StockIndisponible\` refunded (\`RemboursementEffectue\`), 2
  \`ExpeditionEchouee\` compensated by \`AnnulationStock\` and \`RemboursementEffectue\` (the failure arrives after its
  compensations), 1 \`ExpeditionEchouee\` whose \`AnnulationStock\` never comes, 2 shipped and never delivered within
  5 days (timed out). Failures carry a \`motif\`.
- \`ride-booking.jsonl\` — ride booking on Kafka topic \`rides\` (\`event_type\`, \`booking_id\`): 18 completed (3 with
  \`RideRequested\` arriving after \`DriverMatched\`), 3 \`NoDriverFound\`, 3 \`DriverDeclined\` compensated by
  \`MatchCancelled\`, 2 \`RideCancelledByRider\` compensated by \`DriverReleased\` and \`MatchCancelled\`, 1 \`TripAborted\`
  whose \`MatchCancelled\` never comes, 3 timed out waiting for \`DriverAccepted\` (due 30 s after the match; one
  accepts 45 s after it and completes, still timed out). Failures carry \`data.reason\`.

The demo's \`ecommerce.jsonl.gz\` is the recording of the fourth built-in saga, \`ecommerce-order\`.
`;

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
	const directory = path.resolve(process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '../../recordings'));
	process.stdout.write(`${writeSagaRecordings(directory).join('\n')}\n`);
}
