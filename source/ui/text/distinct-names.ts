// Names shown together in one column (topics, event types, nodes), cut so that what tells them apart survives:
// production names often share a long start and a long end (`prod.eu-west-1.commerce.orders.v2-events`), which
// either end's cut keeps for every row alike.
import {sanitize} from '../../core/sanitize.js';
import {displayWidth, remember, truncate, truncateStart} from './width.js';

/** Where a name's segments meet: a shared start ends after one, a shared end begins with one. */
const separators = new Set(['.', '-', '_', ':', '/']);

/** Lengths of the starts of `name` (each ending after a separator) that others of `names` share, one per other name sharing one. */
function sharedStarts(name: string, names: readonly string[]): number[] {
	return names.flatMap(other => {
		let longest = 0;
		for (let index = 0; index < Math.min(name.length, other.length) && name[index] === other[index]; index++) {
			if (separators.has(name[index]!)) longest = index + 1;
		}

		return other === name || longest === 0 ? [] : [longest];
	});
}

/** `text` reversed by code point: a length from its start is the same length from the original's end. */
const reversed = (text: string) => [...text].reverse().join('');

/**
 * `name` in at most `width` cells, its start and end shared with other names given way first: the part every such
 * name shares (`…orders-created.v2-events`, `…orders-created…`), then what it shares with the closest one
 * (`…created…`), then its middle's end (its start with `keep` 'end'); `undefined` when it shares neither.
 */
function elided(name: string, names: readonly string[], width: number, keep: 'start' | 'end'): string | undefined {
	const starts = sharedStarts(name, names);
	// An end starts with its separator: reversed, it is a start that ends with one (`.v2-events` → `stneve-2v.`).
	const ends = sharedStarts(reversed(name), names.map(other => reversed(other)));
	if (starts.length === 0 && ends.length === 0) return undefined;
	// A name that shares no start keeps all of it (from 0, not from its length: it read as its shared end alone, `.ids`).
	const start = starts.length > 0 ? Math.min(...starts) : 0;
	const closest = Math.max(0, ...starts);
	// An end that would reach into the start (no middle left) is not given way.
	const shortestEnd = Math.min(...ends, name.length);
	const end = shortestEnd < name.length - closest ? shortestEnd : 0;
	const lead = starts.length > 0 ? '…' : '';
	const tail = end > 0 ? '…' : '';
	const forms = [
		`${lead}${name.slice(start, name.length - end)}${name.slice(name.length - end)}`,
		`${lead}${name.slice(start, name.length - end)}${tail}`,
		`${lead}${name.slice(closest, name.length - end)}${tail}`,
	];
	const fitting = forms.find(form => displayWidth(form) <= width);
	if (fitting !== undefined) return fitting;
	// Too long still: the last form keeps the end the column keeps (an id's last digits, an edge's target).
	return keep === 'start' ? truncate(forms[2]!, width) : truncateStart(forms[2]!, width);
}

/**
 * How each of `names` (shown together in one column) is cut to `width` cells: a name that fits stays whole; a
 * longer one gives way the start and end it shares with another name, then its distinct middle's end. A name
 * alone, or one that shares nothing, keeps its `keep` end (today's rule); when the cuts still leave two alike,
 * every name keeps its `keep` end, or the other if that tells them apart. A hop edge (`from->to`) too wide is cut on
 * each side of its arrow (edgeCuts). Sanitized, at most `width` cells, not padded.
 */
export function distinctCut(names: Iterable<string>, width: number, keep: 'start' | 'end' = 'start'): (name: string) => string {
	const unique = [...new Set(Array.from(names, name => sanitize(name)))];
	const kept = cutKeeping(keep, width);
	const key = `${width}\u0000${keep}\u0000${unique.join('\u0000')}`;
	const cuts = known.get(key) ?? remember(known, key, cutsOf(unique, width, keep));
	return name => cuts.get(sanitize(name)) ?? kept(sanitize(name));
}

/** What joins a hop edge's two nodes in its name (`orders->payments`, the key of an slo.latency alert). */
const arrow = '->';

/**
 * Each of `unique` cut, where some are hop edges (`from->to`, as slo.latency's alert keys and the Overview's hop table
 * have them): an edge too wide is cut on each side of its arrow, each node cut together with the other names and
 * nodes, so that it still reads as an edge between two nodes told apart (one cut of the whole kept one end of it,
 * `…rce.checkout.payments…`, read as a topic); a plain name is told apart from the nodes (an edge starts with its
 * source's whole name: not a name to differ from). Undefined when that leaves two names alike, or a side fewer than
 * 4 cells.
 */
function edgeCuts(unique: readonly string[], width: number, keep: 'start' | 'end'): Map<string, string> | undefined {
	const sides = (name: string) => {
		const at = name.indexOf(arrow);
		return at < 0 ? undefined : [name.slice(0, at), name.slice(at + arrow.length)] as const;
	};

	const nodes = [...new Set(unique.flatMap(name => sides(name) ?? [name]))];
	const cut = (name: string) => {
		const edge = sides(name);
		if (displayWidth(name) <= width) return name;
		// A plain name is told apart from the nodes (an edge starts with its source's whole name: not a name to differ from).
		if (edge === undefined) return distinctCut(nodes, width, keep)(name);
		const [from, to] = edge;
		const room = width - arrow.length;
		// The source takes half, or what the target leaves when it is short; the target the rest.
		const fromCells = Math.min(displayWidth(from), Math.max(Math.ceil(room / 2), room - displayWidth(to)));
		const toCells = room - fromCells;
		if (fromCells < 4 || toCells < 4) return undefined;
		return `${distinctCut(nodes, fromCells, keep)(from)}${arrow}${distinctCut(nodes, toCells, keep)(to)}`;
	};

	const cuts = new Map(unique.map(name => [name, cut(name)]));
	const shown = [...cuts.values()];
	return shown.includes(undefined) || new Set(shown).size < unique.length ? undefined : cuts as Map<string, string>;
}

/** Today's rule: a name cut to `width` cells keeping its `keep` end. */
function cutKeeping(keep: 'start' | 'end', width: number): (name: string) => string {
	return keep === 'start' ? name => truncate(name, width) : name => truncateStart(name, width);
}

/** Each of `unique` cut as distinctCut says. */
function cutsOf(unique: readonly string[], width: number, keep: 'start' | 'end'): Map<string, string> {
	const edges = unique.some(name => name.includes(arrow)) ? edgeCuts(unique, width, keep) : undefined;
	if (edges) return edges;
	const kept = cutKeeping(keep, width);
	const other = cutKeeping(keep === 'start' ? 'end' : 'start', width);
	const differ = (cuts: Map<string, string>) => new Set(cuts.values()).size === unique.length;
	const cutAll = (cut: (name: string) => string) => new Map(unique.map(name => [name, cut(name)]));
	const elidedCuts = cutAll(name => (displayWidth(name) <= width ? name : elided(name, unique, width, keep) ?? kept(name)));
	if (differ(elidedCuts)) return elidedCuts;
	const keptCuts = cutAll(kept);
	const otherCuts = cutAll(other);
	return differ(keptCuts) || !differ(otherCuts) ? keptCuts : otherCuts;
}

// Comparing every name with every other costs O(names²) a frame, and frames redraw the same lists many times a
// second: the cuts are kept, up to a bound (then forgotten all at once).
const known = new Map<string, Map<string, string>>();
