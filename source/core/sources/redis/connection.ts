// How every Redis client of ours connects (the source's two connections and the publisher): credentials, database,
// TLS with an optional private CA.
import net from 'node:net';
import type {RedisOptions} from 'ioredis';
import {trustedCas} from '../trusted-ca.js';
import type {RedisSourceUrl} from './url.js';

/** ioredis connection options for a parsed URL; a CA file that cannot be read is a user error, said at once. */
export function redisConnectionOptions(url: RedisSourceUrl): RedisOptions {
	const ca = url.ca === undefined ? undefined : trustedCas(url.ca, 'Redis');
	return {
		host: url.host,
		port: url.port,
		db: url.db,
		username: url.username,
		password: url.password,
		// SNI takes host names only (RFC 6066); an address is checked against the certificate's IP entries anyway.
		tls: url.tls ? {...net.isIP(url.host) ? {} : {servername: url.host}, ...ca === undefined ? {} : {ca}} : undefined,
		lazyConnect: true,
		// The ready check runs INFO, which a least-privilege reader may not run (ioredis then warns on the console).
		enableReadyCheck: false,
	};
}

// Certificate problems: no retry cures them, and the raw OpenSSL words do not say what to do.
const certificateProblem = /self[- ]signed certificate|unable to (?:verify|get local issuer)|certificate (?:has expired|is not yet valid)|Hostname\/IP does not match|ERR_TLS_CERT_ALTNAME_INVALID|wrong version number|packet length too long/i;

/** For a TLS failure no retry cures, what to tell the user; undefined for any other error. */
export function redisTlsProblem(error: unknown): string | undefined {
	const message = error instanceof Error ? error.message : String(error);
	if (!certificateProblem.test(message)) return undefined;
	if (/wrong version number|packet length too long/i.test(message)) return `TLS handshake failed (${message}): is this port serving TLS? Use redis:// for a plain port, rediss:// for TLS`;
	return `TLS: the server's certificate is not trusted (${message}); give its CA with ?ca=FILE`;
}
