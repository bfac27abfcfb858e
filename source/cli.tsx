#!/usr/bin/env node
// Entry point: loads and runs the CLI (main.tsx). Only small modules may come before it: loading the rest takes most
// of a second, and what must happen at once (holding the keys typed meanwhile) goes here, before it.
import './react-build.js';

await import('./main.js');
