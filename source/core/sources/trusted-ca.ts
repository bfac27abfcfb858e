// The certificate authorities a TLS connection to a broker trusts: the system's, plus a private CA from a file.
import fs from 'node:fs';
import tls from 'node:tls';
import {InputError} from '../errors.js';

/** The system CAs plus the PEM file at `caPath` (`broker` names it in the error when the file cannot be read). */
export function trustedCas(caPath: string, broker: string): string[] {
	let ca: string;
	try {
		ca = fs.readFileSync(caPath, 'utf8');
	} catch (error) {
		throw new InputError(`Cannot read the ${broker} CA file ${caPath}: ${(error as Error).message}`);
	}

	// Node's `ca` replaces the system list; a private CA is trusted in addition to it.
	return [...tls.rootCertificates, ca];
}
