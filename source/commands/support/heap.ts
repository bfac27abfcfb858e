// How far V8 lets the heap grow past what is live before it collects (a process setting, made once).
import v8 from 'node:v8';

/**
 * Heap growth allowed past the live set, in percent. V8 otherwise lets a busy heap grow to about four times
 * what is live: with the engine's ~130–150 MB of bounded state (metrics, duplicate ids, id caches, alert keys)
 * the peak RSS of a 2 M-event run was 826 MB; at 50 % it was 550 MB, for ~10 % more time in GC (~1.5 % of
 * the run). See the benchmark in the README.
 */
const heapGrowthPercent = 50;

let bounded = false;

/**
 * Make V8 collect once the heap is `heapGrowthPercent` above what is live. The flag is read by V8 each time it
 * sets the next collection limit, so setting it at start-up takes effect (unlike the heap size limits).
 */
export function boundHeapGrowth(): void {
	if (bounded) return;
	bounded = true;
	v8.setFlagsFromString(`--heap-growing-percent=${heapGrowthPercent}`);
}
