// `redis://` and `rediss://` URLs: host, database, stream selectors, credentials and TLS options.
import {InputError} from '../../errors.js';
import {hostPort} from '../../units/host-port.js';
import {credentialsOf, flag, listOf, maskedErrors, paramsOf, splitCredentials} from '../source-url.js';

/** Redis streams to read: exact keys and `SCAN MATCH` glob patterns; both empty means every stream. */
export type StreamSelector = {names: string[]; globs: string[]};

/** A parsed `redis://` or `rediss://` URL. */
export type RedisSourceUrl = {
	host: string;
	port: number;
	db: number;
	username?: string;
	password?: string;
	tls: boolean;
	/** With TLS: a PEM file trusted in addition to the system CAs (`?ca=FILE`, which implies TLS). */
	ca?: string;
	streams: StreamSelector;
	display: string;
	/** The database as given, `host:port/db`: entries' origin (RawEvent.origin) until the server is identified (identity.ts serverOrigin). */
	server: string;
	/** What read positions are saved under: server, database and stream selection, sorted (the scheme and CA left out). */
	positionKey: string;
	/** The stream selection as positionKey ends: `?streams=` and the items sorted, or empty for every stream. */
	selection: string;
	secrets: string[];
};

const redisParams = new Set(['streams', 'tls', 'ca']);

/**
 * Parse `redis://[user:pass@]HOST[:PORT][/DB]?streams=events:*,orders` (`rediss://` for TLS). Items with `*`, `?`
 * or `[` are `SCAN MATCH` patterns, others exact keys. The password may instead come from REDIS_PASSWORD (and the
 * user from REDIS_USERNAME).
 */
export function parseRedisUrl(url: string, env: NodeJS.ProcessEnv = process.env): RedisSourceUrl {
	const {userInfo, rest} = splitCredentials(url);
	return maskedErrors(userInfo, () => parseRedisRest(userInfo, rest, env));
}

/** parseRedisUrl once the credentials are off the URL. */
function parseRedisRest(userInfo: string | undefined, url: string, env: NodeJS.ProcessEnv): RedisSourceUrl {
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		throw new InputError('A Redis source looks like redis://[user:pass@]HOST:PORT[/DB]?streams=NAME,PATTERN');
	}

	const scheme = parsed.protocol.slice(0, -1).toLowerCase();
	if (scheme !== 'redis' && scheme !== 'rediss') throw new InputError(`Not a Redis URL: ${scheme}://`);
	const host = parsed.hostname.replace(/^\[|\]$/g, '');
	if (!host) throw new InputError('A Redis source needs a host: redis://HOST:PORT');
	const port = parsed.port ? Number(parsed.port) : 6379;
	const dbText = parsed.pathname.replace(/^\//, '');
	if (dbText !== '' && !/^\d+$/.test(dbText)) throw new InputError(`Bad Redis database "${dbText}" (a number, as in redis://host:6379/0)`);
	const params = paramsOf(parsed.search, redisParams, 'redis');
	const credentials = credentialsOf(userInfo);
	const username = credentials.username || env.REDIS_USERNAME;
	const password = credentials.password || env.REDIS_PASSWORD;
	const ca = params.get('ca');
	const tls = scheme === 'rediss' || flag(params.get('tls'), 'tls') || ca !== undefined;
	const items = listOf(params.get('streams'));
	const streams: StreamSelector = {
		names: items.filter(item => !/[*?[]/.test(item)),
		globs: items.filter(item => /[*?[]/.test(item)),
	};
	const db = dbText === '' ? 0 : Number(dbText);
	const shown = params.has('streams') ? `?streams=${params.get('streams')!}` : '';
	const server = `${hostPort(host, port)}/${db}`;
	const selection = params.has('streams') ? `?streams=${[...items].sort().join(',')}` : '';
	return {
		host,
		port,
		db,
		username: username || undefined,
		password: password || undefined,
		tls,
		ca,
		streams,
		display: `${tls ? 'rediss' : 'redis'}://${hostPort(host, port)}${db === 0 ? '' : `/${db}`}${shown}`,
		server,
		positionKey: `redis://${server}${selection}`,
		selection,
		secrets: [password, userInfo].filter((secret): secret is string => Boolean(secret)),
	};
}
