// The kafkajs client as the Kafka source uses it: quiet (its log goes to health, never to the terminal), TLS, SASL.
import fs from 'node:fs';
import tls from 'node:tls';
import {Kafka, logLevel, type KafkaConfig, type SASLOptions} from 'kafkajs';
import {InputError} from '../errors.js';
import type {KafkaSourceUrl} from './source-url.js';

/** Where the client reports its own errors and warnings (already one line, not yet masked). */
export type KafkaLogSink = (level: 'error' | 'warn', message: string) => void;

/** A kafkajs client for a parsed URL; its log lines go to `sink` instead of the console. */
export function createKafkaClient(url: KafkaSourceUrl, sink: KafkaLogSink): Kafka {
	let ssl: KafkaConfig['ssl'];
	if (url.tls) {
		let ca: Buffer | undefined;
		if (url.tls.ca) {
			try {
				ca = fs.readFileSync(url.tls.ca);
			} catch (error) {
				throw new InputError(`Cannot read the Kafka CA file ${url.tls.ca}: ${(error as Error).message}`);
			}
		}

		// Node's `ca` replaces the system list; a private CA is trusted in addition to it.
		ssl = ca ? {ca: [...tls.rootCertificates, ca.toString('utf8')]} : true;
	}

	const sasl: SASLOptions | undefined = url.sasl && {
		mechanism: url.sasl.mechanism,
		username: url.sasl.username,
		password: url.sasl.password,
	} as SASLOptions;
	return new Kafka({
		clientId: 'pubsub-tools',
		brokers: url.brokers,
		ssl,
		sasl,
		connectionTimeout: 5000,
		requestTimeout: 30_000,
		retry: {initialRetryTime: 300, maxRetryTime: 5000, retries: 5},
		logLevel: logLevel.WARN,
		logCreator: () => ({level, namespace, log}) => {
			if (level !== logLevel.ERROR && level !== logLevel.WARN) return;
			const detail = typeof log.error === 'string' && log.error !== log.message ? `: ${log.error}` : '';
			sink(level === logLevel.ERROR ? 'error' : 'warn', `${namespace ? `[${namespace}] ` : ''}${log.message}${detail}`);
		},
	});
}

const fatalTypes = /AUTHORIZATION_FAILED|SASL_AUTHENTICATION_FAILED|UNSUPPORTED_SASL_MECHANISM|ILLEGAL_SASL_STATE|INVALID_GROUP_ID/;

/**
 * Errors retrying cannot cure (bad credentials, missing rights): the source stops with them instead of looping.
 * kafkajs wraps causes in `originalError` (e.g. inside KafkaJSNumberOfRetriesExceeded), so the chain is searched.
 */
export function isFatalKafkaError(error: unknown): boolean {
	let current: unknown = error;
	for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
		const {name, type} = current as Error & {type?: string};
		if (name === 'KafkaJSSASLAuthenticationError' || fatalTypes.test(type ?? '')) return true;
		current = (current as {originalError?: unknown}).originalError ?? current.cause;
	}

	return false;
}
