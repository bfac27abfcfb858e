// Reading a stream chunk by chunk when asked, not as it comes.
import type {Readable} from 'node:stream';

/** Reads a stream in paused mode, so bytes are only read as fast as they are asked for. */
export function puller(stream: Readable): {next(): Promise<Buffer | undefined>} {
	return {
		async next() {
			for (;;) {
				// What was decoded before an error still counts.
				const chunk = stream.read() as Buffer | string | null;
				if (chunk !== null) return typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
				if (stream.errored) throw stream.errored;
				if (stream.readableEnded || stream.destroyed) return undefined;
				await new Promise<void>(resolve => {
					const done = () => {
						stream.off('readable', done).off('end', done).off('error', done).off('close', done);
						resolve();
					};

					stream.on('readable', done).on('end', done).on('error', done).on('close', done);
				});
			}
		},
	};
}
