// Closing what a command opened: every closer runs, in order, even when one before it failed. A recording writer
// whose reader went away (`record -o - | head -1`) must not leave the store open and its temporary directory behind.

/** Run each closer in turn, whatever the ones before it did; then throw the first failure, if any. */
export async function closeInTurn(...closers: Array<(() => unknown) | undefined>): Promise<void> {
	let failure: {error: unknown} | undefined;
	for (const close of closers) {
		try {
			await close?.();
		} catch (error) {
			failure ??= {error};
		}
	}

	if (failure) throw failure.error;
}
