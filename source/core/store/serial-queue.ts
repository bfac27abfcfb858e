// Store jobs run one at a time: each plans against what is committed, so the next may only start once it is.

const ignore = () => undefined;

/** Runs async jobs strictly one after another; a failed job does not stop the ones after it. */
export class SerialQueue {
	private tail: Promise<unknown> = Promise.resolve();

	/** Queue a job; resolves or rejects with its outcome. */
	async run<T>(job: () => Promise<T>): Promise<T> {
		const result = this.tail.then(job);
		this.tail = result.then(ignore, ignore);
		return result;
	}

	/** Resolves once every job queued so far has finished. */
	async idle(): Promise<void> {
		await this.tail;
	}
}
