// One place that turns a `--source` spec or an input argument into a Source: the registry says which kind opens it.
import type {Source} from './source.js';
import type {OpenSourceOptions} from './kind.js';
import {kindOf} from './registry.js';

/** Whether a spec names a live broker (read positions resume) rather than a recording, `-` or the simulator. */
export function isLiveSpec(spec: string): boolean {
	return kindOf(spec).live;
}

/** Open the source a spec names: `demo`, `kafka://…`, `redis://…`, a recording path, or `-` for stdin. */
export async function openSource(spec: string, options: OpenSourceOptions): Promise<Source> {
	return kindOf(spec).open(spec, options);
}
