// CPU time of the main thread alone, for the benchmarks' per-event figures (process.cpuUsage counts every thread).
import fs from 'node:fs';

/** CPU seconds the main thread has used (utime + stime of /proc/self/task/PID/stat, in clock ticks of 1/100 s). */
export function mainThreadCpuSeconds(): number {
	const stat = fs.readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
	// Fields after the command name (which may hold spaces) start at field 3; utime and stime are fields 14 and 15.
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** What a run took from its clock's start: wall seconds, CPU seconds of every thread, and of the main thread. */
export type RunTimes = {seconds: number; cpuSeconds: number; mainCpuSeconds: number};

/** Start a run's clock: `seconds()` reads the wall time so far, `read()` every figure of RunTimes. */
export function startRunClock(): {seconds(): number; read(): RunTimes} {
	const cpuAtStart = process.cpuUsage();
	const mainAtStart = mainThreadCpuSeconds();
	const started = process.hrtime.bigint();
	const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
	return {
		seconds,
		read() {
			const cpu = process.cpuUsage(cpuAtStart);
			return {seconds: seconds(), cpuSeconds: (cpu.user + cpu.system) / 1e6, mainCpuSeconds: mainThreadCpuSeconds() - mainAtStart};
		},
	};
}
