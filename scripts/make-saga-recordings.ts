// Writes the saga recordings (checkout, parcel, ride-booking) to recordings/ (or the directory given as argument),
// the same bytes every run:  npm run build && node dist/scripts/make-saga-recordings.js
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {sagaScenarios, type SagaScenario} from './saga-scenarios.js';

const directory = path.resolve(process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '../../recordings'));
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

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
	for (const make of sagaScenarios) {
		const scenario = make();
		fs.writeFileSync(path.join(directory, scenario.file), recordingText(scenario));
		const outcomes: Record<string, number> = {};
		for (const instance of scenario.instances) outcomes[instance.outcome] = (outcomes[instance.outcome] ?? 0) + 1;
		process.stdout.write(`${scenario.file}: ${scenario.events.length} events, ${scenario.instances.length} instances ${JSON.stringify(outcomes)}\n`);
	}
}
