// Keys typed while the program starts, before Ink reads the terminal: opening the store, loading plugins and the UI
// take a second or more, and in the terminal's normal mode each key would be echoed onto the user's screen (and left
// there after the TUI exits) and Enter arrive as a line feed. From the start of a run that may open the TUI, the
// keyboard is in raw mode (no echo) and what is typed is kept, then handed to the TUI to read first: `2` typed at
// start opens Topics, `q` quits. Ctrl-C still interrupts at once: raw mode turns it into a byte, so it is raised
// as SIGINT here, after the terminal is given back. Kept free of React and Ink: the CLI loads it before anything else.
// Node gives the terminal back on its own when the process ends (it restores the modes of standard input, output
// and error on exit and on SIGINT/SIGTERM); a keyboard opened on /dev/tty is the same terminal.
import fs from 'node:fs';
import process from 'node:process';
import tty from 'node:tty';

/** Ctrl-C as raw mode delivers it. */
const interrupt = 0x03;

type Held = {keyboard: tty.ReadStream; typed: Buffer[]; onData: (chunk: Buffer) => void};

/** Set while keys are held: not yet handed to the TUI nor given back. */
let held: Held | undefined;

/** The terminal keys come from: stdin when it is one, else the controlling terminal (`cat rec | … replay -`). */
function openKeyboard(): tty.ReadStream | undefined {
	if (process.stdin.isTTY) return process.stdin;
	try {
		return new tty.ReadStream(fs.openSync('/dev/tty', 'r'));
	} catch {
		return undefined;
	}
}

/** Stop reading for the hold; the keyboard stays in raw mode. */
function stopHolding(): Held | undefined {
	const stopped = held;
	if (stopped === undefined) return undefined;
	held = undefined;
	process.off('exit', releaseKeys);
	stopped.keyboard.off('data', stopped.onData);
	stopped.keyboard.pause();
	return stopped;
}

/**
 * Hold the keyboard from now until the TUI takes it (handOverKeys) or the run turns out not to open one
 * (releaseKeys): raw mode, nothing echoed, every byte kept. Returns the keyboard (the one already held when called
 * again), or undefined when there is no terminal to read keys from.
 */
export function holdKeys(): tty.ReadStream | undefined {
	if (held !== undefined) return held.keyboard;
	const keyboard = openKeyboard();
	if (keyboard === undefined) return undefined;
	const typed: Buffer[] = [];
	const onData = (chunk: Buffer) => {
		if (!chunk.includes(interrupt)) {
			typed.push(chunk);
			return;
		}

		releaseKeys();
		process.kill(process.pid, 'SIGINT');
	};

	held = {keyboard, typed, onData};
	keyboard.setRawMode(true);
	keyboard.on('data', onData);
	// Holding alone never keeps the process alive: a run that fails at start still ends.
	keyboard.unref();
	process.on('exit', releaseKeys);
	return keyboard;
}

/** The TUI is about to read the keyboard: holding stops, raw mode stays, and what was typed meanwhile is read first. */
export function handOverKeys(): void {
	const stopped = stopHolding();
	if (stopped !== undefined && stopped.typed.length > 0) stopped.keyboard.unshift(Buffer.concat(stopped.typed));
}

/**
 * The run does not open the TUI (or ends before it): the terminal as it was. Keys typed while held are dropped: they
 * were read off the terminal and cannot be put back, and a run held them only when its argv said TUI
 * (tui-intent.ts), so they were typed for the TUI (an error at start ends it), never for the shell.
 */
export function releaseKeys(): void {
	const stopped = stopHolding();
	if (stopped === undefined) return;
	stopped.keyboard.setRawMode(false);
	if (stopped.keyboard === process.stdin) stopped.keyboard.ref();
	else stopped.keyboard.destroy();
}
