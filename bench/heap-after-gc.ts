// Memory the heap benchmarks compare, read after a full collection (their processes run with --expose-gc).

/** Heap in use plus typed-array memory, after a full garbage collection. */
export function heapAfterGc(): number {
	(globalThis as {gc?: () => void}).gc!();
	const memory = process.memoryUsage();
	return memory.heapUsed + memory.arrayBuffers;
}
