// Errors caused by the user's input or surroundings, which the CLI prints as one line instead of a stack trace.

/** A bad input file, unreachable broker, bad configuration or the like: its message is meant for the user. */
export class InputError extends Error {
	constructor(message: string, options?: {cause?: unknown}) {
		super(message, options);
		this.name = 'InputError';
	}
}
