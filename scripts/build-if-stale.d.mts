// Types of build-if-stale.mjs, for the TypeScript that imports it (test/global-setup.ts).

/** Compile dist/ when it is stale (saying so with `note` first); returns whether it compiled. Throws what tsc says. */
export function buildIfStale(note: string): boolean;
