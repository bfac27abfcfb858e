// A TCP proxy in front of a server that can go silent without closing anything, as a network partition does: no
// byte passes either way and no connection is refused or reset, until it is let through again. It can also be a
// slow link (a VPN, a jump host): what the server sends reaches the client at a given number of bytes a second, or a
// given time late (a distant server).
import net from 'node:net';

/** A proxy on 127.0.0.1 forwarding to `target`; `stall()` and `resume()` stop and restart the traffic. */
export type StallProxy = {
	port: number;
	stall(): void;
	resume(): void;
	/** Pass what the server sends at most this many bytes a second; undefined: as fast as it comes. */
	throttle(bytesPerSecond: number | undefined): void;
	/** Pass what the server sends this many ms late (not with stall or throttle): each round trip takes that long. */
	delay(ms: number): void;
	/** Bytes passed from the server to clients so far. */
	sent(): number;
	/**
	 * Reads of what the server sent so far (each passed on as it came, with delay): a client that waits for each reply
	 * before it sends the next request takes one at least per request, pipelined requests share them.
	 */
	reads(): number;
	close(): Promise<void>;
};

/** How often a throttled link passes its next slice. */
const sliceMs = 20;

/** Start a proxy to `host:port` on a free loopback port. */
export async function startStallProxy(host: string, port: number): Promise<StallProxy> {
	const pairs = new Set<[net.Socket, net.Socket]>();
	let stalled = false;
	let rate: number | undefined;
	let lateMs = 0;
	let sentBytes = 0;
	let serverReads = 0;
	/** What the server sent that a throttled link has not passed yet, per client. */
	const backlog = new Map<net.Socket, Buffer[]>();
	const flow = ([client, upstream]: [net.Socket, net.Socket]) => {
		client.pipe(upstream);
		client.resume();
		if (backlog.get(client)?.length === 0) upstream.resume();
	};

	const hold = ([client, upstream]: [net.Socket, net.Socket]) => {
		client.unpipe(upstream);
		client.pause();
		upstream.pause();
	};

	/** Pass up to `budget` bytes of the client's backlog; the server is read again once the backlog is through. */
	const pass = ([client, upstream]: [net.Socket, net.Socket], budget: number) => {
		const queue = backlog.get(client) ?? [];
		while (budget > 0 && queue.length > 0) {
			const chunk = queue[0]!;
			const part = chunk.subarray(0, Math.min(chunk.length, budget));
			if (part.length === chunk.length) queue.shift();
			else queue[0] = chunk.subarray(part.length);
			client.write(part);
			sentBytes += part.length;
			budget -= part.length;
		}

		if (queue.length === 0 && !stalled) upstream.resume();
	};

	// Every slice, each client of a throttled link gets its share of the rate.
	const pacer = setInterval(() => {
		if (stalled || rate === undefined) return;
		for (const pair of pairs) pass(pair, Math.ceil(rate * sliceMs / 1000));
	}, sliceMs);

	const server = net.createServer(client => {
		const upstream = net.connect(port, host);
		const pair: [net.Socket, net.Socket] = [client, upstream];
		pairs.add(pair);
		backlog.set(client, []);
		upstream.on('data', (chunk: Buffer) => {
			serverReads++;
			if (lateMs > 0) {
				// Timers of one delay fire in the order they were set: the bytes keep their order.
				setTimeout(() => {
					client.write(chunk);
					sentBytes += chunk.length;
				}, lateMs);
				return;
			}

			backlog.get(client)?.push(chunk);
			upstream.pause();
			if (rate === undefined && !stalled) pass(pair, Number.POSITIVE_INFINITY);
		});
		// A connection made while stalled is accepted (as a stopped process's kernel does) and then hears nothing.
		if (stalled) hold(pair);
		else flow(pair);
		const end = () => {
			pairs.delete(pair);
			backlog.delete(client);
			client.destroy();
			upstream.destroy();
		};

		for (const socket of pair) {
			socket.on('close', end);
			socket.on('error', end);
		}
	});
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	return {
		port: (server.address() as net.AddressInfo).port,
		stall() {
			stalled = true;
			for (const pair of pairs) hold(pair);
		},
		resume() {
			stalled = false;
			for (const pair of pairs) {
				flow(pair);
				if (rate === undefined) pass(pair, Number.POSITIVE_INFINITY);
			}
		},
		throttle(bytesPerSecond) {
			rate = bytesPerSecond;
			if (rate === undefined && !stalled) for (const pair of pairs) pass(pair, Number.POSITIVE_INFINITY);
		},
		delay(ms) {
			lateMs = ms;
		},
		sent: () => sentBytes,
		reads: () => serverReads,
		async close() {
			clearInterval(pacer);
			for (const [client, upstream] of pairs) {
				client.destroy();
				upstream.destroy();
			}

			await new Promise<void>(resolve => server.close(() => resolve()));
		},
	};
}
