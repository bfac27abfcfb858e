#!/usr/bin/env node
// Entry point: holds the keys typed while the program loads, when this run may open the TUI (they are the TUI's, and
// would be echoed onto the screen meanwhile; ui/startup-keys.ts), then loads and runs the CLI (main.tsx). Only
// small modules come before the hold: loading the rest takes most of a second.
import './react-build.js';
import {mayOpenTui} from './commands/support/tui-intent.js';
import {holdKeys} from './ui/startup-keys.js';

if (process.stdout.isTTY && mayOpenTui(process.argv.slice(2))) holdKeys();
await import('./main.js');
