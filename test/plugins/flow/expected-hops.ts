// Hops of a recording computed independently of the tool: events joined by shared ids (union-find over the
// configured id fields), each transaction in event-time order (ties in line order), consecutive pairs.
import fs from 'node:fs';
import zlib from 'node:zlib';
import {defaultConfig} from '../../../source/core/config.js';
import {nearestRank} from '../../core/metrics/support.js';

/** One event as the test reads it from a recording line. */
export type Line = {topic: string; type: string; time: number; ids: string[]; eventId?: string; error: boolean; line: number};

/** Expected figures of one edge. */
export type ExpectedEdge = {count: number; errors: number; p95: number; latencies: number[]};

const {fields} = defaultConfig;

/** Whether an event is an error by the default configuration: a status value, or a type suffix. */
function isError(value: Record<string, unknown>, data: Record<string, unknown>, type: string): boolean {
	const status = fields.status.map(field => value[field] ?? data[field]).find(each => typeof each === 'string') as string | undefined;
	if (status !== undefined && fields.errorValues.includes(status.toLowerCase())) return true;
	return fields.errorTypeSuffixes.some(suffix => type.endsWith(suffix));
}

/** The events of a recording (envelope lines or bare payloads), duplicates (same event id again) left out. */
export function readLines(file: string): Line[] {
	const raw = fs.readFileSync(file);
	const text = raw[0] === 0x1f ? zlib.gunzipSync(raw).toString('utf8') : raw.toString('utf8');
	const seen = new Set<string>();
	const events: Line[] = [];
	for (const [index, line] of text.split('\n').entries()) {
		if (line.trim() === '') continue;
		const parsed = JSON.parse(line) as Record<string, unknown>;
		if ('$recording' in parsed) continue;
		const envelope = 'value' in parsed && typeof parsed.value === 'object';
		const value = (envelope ? parsed.value : parsed) as Record<string, unknown>;
		const data = (value.data ?? {}) as Record<string, unknown>;
		const eventId = (value.eventId ?? value.event_id) as string | undefined;
		if (eventId !== undefined) {
			if (seen.has(eventId)) continue;
			seen.add(eventId);
		}

		const time = Date.parse(String(value.timestamp ?? data.occurred_at ?? parsed.timestamp));
		const ids = fields.ids.flatMap(field => [value[field], data[field]]).filter((id): id is string => typeof id === 'string');
		const type = String(value.eventType ?? value.event_type ?? value.type);
		events.push({topic: envelope ? String(parsed.topic) : '', type, time, ids, eventId, error: isError(value, data, type), line: index});
	}

	return events;
}

/** Transactions: events sharing any id, each in event-time order (ties in line order). */
export function transactions(events: readonly Line[]): Line[][] {
	const parent = new Map<string, string>();
	const find = (id: string): string => {
		let root = id;
		while (parent.get(root) !== root) root = parent.get(root)!;
		parent.set(id, root);
		return root;
	};

	for (const event of events) {
		for (const id of event.ids) if (!parent.has(id)) parent.set(id, id);
		for (const id of event.ids.slice(1)) parent.set(find(id), find(event.ids[0]!));
	}

	const groups = new Map<string, Line[]>();
	for (const event of events) {
		if (event.ids.length === 0) continue;
		const root = find(event.ids[0]!);
		if (!groups.has(root)) groups.set(root, []);
		groups.get(root)!.push(event);
	}

	return [...groups.values()].map(group => group.sort((a, b) => a.time - b.time || a.line - b.line));
}

/** Expected edges, by "from->to", naming each event's node with `nodeOf`. */
export function expectedEdges(events: readonly Line[], nodeOf: (event: Line) => string): Map<string, ExpectedEdge> {
	const edges = new Map<string, ExpectedEdge>();
	for (const transaction of transactions(events)) {
		for (let i = 1; i < transaction.length; i++) {
			const [a, b] = [transaction[i - 1]!, transaction[i]!];
			const name = `${nodeOf(a)}->${nodeOf(b)}`;
			if (!edges.has(name)) edges.set(name, {count: 0, errors: 0, p95: 0, latencies: []});
			const edge = edges.get(name)!;
			edge.count++;
			if (b.error) edge.errors++;
			edge.latencies.push(b.time - a.time);
		}
	}

	for (const edge of edges.values()) edge.p95 = nearestRank(edge.latencies, 0.95);
	return edges;
}
