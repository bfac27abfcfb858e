// Child process of the benchmark: runs the whole engine over a recording into a store and prints its figures.
import {openSession} from '../source/commands/support/session.js';

const [file, dataDir, rules] = process.argv.slice(2) as [string, string, string];
const session = await openSession([file], {dataDir});
if (rules === 'off') for (const rule of Object.values(session.config.alerts.rules)) rule.enabled = false;
const started = process.hrtime.bigint();
const totals = await session.engine.run();
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const summary = session.engine.summary();
await session.close();
process.stdout.write(`${JSON.stringify({events: totals.events, seconds, maxRssMb: process.resourceUsage().maxRSS / 1024, summary})}\n`);
