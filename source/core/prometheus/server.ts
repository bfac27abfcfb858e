// Serves /metrics over HTTP for Prometheus to scrape (GET and HEAD); nothing else is served.
import http from 'node:http';
import type {AddressInfo} from 'node:net';
import {InputError} from '../errors.js';
import {hostPort} from '../units/host-port.js';
import {exposition, expositionContentType, type Family} from './exposition.js';
import {processRegistry} from './process-metrics.js';

/** A running exporter. */
export type MetricsServer = {
	/** The address it listens on, e.g. `http://127.0.0.1:9464/metrics`. */
	readonly url: string;
	close(): Promise<void>;
};

/** Why listening on host:port failed, and for a port in use what to do about it. */
function listenProblem(host: string, port: number, error: NodeJS.ErrnoException): string {
	const where = hostPort(host, port);
	if (error.code === 'EADDRINUSE') return `--metrics-port: ${where} is already in use (another exporter or program listens there); choose another port with --metrics-port N, or --metrics-port 0 for any free one`;
	return `--metrics-port: cannot listen on ${where}: ${error.code ?? error.message}`;
}

/** Listen on host:port (port 0: any free one) and answer GET /metrics with the families `collect` gives then and the process metrics. */
export async function serveMetrics(host: string, port: number, collect: () => Promise<Family[]>): Promise<MetricsServer> {
	const processes = processRegistry();
	const server = http.createServer(async (request, response) => {
		const path = (request.url ?? '').split('?')[0];
		if (path !== '/metrics') {
			response.writeHead(404, {'content-type': 'text/plain'}).end('only /metrics is served here\n');
			return;
		}

		if (request.method !== 'GET' && request.method !== 'HEAD') {
			response.writeHead(405, {'content-type': 'text/plain', allow: 'GET, HEAD'}).end('/metrics answers GET and HEAD only\n');
			return;
		}

		let body: string;
		try {
			body = await exposition(await collect(), [processes]);
		} catch (error) {
			response.writeHead(500, {'content-type': 'text/plain'}).end(`${error instanceof Error ? error.message : String(error)}\n`);
			return;
		}

		response.writeHead(200, {'content-type': expositionContentType}).end(request.method === 'HEAD' ? undefined : body);
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', error => {
			reject(new InputError(listenProblem(host, port, error)));
		});
		server.listen(port, host, resolve);
	});
	server.unref();
	const address = server.address() as AddressInfo;
	return {
		url: `http://${hostPort(address.address, address.port)}/metrics`,
		async close() {
			server.closeAllConnections();
			await new Promise<void>(resolve => {
				server.close(() => resolve());
			});
		},
	};
}
