// Credential masking: nothing the program prints or stores may carry a password, even inside an error message.

const mask = '***';

// `scheme://user:password@` or `scheme://password@`: everything between `//` and the last `@` before the host.
const userInfo = /([a-z][a-z0-9+.-]*:\/\/)[^/?#\s@]*@/gi;

// Query parameters whose value is a secret (`?password=…`, `&sasl.password=…`, `&token=…`).
const secretParam = /([?&][^=&#\s]*(?:pass|secret|token|credential|auth)[^=&#\s]*=)[^&#\s]*/gi;

/** A URL (or any text holding URLs) with user info and secret query parameters replaced by `***`. */
export function maskUrl(url: string): string {
	return url.replace(userInfo, `$1${mask}@`).replace(secretParam, `$1${mask}`);
}

/** Text with every occurrence of each secret (also URL-encoded) and any URL user info replaced by `***`. */
export function maskSecrets(text: string, secrets: ReadonlyArray<string | undefined>): string {
	const variants = new Set<string>();
	for (const secret of secrets) {
		if (!secret) continue;
		variants.add(secret);
		variants.add(encodeURIComponent(secret));
	}

	// Longest first, so a secret containing another one is masked whole.
	let masked = text;
	for (const variant of [...variants].sort((a, b) => b.length - a.length)) {
		masked = masked.split(variant).join(mask);
	}

	return maskUrl(masked);
}

/** Messages of an error and of its causes (kafkajs wraps errors in `originalError`, ioredis in AggregateError). */
function messagesOf(error: unknown, depth: number): string[] {
	if (depth > 4 || error === undefined || error === null) return [];
	if (!(error instanceof Error)) return [String(error)];
	const own = error.message || error.name;
	const inner: unknown[] = [];
	if (error instanceof AggregateError) inner.push(...error.errors);
	const wrapped = (error as {originalError?: unknown}).originalError ?? error.cause;
	if (wrapped !== undefined) inner.push(wrapped);
	const nested = inner.flatMap(cause => messagesOf(cause, depth + 1)).filter(message => message !== own);
	return [own, ...nested];
}

/**
 * One line describing an error, safe to print: only messages are used (never the command arguments ioredis attaches
 * to its errors), and secrets and URL credentials are masked.
 */
export function safeErrorMessage(error: unknown, secrets: ReadonlyArray<string | undefined>): string {
	const text = [...new Set(messagesOf(error, 0))].join(': ').replace(/\s+/g, ' ').trim();
	return maskSecrets(text || 'unknown error', secrets);
}
