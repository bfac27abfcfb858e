// A broker or server that cannot be reached, said in our words: the clients say it in theirs (kafkajs `[BrokerPool]
// Failed to connect to seed broker, trying another broker from the list: Connection error: connect ECONNREFUSED
// 127.0.0.1:9092`, @platformatic/kafka `Cannot connect to any broker.: Connection to 127.0.0.1:9092 failed.: …`,
// ioredis `connect ECONNREFUSED 127.0.0.1:6379`), which tell neither what happened nor what to check. The system
// error's code and address lead, as error-essence.ts expects.

/** A system error that says a broker or server could not be reached: its code, and the address (host:port, or a host) after it. */
const unreachable = /\b(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|EHOSTDOWN)\b(?: ([^\s,;()]+?)(?=[.:]?(?:\s|$)))?/;

/** Whether `message` (a client's error) says a broker or server could not be reached at all: refused, no such host, no route, no answer to connect. */
export function isUnreachable(message: string): boolean {
	return unreachable.test(message);
}

/**
 * `message` (a client's error, credentials masked) in our words when it says a `peer` (`broker`, or a Redis `server`)
 * could not be reached, else as it is: what happened, at which address, and what to check, `connecting` (never
 * reached yet: the URL may be wrong) or reading again after it was read (the peer or the way to it is down).
 * `addresses` are the URL's, named when the error names none.
 */
export function unreachableWords(message: string, addresses: readonly string[], connecting: boolean, peer: 'broker' | 'server' = 'broker'): string {
	const found = unreachable.exec(message);
	if (!found) return message;
	const [, code, address] = found;
	const lead = `${code!} ${address ?? addresses.join(', ')}`;
	switch (code) {
		case 'ECONNREFUSED': {
			return `${lead}: nothing listens at that address: ${connecting ? `check the host and port in the URL, and that the ${peer} is running` : `the ${peer} is down or restarting`}`;
		}

		case 'ENOTFOUND': {
			return `${lead}: no such host: ${connecting ? 'check the host name in the URL' : 'its name no longer resolves (DNS)'}`;
		}

		case 'EAI_AGAIN': {
			return `${lead}: the host name could not be looked up (DNS did not answer): try again, or give the ${peer}'s address`;
		}

		default: {
			return `${lead}: no answer from that address: ${connecting ? 'check the host and port in the URL, and that no firewall or VPN is in the way' : `the ${peer} or the network to it is down`}`;
		}
	}
}
