// A TCP proxy in front of a server that can go silent without closing anything, as a network partition does: no
// byte passes either way and no connection is refused or reset, until it is let through again.
import net from 'node:net';

/** A proxy on 127.0.0.1 forwarding to `target`; `stall()` and `resume()` stop and restart the traffic. */
export type StallProxy = {port: number; stall(): void; resume(): void; close(): Promise<void>};

/** Start a proxy to `host:port` on a free loopback port. */
export async function startStallProxy(host: string, port: number): Promise<StallProxy> {
	const pairs = new Set<[net.Socket, net.Socket]>();
	let stalled = false;
	const flow = ([client, upstream]: [net.Socket, net.Socket]) => {
		client.pipe(upstream);
		upstream.pipe(client);
	};

	const hold = ([client, upstream]: [net.Socket, net.Socket]) => {
		client.unpipe(upstream);
		upstream.unpipe(client);
		client.pause();
		upstream.pause();
	};

	const server = net.createServer(client => {
		const upstream = net.connect(port, host);
		const pair: [net.Socket, net.Socket] = [client, upstream];
		pairs.add(pair);
		// A connection made while stalled is accepted (as a stopped process's kernel does) and then hears nothing.
		if (stalled) hold(pair);
		else flow(pair);
		const end = () => {
			pairs.delete(pair);
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
			for (const pair of pairs) flow(pair);
		},
		async close() {
			for (const [client, upstream] of pairs) {
				client.destroy();
				upstream.destroy();
			}

			await new Promise<void>(resolve => server.close(() => resolve()));
		},
	};
}
