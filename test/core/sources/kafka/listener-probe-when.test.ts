// The listener probe (listener-probe.ts) asks a URL's brokers what SASL and TLS they speak when connecting fails: a
// connection closed on us or SASL out of place may be a listener that wants other SASL or TLS than the URL gives, and
// of several brokers, those that do not answer are named. The one broker of a URL that could not be reached at all
// (nothing listening) has no listener to ask: before, it was asked all the same, at every failed attempt.
import net from 'node:net';
import {afterEach, describe, expect, it, vi} from 'vitest';
import * as probe from '../../../../source/core/sources/kafka/listener-probe.js';
import {kafkaSource} from '../../../../source/core/sources/kafka/source.js';
import type {Source} from '../../../../source/core/sources/source.js';
import {freePort} from '../../../../scripts/local-process.js';
import {limit} from '../../../support/limits.js';

vi.mock('../../../../source/core/sources/kafka/listener-probe.js', async importOriginal => {
	const original = await importOriginal<typeof probe>();
	return {...original, listenerFindings: vi.fn(original.listenerFindings)};
});

/** A listener that closes every connection as soon as it is made (as a TLS or SASL listener does to a client it did not expect). */
async function closingListener(): Promise<{port: number; close(): void}> {
	const server = net.createServer(socket => socket.destroy());
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	return {port: (server.address() as net.AddressInfo).port, close: () => server.close()};
}

describe('when the Kafka listener probe runs', () => {
	let source: Source | undefined;
	const asked = vi.mocked(probe.listenerFindings);

	afterEach(async () => {
		await source?.close();
		source = undefined;
		asked.mockClear();
	});

	/** Read `url` until its health says `error`; the drain ends when the source closes. */
	const connectUntil = async (url: string, error: RegExp) => {
		source = kafkaSource(url);
		void (async () => {
			for await (const batch of source.batches()) void batch;
		})().catch(() => undefined);
		await expect.poll(() => source!.health().error, {timeout: limit(20_000)}).toMatch(error);
	};

	it('does not ask the one broker of a URL that nothing listens at', async () => {
		const port = await freePort();
		await connectUntil(`kafka://127.0.0.1:${port}?topics=orders`, /ECONNREFUSED/);
		expect(asked).not.toHaveBeenCalled();
	});

	it('asks the brokers of a URL of several, none listening, and names them', async () => {
		const ports = [await freePort(), await freePort()];
		await connectUntil(`kafka://127.0.0.1:${ports[0]},127.0.0.1:${ports[1]}?topics=orders`, /^no broker answered \(asked /);
		expect(asked).toHaveBeenCalled();
	});

	it('asks the one broker of a URL that closed the connection on us', async () => {
		const listener = await closingListener();
		try {
			await connectUntil(`kafka://127.0.0.1:${listener.port}?topics=orders`, /./);
			await expect.poll(() => asked.mock.calls.length, {timeout: limit(20_000)}).toBeGreaterThan(0);
		} finally {
			listener.close();
		}
	});
});
