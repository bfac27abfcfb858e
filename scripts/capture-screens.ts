// Text captures of the TUI for the README, from the real program in a real terminal (tmux, 80×24, NO_COLOR):
//   npm run build && node dist/scripts/capture-screens.js
// prints each screen as a Markdown block after the command and keys that produced it (scripts/readme-screens.ts).
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {captureScreen, screens} from './readme-screens.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
for (const screen of screens) process.stdout.write(`${await captureScreen(screen, root)}\n`);
