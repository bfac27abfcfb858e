// `npm run kafka` and `npm run redis` take no arguments: `node dist/scripts/kafka-server.js --help` used to start a
// broker (on 19092, the port every README example uses) instead of saying how the script is used.
import {spawnSync} from 'node:child_process';
import net from 'node:net';
import {describe, expect, it} from 'vitest';
import {limit} from '../support/limits.js';

/** A port nothing listens on now (the script, were it to start a server, would start it there). */
async function freePort(): Promise<number> {
	const server = net.createServer().listen(0, '127.0.0.1');
	await new Promise(resolve => server.once('listening', resolve));
	const {port} = server.address() as net.AddressInfo;
	await new Promise(resolve => server.close(resolve));
	return port;
}

describe.each([['kafka-server', 'KAFKA_PORT'], ['redis-server', 'REDIS_PORT']])('node dist/scripts/%s.js', (script, portVariable) => {
	it('--help prints its usage and exits 0 without starting a server; another argument is bad usage (2)', async () => {
		const env = {...process.env, [portVariable]: String(await freePort())};
		const run = (argument: string) => spawnSync(process.execPath, [`dist/scripts/${script}.js`, argument], {env, encoding: 'utf8', timeout: limit(15_000), killSignal: 'SIGKILL'});
		const help = run('--help');
		expect(help.stdout).toContain(`Usage: node dist/scripts/${script}.js`);
		expect(help.stdout).toContain(portVariable);
		expect(help.status).toBe(0);
		const wrong = run('--port');
		expect(wrong.stderr).toContain('unexpected argument "--port"');
		expect(wrong.status).toBe(2);
	}, limit(40_000));
});
