// A throwaway redis-server on 127.0.0.1 for development and tests: `npm run redis`, or imported by tests.
import fs from 'node:fs';
import net from 'node:net';
import tls from 'node:tls';
import {spawnSync} from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import {commandProblem, freePort, portOpen, spawnLocal, startRestartable, runAsScript, stopOnSignals, tailOf, waitUntil, type LocalProcess, type RestartableServer} from './local-process.js';

/** Options of a local Redis. */
export type RedisServerOptions = {
	/** Default a free port. */
	port?: number;
	/** Sets `requirepass` (kept in a config file, not on the command line where `ps` shows it). */
	password?: string;
	/** Keep data across `down()`/`up()` (append-only file in the temp dir); off by default, like the CI Redis. */
	persist?: boolean;
	/**
	 * Serve TLS only, with a certificate for 127.0.0.1 signed by a CA made for this server (`caFile`), or with the
	 * files given (the nodes of one test cluster share them).
	 */
	tls?: boolean | TestCertificates;
	/** ACL users besides `default`: name, password and rules (default: read-only, `-@all +@read +@connection`). */
	users?: Array<{name: string; password: string; rules?: string}>;
	/** A Redis Cluster node (`cluster-enabled yes`), not yet part of a cluster: test/support/redis-cluster.ts joins them. */
	cluster?: boolean;
};

/** A running local Redis. */
export type RedisServer = RestartableServer & {
	/** `redis://127.0.0.1:PORT` (`rediss://…?ca=CAFILE` with TLS; no credentials). */
	url: string;
	port: number;
	/** With `tls`: the PEM file of the CA that signed the server's certificate. */
	caFile?: string;
	/** With `cluster`: the port of its cluster bus (CLUSTER MEET needs it). */
	clusterPort?: number;
	/** The server process's id while it is up (a test kills it outright, SIGKILL). */
	pid(): number | undefined;
};

/** A CA's certificate, and a server certificate it signed with its key (PEM files). */
export type TestCertificates = {caFile: string; certFile: string; keyFile: string};

/** Make a CA and a server certificate for 127.0.0.1 in `dir` with openssl; returns the files' paths. */
export function makeTestCertificates(dir: string, name = 'pubsub-tools test'): TestCertificates {
	const problem = commandProblem('openssl', ['version']);
	if (problem) throw new Error(`${problem}; TLS tests need openssl (Debian: apt-get install openssl)`);
	const file = (base: string) => path.join(dir, base);
	const run = (args: string[]) => {
		const result = spawnSync('openssl', args, {cwd: dir, encoding: 'utf8'});
		if (result.status !== 0) throw new Error(`openssl ${args[0]!} failed: ${result.stderr.trim()}`);
	};

	run(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', `/CN=${name} CA`, '-keyout', file('ca.key'), '-out', file('ca.pem')]);
	run(['req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=127.0.0.1', '-keyout', file('server.key'), '-out', file('server.csr')]);
	fs.writeFileSync(file('server.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
	run(['x509', '-req', '-in', file('server.csr'), '-CA', file('ca.pem'), '-CAkey', file('ca.key'), '-CAcreateserial', '-days', '2', '-extfile', file('server.ext'), '-out', file('server.pem')]);
	return {caFile: file('ca.pem'), certFile: file('server.pem'), keyFile: file('server.key')};
}

/** Undefined when redis-server can run here, else why not. */
export function redisServerProblem(): string | undefined {
	const problem = commandProblem('redis-server', ['--version']);
	return problem && `${problem}; install Redis (Debian: apt-get install redis-server) or point REDIS_URL at a running one`;
}

/** Whether something on 127.0.0.1:port answers a Redis PING (an authentication error counts as an answer). */
export async function redisAnswers(port: number, options: {tls?: boolean} = {}): Promise<boolean> {
	return new Promise(resolve => {
		// Only whether it answers: the certificate is checked by the clients under test, not here.
		const socket = options.tls ? tls.connect({host: '127.0.0.1', port, rejectUnauthorized: false}) : net.connect({host: '127.0.0.1', port});
		socket.setTimeout(1000);
		const done = (answers: boolean) => {
			socket.destroy();
			resolve(answers);
		};

		socket.once(options.tls ? 'secureConnect' : 'connect', () => socket.write('PING\r\n'));
		socket.once('data', (data: Buffer) => {
			done(/^(\+PONG|-NOAUTH|-WRONGPASS|-ERR)/.test(data.toString('latin1')));
		});
		socket.once('error', () => {
			done(false);
		});
		socket.once('timeout', () => {
			done(false);
		});
	});
}

/** Start a redis-server bound to 127.0.0.1; resolves once it answers PING. */
export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServer> {
	const problem = redisServerProblem();
	if (problem) throw new Error(problem);
	const port = options.port ?? await freePort();
	if (await portOpen(port)) throw new Error(`Port ${port} is already in use on 127.0.0.1`);
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pubsub-tools-redis-'));
	const logFile = path.join(dir, 'redis.log');
	const config = path.join(dir, 'redis.conf');
	const certificates = typeof options.tls === 'object' ? options.tls : (options.tls ? makeTestCertificates(dir) : undefined);
	const clusterBus = options.cluster ? await freePort() : undefined;
	fs.writeFileSync(config, [
		...certificates ? [
			'port 0',
			`tls-port ${port}`,
			`tls-cert-file ${certificates.certFile}`,
			`tls-key-file ${certificates.keyFile}`,
			`tls-ca-cert-file ${certificates.caFile}`,
			'tls-auth-clients no',
			...options.cluster ? ['tls-cluster yes', 'tls-replication yes'] : [],
		] : [`port ${port}`],
		'bind 127.0.0.1',
		'save ""',
		`appendonly ${options.persist ? 'yes' : 'no'}`,
		`dir ${dir}`,
		'daemonize no',
		...options.password ? [`requirepass ${options.password}`, `masterauth ${options.password}`] : [],
		// A node taken for failed after 2 s, so that a replica takes over within seconds of its primary stopping; its
		// bus on a free port of its own (port + 10000, the default, may be taken or past 65535).
		...clusterBus === undefined ? [] : ['cluster-enabled yes', `cluster-port ${clusterBus}`, `cluster-config-file ${path.join(dir, 'nodes.conf')}`, 'cluster-node-timeout 2000'],
		...(options.users ?? []).map(user => `user ${user.name} on >${user.password} ~* ${user.rules ?? '-@all +@read +@connection'}`),
		'',
	].join('\n'), {mode: 0o600});
	let server: LocalProcess | undefined;

	const up = async () => {
		let exit: number | null | undefined;
		const started = await spawnLocal('redis-server', [config], {logFile});
		server = started;
		void started.exited.then(code => {
			exit = code;
		});
		await waitUntil(async () => redisAnswers(port, {tls: certificates !== undefined}), {
			what: `redis-server on 127.0.0.1:${port}`,
			timeoutMs: 30_000,
			intervalMs: 50,
			failed: () => exit === undefined ? undefined : `it exited with ${String(exit)}:\n${tailOf(logFile)}`,
		});
	};

	const down = async () => {
		await server?.stop(10_000);
		server = undefined;
	};

	const url = certificates ? `rediss://127.0.0.1:${port}?ca=${certificates.caFile}` : `redis://127.0.0.1:${port}`;
	return {...await startRestartable(dir, up, down), url, port, caFile: certificates?.caFile, clusterPort: clusterBus, pid: () => server?.pid};
}

/** `npm run redis`: use the Redis on REDIS_PORT (default 6379) if one answers, else start one until Ctrl-C. */
async function main(): Promise<void> {
	const port = Number(process.env.REDIS_PORT ?? 6379);
	if (await redisAnswers(port)) {
		console.log(`Redis already answers PING on 127.0.0.1:${port}: nothing to start (ready: redis://127.0.0.1:${port})`);
		return;
	}

	const server = await startRedisServer({port});
	console.log(`Redis ready: ${server.url} (nothing kept on disk; Ctrl-C stops it)`);
	stopOnSignals(server);
}

runAsScript(import.meta.url, 'redis', main, `Usage: node dist/scripts/redis-server.js   (npm run redis)
Starts redis-server on 127.0.0.1 until Ctrl-C, unless a Redis already answers PING there (nothing kept on disk).
  REDIS_PORT  port (default 6379)`);
