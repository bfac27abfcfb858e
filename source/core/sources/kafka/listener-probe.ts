// What a broker's listener expects when the URL and the listener disagree about SASL or TLS. kafkajs says only
// `Closed connection` when a SASL or TLS listener drops a request it did not expect, so a wrong URL looked like a
// broker that cannot be reached, and `Request is not valid given the current SASL state` when SASL is asked of a
// listener without it. One SaslHandshake request (no credentials sent) tells the two apart; every broker of the URL
// is asked, so a first one that is down neither hides a mismatch nor makes the cluster look unreachable alone.
import net from 'node:net';
import tls from 'node:tls';
import {saslMechanisms, type KafkaSourceUrl} from './url.js';

/** What a listener answered: the SASL mechanisms it takes ([] for a listener without SASL), or nothing at all. */
type ListenerAnswer = {mechanisms: string[]} | undefined;

/** How long a probe waits for the connection and the answer. */
const probeTimeoutMs = 3000;

/** SaslHandshake (API key 17) version 1, the only request a SASL listener takes first besides ApiVersions. */
function saslHandshakeRequest(mechanism: string): Buffer {
	const clientId = Buffer.from('pubsub-tools');
	const name = Buffer.from(mechanism);
	const body = Buffer.alloc(2 + 2 + 4 + 2 + clientId.length + 2 + name.length);
	let at = body.writeInt16BE(17, 0);
	at = body.writeInt16BE(1, at);
	at = body.writeInt32BE(1, at);
	at = body.writeInt16BE(clientId.length, at);
	at += clientId.copy(body, at);
	at = body.writeInt16BE(name.length, at);
	name.copy(body, at);
	const size = Buffer.alloc(4);
	size.writeInt32BE(body.length);
	return Buffer.concat([size, body]);
}

/** The answer's error code and mechanisms, or undefined while `data` does not yet hold a whole answer. */
function readHandshakeAnswer(data: Buffer): {errorCode: number; mechanisms: string[]} | undefined {
	if (data.length < 4 || data.length < 4 + data.readInt32BE(0)) return undefined;
	const errorCode = data.readInt16BE(8);
	const mechanisms: string[] = [];
	const count = data.readInt32BE(10);
	for (let at = 14, index = 0; index < count && at + 2 <= data.length; index++) {
		const length = data.readInt16BE(at);
		mechanisms.push(data.toString('utf8', at + 2, at + 2 + length));
		at += 2 + length;
	}

	return {errorCode, mechanisms};
}

/**
 * Ask `broker` (host:port) for its SASL mechanisms, over TLS when `secure` gives its options. The certificate is not
 * checked (nothing secret is sent): the question is only what the listener speaks.
 */
async function askListener(broker: string, secure: boolean, mechanism: string): Promise<ListenerAnswer> {
	const colon = broker.lastIndexOf(':');
	const host = broker.slice(0, colon).replace(/^\[|\]$/g, '');
	const port = Number(broker.slice(colon + 1));
	return new Promise(resolve => {
		let data = Buffer.alloc(0);
		const socket = secure
			? tls.connect({host, port, rejectUnauthorized: false, ...net.isIP(host) ? {} : {servername: host}})
			: net.connect({host, port});
		const finish = (answer: ListenerAnswer) => {
			socket.destroy();
			resolve(answer);
		};

		socket.setTimeout(probeTimeoutMs, () => {
			finish(undefined);
		});
		socket.once(secure ? 'secureConnect' : 'connect', () => socket.write(saslHandshakeRequest(mechanism)));
		socket.on('data', (chunk: Buffer) => {
			data = Buffer.concat([data, chunk]);
			const answer = readHandshakeAnswer(data);
			if (!answer) return;
			// ILLEGAL_SASL_STATE (34): a listener without SASL; 0 or UNSUPPORTED_SASL_MECHANISM (33): one with SASL.
			if (answer.errorCode === 34) finish({mechanisms: []});
			else if (answer.errorCode === 0 || answer.errorCode === 33) finish({mechanisms: answer.mechanisms});
			else finish(undefined);
		});
		socket.on('error', () => {
			finish(undefined);
		});
		socket.on('close', () => {
			finish(undefined);
		});
	});
}

/** What to give in the URL for a listener that speaks TLS (`secure`) and SASL with `mechanisms` the URL does not give. */
function advice(secure: boolean, mechanisms: string[]): string {
	const known = mechanisms.map(name => name.toLowerCase()).filter(name => saslMechanisms.has(name));
	if (mechanisms.length > 0 && known.length === 0) return `none of them is one pubsub-tools speaks (${[...saslMechanisms].join(', ')})`;
	const sasl = known.length > 0 ? `sasl=${known.join(' or sasl=')} and the credentials (in the URL, or KAFKA_USERNAME and KAFKA_PASSWORD)` : undefined;
	return `give ${[secure ? 'tls=true (and ca=FILE for a private CA)' : undefined, sasl].filter(Boolean).join(' and ')}`;
}

/**
 * Why `broker` cannot be read as `url` says: its listener wants SASL or TLS the URL does not give, or does not take
 * the SASL or TLS the URL gives. `fine` when it answers as the URL expects; `silent` when it answers neither way.
 */
async function brokerProblem(url: KafkaSourceUrl, broker: string): Promise<string | 'fine' | 'silent'> {
	const mechanism = url.sasl?.mechanism.toUpperCase() ?? 'PLAIN';
	const secure = Boolean(url.tls);
	const asked = await askListener(broker, secure, mechanism);
	if (asked) {
		const {mechanisms} = asked;
		if (url.sasl && mechanisms.length === 0) {
			return `${broker} does not take SASL on this port (the broker answered ILLEGAL_SASL_STATE): leave out sasl= and the credentials (also KAFKA_USERNAME and KAFKA_SASL_MECHANISM), or give the port of its SASL listener`;
		}

		return !url.sasl && mechanisms.length > 0 ? `${broker} asks for SASL authentication on this port (mechanisms ${mechanisms.join(', ')}): ${advice(false, mechanisms)}` : 'fine';
	}

	const other = await askListener(broker, !secure, mechanism);
	if (!other) return 'silent';
	if (secure) return `${broker} does not speak TLS on this port (it answers without it): leave out tls=true, or give the port of its TLS listener`;
	const mechanisms = url.sasl ? [] : other.mechanisms;
	const what = mechanisms.length > 0 ? `TLS with SASL authentication (mechanisms ${mechanisms.join(', ')})` : 'TLS';
	return `${broker} speaks ${what} on this port: ${advice(true, mechanisms)}`;
}

/** What asking every broker of a URL found: a listener that cannot be read as the URL says, or no broker answering. */
export type ListenerFindings = {problem?: string; silent?: string};

/**
 * Ask every broker of `url` at once (a dead first broker must not hide the others): `problem` when none answers as
 * the URL expects and one wants other SASL or TLS (the first such in the URL's order, the silent ones named);
 * `silent` when no broker answered at all, naming each one asked. Nothing when one answers as the URL expects.
 */
export async function listenerFindings(url: KafkaSourceUrl): Promise<ListenerFindings> {
	const answers = await Promise.all(url.brokers.map(async broker => brokerProblem(url, broker)));
	if (answers.includes('fine')) return {};
	const silent = url.brokers.filter((_, index) => answers[index] === 'silent');
	const problem = answers.find(answer => answer !== 'silent');
	if (problem) return {problem: silent.length > 0 ? `${problem} (no answer from ${silent.join(', ')})` : problem};
	return {silent: `no broker answered (asked ${silent.join(', ')})`};
}
