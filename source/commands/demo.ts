// `pubsub-tools demo --publish`: the simulator's scenario published into a real Kafka or Redis, in real time.
import {openPublisher} from '../core/sources/publish.js';
import {publishableText, publishableUrls} from '../core/sources/registry.js';
import type {HeldEvents} from '../core/sources/source.js';
import {demoPhases, simulatorSource} from '../core/sources/simulator/source.js';
import {shopTopics} from '../core/sources/simulator/events.js';
import {defineCommand} from './support/command.js';
import {usageError} from './support/errors.js';
import {parseDuration} from './support/parse.js';
import {runStopSignals} from './support/stop-signals.js';
import {configFrom} from './support/session.js';
import {counted, formatCount} from '../core/units/format.js';
import {sanitize} from '../core/sanitize.js';
import {giveWay, type Piece} from '../ui/text/give-way.js';

/** The demo command. */
export const demoCommand = defineCommand({
	name: 'demo',
	summary: 'publish the simulated e-commerce system into a real Kafka or Redis (try the monitor end to end)',
	help: `
  Usage: pubsub-tools demo --publish ${publishableUrls('HOST:PORT').join(' | ')} [--seed N] [--rate-scale 2] [--duration 10m]
                          [--config FILE]

  Publishes the simulator's scenario (normal traffic, a Black Friday peak, an incident, recovery, and the planted
  fraud / rate-limit / redelivery anomalies) in real time. Kafka topics are created when missing (3 partitions),
  and made again as they were when the broker loses them (one restarted empty); Redis streams are named after the
  topics. The recovery lasts until the incident's alerts have resolved under the
  alert windows of --config (default: ./pubsub-tools.config.yaml when present), so give it the monitor's config.
  Ctrl-C stops, as do SIGTERM and a closed terminal (SIGHUP).

  Examples:
    npm run kafka                                                     # terminal 1: a local broker
    npx pubsub-tools demo --publish kafka://127.0.0.1:19092            # terminal 2
    npx pubsub-tools monitor --source 'kafka://127.0.0.1:19092?topics=orders.*,payment.*,inventory.*,customer.*,shipping.*'
    npx pubsub-tools demo --publish redis://127.0.0.1:6379
    npx pubsub-tools monitor --source 'redis://127.0.0.1:6379?streams=orders.*,payment.*,inventory.*,customer.*,shipping.*'`,
	flags: {publish: {type: 'string'}, seed: {type: 'number', default: 42}, rateScale: {type: 'number', default: 1}, duration: {type: 'string'}, config: {type: 'string'}},
	async run(_args, flags) {
		const {publish, seed, rateScale, duration, config} = flags;
		if (!publish) throw usageError(`demo: --publish URL is required (${publishableText('HOST:PORT')}); for the UI on the simulator run pubsub-tools with no arguments`);
		if (!(rateScale > 0)) throw usageError('--rate-scale: expected a positive number');
		const durationMs = duration === undefined ? undefined : parseDuration(duration, 'duration');
		const settings = configFrom({config});
		const phases = demoPhases(settings);
		// A broker's outage does not stop the demo (watching the monitor through one is a reason to run it): events for
		// partitions without a leader, or for a broker out of reach, are held and sent once it is back.
		const publisher = await openPublisher(publish, Object.values(shopTopics), settings.fields, {hold: true});
		const source = simulatorSource({seed, mode: 'realtime', rateScale, phases});
		const stop = () => void source.close();
		// A closed terminal too (SIGHUP): what was published, and what is still held, is said (a log keeps it) instead of a kill.
		for (const signal of runStopSignals) process.once(signal, stop);
		const timer = durationMs === undefined ? undefined : setTimeout(stop, durationMs);
		let published = 0;
		let shown = 0;
		/** Events held back or given up on so far: what was handed over and has not been sent. */
		const unsent = () => {
			const held = publisher.held?.();
			return held ? held.events + held.dropped : 0;
		};

		const status = setInterval(() => {
			const line = progressLine({published, perSecond: published - shown, to: publisher.name, phase: source.health().phase, held: publisher.held?.(), news: publisher.news?.()}, process.stderr.isTTY ? process.stderr.columns : undefined);
			process.stderr.write(`${line}\n`);
			shown = published;
		}, 1000);
		try {
			for await (const batch of source.batches()) {
				const before = unsent();
				await publisher.publish(batch.events);
				published += batch.events.length + before - unsent();
			}
		} finally {
			clearInterval(status);
			if (timer) clearTimeout(timer);
			for (const signal of runStopSignals) process.off(signal, stop);
			const before = unsent();
			await publisher.close();
			published += before - unsent();
		}

		// What happened since the last progress line is said still.
		const news = publisher.news?.();
		if (news) process.stderr.write(`demo: ${sanitize(news)}\n`);
		process.stderr.write(`published ${counted(published, 'event')} to ${publisher.name}\n`);
		const held = publisher.held?.();
		if (!held) return 0;
		process.stderr.write(`demo: ${counted(held.events + held.dropped, 'event')} not sent: ${heldWords(held)}\n`);
		return 1;
	},
});

/** What a publisher holds back, said for the status line: `12 waiting for partition orders.created/1 without a leader`. */
function heldWords(held: HeldEvents): string {
	return heldPieces(held).map(piece => piece.text).join('');
}

/**
 * heldWords as pieces of a line, what it waits for (a broker and why it does not answer) the piece that gives way;
 * `short` says the events given up on in a word.
 */
function heldPieces({events, dropped, where}: HeldEvents, short = false): Piece[] {
	const waiting: Piece[] = events > 0 ? [{text: `${formatCount(events)} waiting for `}, {text: sanitize(where), name: 'start'}] : [];
	const given: Piece[] = dropped > 0 ? [{text: `${waiting.length > 0 ? ', ' : ''}${formatCount(dropped)} ${short ? 'dropped' : 'older ones dropped (too many waiting)'}`}] : [];
	return [...waiting, ...given];
}

/** What the demo says each second; `news`, what the publisher did of its own accord, once. */
type Progress = {published: number; perSecond: number; to: string; phase?: string; held?: HeldEvents; news?: string};

/**
 * The demo's line of each second: `published 1,204 events (+48/s) to kafka://…, phase normal; 37 waiting for …`,
 * then the publisher's news (`; the broker had lost 6 topics: made them again (…)`).
 * On a terminal `columns` wide it fits on one line (a wrapped line each second breaks the terminal's layout): the
 * URL given goes first, then the phase, then the words on events given up on and the end of what it waits for (why
 * a broker does not answer) and of the news, never the counts.
 */
export function progressLine({published, perSecond, to, phase, held, news}: Progress, columns?: number): string {
	const counts: Piece = {text: `published ${counted(published, 'event')} (+${formatCount(perSecond)}/s)`};
	const url: Piece[] = [{text: ' to '}, {text: to, name: 'start'}];
	const phaseWords: Piece = {text: `, phase ${phase ?? '-'}`};
	const waiting = (short: boolean): Piece[] => held ? [{text: '; '}, ...heldPieces(held, short)] : [];
	const newsPieces: Piece[] = news ? [{text: '; '}, {text: sanitize(news), name: 'start'}] : [];
	const full = [counts, ...url, phaseWords, ...waiting(false), ...newsPieces];
	const pieces = columns === undefined ? full : giveWay([full, [counts, phaseWords, ...waiting(false), ...newsPieces], [counts, ...waiting(true), ...newsPieces]], columns);
	return pieces.map(piece => piece.text).join('');
}
