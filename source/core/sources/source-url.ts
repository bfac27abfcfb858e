// What every source URL parser shares: credentials cut off first, query options checked against a known list,
// comma lists, boolean flags, and error messages that never echo a credential.
import {InputError} from '../errors.js';
import {maskSecrets} from '../redact.js';

/** Comma-separated list items, trimmed, empties dropped. */
export function listOf(text: string | undefined): string[] {
	return text ? text.split(',').map(item => item.trim()).filter(Boolean) : [];
}

/**
 * Query parameters of a URL, refusing unknown ones (a misspelt `topic=` must not silently read everything). Not
 * URLSearchParams: it turns `+` into a space, and `+` belongs in topic patterns (`orders\..+`).
 */
export function paramsOf(query: string, allowed: Set<string>, scheme: string): Map<string, string> {
	const params = new Map<string, string>();
	for (const pair of query.replace(/^\?/, '').split('&').filter(Boolean)) {
		const equals = pair.indexOf('=');
		const key = decodePart(equals < 0 ? pair : pair.slice(0, equals));
		if (!allowed.has(key)) throw new InputError(`Unknown ${scheme}:// option "${key}" (known: ${[...allowed].join(', ')})`);
		params.set(key, decodePart(equals < 0 ? '' : pair.slice(equals + 1)));
	}

	return params;
}

/** Percent-decoding that reports bad escapes as a user error. */
function decodePart(text: string): string {
	try {
		return decodeURIComponent(text);
	} catch {
		throw new InputError('Bad percent-escape in a source URL');
	}
}

/** A URL cut at its credentials: `user:password` (raw) and the URL without them. */
type SplitUrl = {userInfo?: string; rest: string};

/**
 * Take `user:pass@` off `scheme://user:pass@host…` before anything else parses the URL, so a password holding `@`,
 * `?`, `/` or `#` is neither cut in two nor echoed in an error: the credentials end at the last `@` that is
 * followed by a host list (`host[:port][,host…]`) and then the end, a path or a query (else at the last `@`).
 */
export function splitCredentials(url: string): SplitUrl {
	const match = /^([a-z][a-z0-9+.-]*:\/\/)(.*)$/is.exec(url.trim());
	if (!match) return {rest: url.trim()};
	const [, scheme = '', remainder = ''] = match;
	for (let at = remainder.lastIndexOf('@'); at >= 0; at = remainder.lastIndexOf('@', at - 1)) {
		if (/^[A-Za-z0-9._\-[\]:,]+(?:[/?#]|$)/.test(remainder.slice(at + 1))) {
			return {userInfo: remainder.slice(0, at), rest: scheme + remainder.slice(at + 1)};
		}
	}

	// No host follows any `@`: the URL is broken anyway, and whatever precedes its last `@` may be a password.
	const at = remainder.lastIndexOf('@');
	return at < 0 ? {rest: scheme + remainder} : {userInfo: remainder.slice(0, at), rest: scheme + remainder.slice(at + 1)};
}

/** `user` and `password` of raw user info, percent-decoded where that is valid (a literal `%` stays as typed). */
export function credentialsOf(userInfo: string | undefined): {username?: string; password?: string} {
	if (userInfo === undefined) return {};
	const colon = userInfo.indexOf(':');
	const decode = (text: string) => {
		try {
			return decodeURIComponent(text);
		} catch {
			return text;
		}
	};

	return colon < 0 ? {username: decode(userInfo)} : {username: decode(userInfo.slice(0, colon)), password: decode(userInfo.slice(colon + 1))};
}

/** Run a URL parser with its errors masked: no part of the credentials ever reaches a message. */
export function maskedErrors<T>(userInfo: string | undefined, parse: () => T): T {
	try {
		return parse();
	} catch (error) {
		if (userInfo === undefined || !(error instanceof InputError)) throw error;
		const secrets = [userInfo, ...userInfo.split(/[:@/?#&=]/).filter(part => part.length >= 3)];
		throw new InputError(maskSecrets(error.message, secrets));
	}
}

/** A boolean query value: true/1/yes or false/0/no. */
export function flag(value: string | undefined, name: string): boolean {
	if (value === undefined) return false;
	if (/^(true|1|yes)$/i.test(value)) return true;
	if (/^(false|0|no)$/i.test(value)) return false;
	throw new InputError(`Option "${name}" must be true or false, got "${value}"`);
}
