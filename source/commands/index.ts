// Every subcommand, in the order `pubsub-tools --help` lists them.
import type {Command} from './support/command.js';
import {monitorCommand} from './monitor.js';
import {replayCommand} from './replay.js';
import {metricsCommand} from './metrics.js';
import {flowAnalyzeCommand} from './flow-analyze.js';
import {alertsCommand} from './alerts.js';
import {recordCommand} from './record.js';
import {auditCommand} from './audit.js';
import {configPrintCommand} from './config-print.js';
import {demoCommand} from './demo.js';
import {pluginsCommand} from './plugins-list.js';
import {stateCommand} from './state.js';
import {queryCommand} from './query.js';
import {checkCommand} from './check.js';

/** All commands. */
export const commands: Command[] = [
	monitorCommand, replayCommand, metricsCommand, flowAnalyzeCommand, stateCommand, queryCommand, alertsCommand, recordCommand, auditCommand, checkCommand, configPrintCommand, demoCommand, pluginsCommand,
];
