// SASL listeners for the local broker, for tests of authenticated reading: SASL_SSL (SCRAM-SHA-256 and -512 over TLS,
// a self-signed certificate for 127.0.0.1 made with Java's keytool) and SASL_PLAINTEXT (PLAIN and SCRAM-SHA-256);
// SCRAM users are added when the storage is formatted, PLAIN users are listed in the listener's JAAS line.
import {spawnSync} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import path from 'node:path';

/** SCRAM users of the SASL_SSL listener (each gets SCRAM-SHA-256 and SCRAM-SHA-512 credentials). */
export type KafkaSaslUser = {username: string; password: string};

/** What a SASL listener needs: its server.properties lines, StorageTool format arguments and (TLS) its certificate's PEM. */
export type KafkaSaslListener = {caFile?: string; properties: string[]; formatArgs: string[]};

/** StorageTool arguments that add each of `users` for each SCRAM mechanism of `mechanisms`. */
function scramUsers(users: KafkaSaslUser[], mechanisms: string[]): string[] {
	return users.flatMap(({username, password}) => mechanisms.flatMap(mechanism => ['--add-scram', `${mechanism}=[name=${username},password=${password}]`]));
}

/** The listener's own `sasl.enabled.mechanisms` and one JAAS line per SCRAM mechanism. */
function scramProperties(listener: string, mechanisms: string[]): string[] {
	return [
		`listener.name.${listener}.sasl.enabled.mechanisms=${mechanisms.join(',')}`,
		...mechanisms.filter(mechanism => mechanism.startsWith('SCRAM-'))
			.map(mechanism => `listener.name.${listener}.${mechanism.toLowerCase()}.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;`),
	];
}

/** Run keytool, failing with its output. */
function keytool(args: string[]): void {
	const result = spawnSync('keytool', args, {encoding: 'utf8'});
	if (result.status !== 0) throw new Error(`keytool ${args[0]} failed: ${(result.stdout + result.stderr).trim().slice(-1000)}`);
}

/**
 * A self-signed certificate for 127.0.0.1 in `dir`: `name.p12` (key and certificate, PKCS12) and `name.pem` (the
 * certificate alone). Tests use a second one as a CA that does not match.
 */
export function selfSignedCertificate(dir: string, name: string): {keystore: string; pem: string; password: string} {
	const keystore = path.join(dir, `${name}.p12`);
	const pem = path.join(dir, `${name}.pem`);
	const password = randomBytes(12).toString('hex');
	keytool([
		'-genkeypair', '-alias', name, '-keyalg', 'RSA', '-keysize', '2048', '-validity', '7', '-dname', `CN=127.0.0.1, O=${name}`,
		'-ext', 'SAN=IP:127.0.0.1', '-ext', 'BC=ca:true', '-storetype', 'PKCS12', '-keystore', keystore,
		'-storepass', password, '-keypass', password,
	]);
	keytool(['-exportcert', '-rfc', '-alias', name, '-keystore', keystore, '-storepass', password, '-file', pem]);
	return {keystore, pem, password};
}

/** SCRAM over TLS for `users` on the broker's SASL_SSL listener, its certificate made in `dir`. */
export function saslSslListener(dir: string, users: KafkaSaslUser[]): KafkaSaslListener {
	const certificate = selfSignedCertificate(dir, 'broker');
	const mechanisms = ['SCRAM-SHA-256', 'SCRAM-SHA-512'];
	return {
		caFile: certificate.pem,
		properties: [
			...scramProperties('sasl_ssl', mechanisms),
			'ssl.keystore.type=PKCS12',
			`ssl.keystore.location=${certificate.keystore}`,
			`ssl.keystore.password=${certificate.password}`,
			`ssl.key.password=${certificate.password}`,
		],
		formatArgs: scramUsers(users, mechanisms),
	};
}

/** PLAIN and SCRAM-SHA-256 without TLS for `users` on the broker's SASL_PLAINTEXT listener (PLAIN users in its JAAS line). */
export function saslPlaintextListener(users: KafkaSaslUser[]): KafkaSaslListener {
	const plainUsers = users.map(({username, password}) => `user_${username}="${password}"`).join(' ');
	return {
		properties: [
			...scramProperties('sasl_plaintext', ['PLAIN', 'SCRAM-SHA-256']),
			`listener.name.sasl_plaintext.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required ${plainUsers};`,
		],
		formatArgs: scramUsers(users, ['SCRAM-SHA-256']),
	};
}
