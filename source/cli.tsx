#!/usr/bin/env node
// Entry point: holds the keys typed while the program loads, when this run may open the TUI (they are the TUI's, and
// would be echoed onto the screen meanwhile; ui/startup-keys.ts), then loads and runs the CLI (main.tsx). Only
// small modules come before the hold: loading the rest takes most of a second. The patched dependencies are patched
// as they load where the installed files lack their patch (an installed copy: patched-dependencies.ts).
// First: an older Node.js than the program needs is said before anything else loads.
import './node-version.js';
import './react-build.js';
import {mayOpenTui} from './commands/support/tui-intent.js';
import {patchDependencies} from './patched-dependencies.js';
import {holdKeys} from './ui/startup-keys.js';

const tui = mayOpenTui(process.argv.slice(2));
if (process.stdout.isTTY && tui) holdKeys();
patchDependencies({esm: tui});
await import('./main.js');
