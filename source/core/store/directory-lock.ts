// One store per directory: the store keeps sequence numbers and caches in memory, so a second writer (in this
// process or another) would corrupt them. lmdb-js must not open one environment twice in a process either.
import fs from 'node:fs';
import path from 'node:path';

const openHere = new Set<string>();

/** Whether a process with this pid is running. */
export function processRunning(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/**
 * Claim `directory` (which must exist) for this process, or throw saying who holds it. A lock left behind by a
 * process that died (kill -9, crash) is taken over. Returns the function that releases the claim.
 */
export function claimDirectory(directory: string): () => void {
	const real = fs.realpathSync(directory);
	if (openHere.has(real)) throw new Error(`the store in ${directory} is already open in this process`);
	const lockFile = path.join(real, 'pubsub-tools.lock');
	const pid = String(process.pid);
	try {
		fs.writeFileSync(lockFile, pid, {flag: 'wx'});
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
		const holder = Number(fs.readFileSync(lockFile, 'utf8'));
		if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && processRunning(holder)) {
			throw new Error(`the store in ${directory} is in use by process ${holder} (another monitor?); give this run a store of its own with --data-dir DIR, or --ephemeral`);
		}

		fs.writeFileSync(lockFile, pid);
	}

	openHere.add(real);
	return () => {
		openHere.delete(real);
		try {
			if (fs.readFileSync(lockFile, 'utf8') === pid) fs.unlinkSync(lockFile);
		} catch {
			// Already gone (e.g. the directory was removed): nothing to release.
		}
	};
}
