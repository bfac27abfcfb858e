// Errors meant for the user: printed as one line, never as a stack trace.

/** A mistake in how the command was called or in its input; exit code 2 for usage, 1 otherwise. */
export class UserError extends Error {
	constructor(message: string, readonly exitCode = 1) {
		super(message);
		this.name = 'UserError';
	}
}

/** A bad flag or argument: exit code 2. */
export function usageError(message: string): UserError {
	return new UserError(message, 2);
}
