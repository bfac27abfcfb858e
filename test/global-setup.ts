// Runs once before the suite: builds dist/ so CLI tests run the real `pubsub-tools` binary.
import {execFileSync} from 'node:child_process';

/** Compile the TypeScript sources the CLI tests execute. */
export default function setup(): void {
	execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json'], {stdio: 'inherit'});
}
