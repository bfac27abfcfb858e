// A source's error as a narrow line needs it: the cause and the address first, the client's own wording after it.
// kafkajs, @platformatic/kafka and ioredis put the system error they met last, after their boilerplate
// (`[BrokerPool] Failed to connect to seed broker, …: Connection error: connect ECONNREFUSED 127.0.0.1:9092`), so at
// 80 columns only the boilerplate showed. The TUI says a source's error so, and a publisher what it waits for.

/** Node's network error codes, as clients pass them on (`connect ECONNREFUSED 127.0.0.1:9092`). */
const codes = 'ECONNREFUSED|ECONNRESET|ECONNABORTED|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|EHOSTDOWN|ENETUNREACH|EADDRNOTAVAIL|EPIPE|EPROTO';

/** A system error: the call's name (dropped), the code and the address when there is one (kept). */
const systemError = new RegExp(`(?:\\b[a-z]\\w* )?\\b(${codes})\\b(?: ([^\\s,;()]+?)(?=[.:]?(?:\\s|$)))?`);

/** kafkajs's logger names at the start of a message (`[BrokerPool] `, `[Connection] `): no help to a reader. */
const loggerName = /(^|: )\[[A-Za-z]+\] /g;

/**
 * A source's error with the system error in it first (`lead`, what a cut should keep: its code, and its address
 * unless it is `shown`, the host:port the source's URL shows beside it) and the rest in brackets after it, kafkajs's
 * logger names left out: `ECONNREFUSED 10.0.0.7:9092 (Cannot connect to any broker.: …)`.
 */
export function errorEssence(error: string, shown?: string): {text: string; lead?: string} {
	const text = error.replace(loggerName, '$1');
	const found = systemError.exec(text);
	if (!found) return {text};
	const [, code, address] = found;
	const lead = address === undefined || address === shown ? code! : `${code!} ${address}`;
	const before = text.slice(0, found.index).replace(/[\s:]+$/, '');
	const after = text.slice(found.index + found[0].length).replace(/^[.:\s]+/, '');
	const rest = [before, after].filter(part => part !== '').join(': ');
	return {text: rest === '' ? lead : `${lead} (${rest})`, lead};
}
