// The source kinds the program knows, in one list: adding a kind is its folder and one line here.
import type {SourceKind} from './kind.js';
import {kafkaKind} from './kafka/kind.js';
import {recordingKind} from './recording/kind.js';
import {redisKind} from './redis/kind.js';
import {simulatorKind} from './simulator/kind.js';

/** The kinds tried in order; a spec none of them claims is a recording path (or `-`). */
const kinds: SourceKind[] = [
	kafkaKind,
	redisKind,
	simulatorKind,
];

/** Every known kind, the catch-all recording kind last. */
export function sourceKinds(): SourceKind[] {
	return [...kinds, recordingKind];
}

/** Add a kind ahead of the recording kind (as the list above does); returns what removes it again. */
export function addSourceKind(kind: SourceKind): () => void {
	kinds.push(kind);
	return () => {
		const index = kinds.indexOf(kind);
		if (index >= 0) kinds.splice(index, 1);
	};
}

/** Whether a spec is a URL of one of a kind's schemes (`kafka://…`; the scheme as written, lower case). */
function hasScheme(kind: SourceKind, spec: string): boolean {
	return kind.schemes.some(scheme => spec.startsWith(`${scheme}://`));
}

/** The kind a `--source` spec or input argument names. */
export function kindOf(spec: string): SourceKind {
	return kinds.find(kind => hasScheme(kind, spec) || kind.claims?.(spec) === true) ?? recordingKind;
}

/** The environment variables every kind declares as secret. */
export function secretEnvNames(): string[] {
	return sourceKinds().flatMap(kind => kind.secretEnv);
}

/** The first scheme of each kind that `keep` selects, as URL beginnings plus `suffix`: `kafka://HOST:PORT`. */
function urlsOf(keep: (kind: SourceKind) => boolean, suffix: string): string[] {
	return kinds.filter(keep).flatMap(kind => kind.schemes.slice(0, 1)).map(scheme => `${scheme}://${suffix}`);
}

/** The URL forms events can be published to, for help texts: `kafka://`, `redis://`. */
export function publishableUrls(suffix = ''): string[] {
	return urlsOf(kind => kind.publisher !== undefined, suffix);
}

/** The same for messages: `kafka:// or redis://`. */
export function publishableText(suffix = ''): string {
	const urls = publishableUrls(suffix);
	return urls.length <= 1 ? urls.join('') : `${urls.slice(0, -1).join(', ')} or ${urls.at(-1)!}`;
}

/** The live kinds' URL forms, for help texts: `kafka://`, `redis://`. */
export function liveUrls(): string[] {
	return urlsOf(kind => kind.live, '');
}
