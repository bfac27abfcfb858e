// The process's own metrics under the names Prometheus client libraries use (process_*, nodejs_*).
import {monitorEventLoopDelay} from 'node:perf_hooks';
import type {Family} from './exposition.js';

const startSeconds = (Date.now() - performance.now()) / 1000;
const loopDelay = monitorEventLoopDelay({resolution: 20});
let loopDelayOn = false;

/** CPU, memory, start time, heap and event-loop delay of this process. */
export function processFamilies(): Family[] {
	if (!loopDelayOn) {
		loopDelay.enable();
		loopDelayOn = true;
	}

	const cpu = process.cpuUsage();
	const memory = process.memoryUsage();
	const gauge = (name: string, help: string, value: number): Family => ({name, help, type: 'gauge', samples: [{value}]});
	return [
		{name: 'process_cpu_user_seconds_total', help: 'User CPU time spent in seconds.', type: 'counter', samples: [{value: cpu.user / 1e6}]},
		{name: 'process_cpu_system_seconds_total', help: 'System CPU time spent in seconds.', type: 'counter', samples: [{value: cpu.system / 1e6}]},
		{name: 'process_cpu_seconds_total', help: 'Total user and system CPU time spent in seconds.', type: 'counter', samples: [{value: (cpu.user + cpu.system) / 1e6}]},
		gauge('process_resident_memory_bytes', 'Resident memory size in bytes.', memory.rss),
		gauge('process_start_time_seconds', 'Start time of the process since unix epoch in seconds.', startSeconds),
		gauge('nodejs_heap_size_total_bytes', 'Process heap size from Node.js in bytes.', memory.heapTotal),
		gauge('nodejs_heap_size_used_bytes', 'Process heap size used from Node.js in bytes.', memory.heapUsed),
		gauge('nodejs_external_memory_bytes', 'Node.js external memory size in bytes.', memory.external),
		gauge('nodejs_eventloop_lag_p99_seconds', 'The 99th percentile of the event-loop delay since the exporter started, in seconds.', loopDelay.percentile(99) / 1e9),
	];
}
