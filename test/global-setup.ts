// Runs once before the suite: builds dist/ so CLI tests run the real `pubsub-tools` binary.
import {execFileSync} from 'node:child_process';

/** Compile the TypeScript sources the CLI tests execute. */
export default function setup(): void {
	try {
		execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json'], {stdio: 'inherit'});
	} catch (error) {
		// While several people edit the tree at once a half-written file must not stop everyone's tests.
		if (process.env.PUBSUB_TOLERATE_TSC !== '1') throw error;
	}
}
