// Names unique to a test run (topics, streams) that carry a token of the test file, so that what a file made on a
// shared server (REDIS_URL naming the developer's own Redis) can be found again and deleted when it ends.

/** This test file's token (each file loads its modules afresh). */
export const fileToken = Math.random().toString(36).slice(2, 10);

/** A run-unique name, `PREFIX-TOKEN-TIME-RANDOM`: tests never see each other's topics or streams. */
export function uniqueName(prefix: string): string {
	return `${prefix}-${fileToken}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}
