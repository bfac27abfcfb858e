// Passwords given through the environment, masked: each source kind declares the variables that hold them.
import {maskSecrets} from '../redact.js';
import {secretEnvNames} from './registry.js';

/** Text for the user with URL credentials and the passwords every source kind reads from the environment masked. */
export function maskSecretsIn(text: string, env: NodeJS.ProcessEnv = process.env): string {
	return maskSecrets(text, secretEnvNames().map(name => env[name]));
}
