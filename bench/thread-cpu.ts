// CPU time of the main thread alone, for the benchmarks' per-event figures (process.cpuUsage counts every thread).
import fs from 'node:fs';

/** CPU seconds the main thread has used (utime + stime of /proc/self/task/PID/stat, in clock ticks of 1/100 s). */
export function mainThreadCpuSeconds(): number {
	const stat = fs.readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
	// Fields after the command name (which may hold spaces) start at field 3; utime and stime are fields 14 and 15.
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	return (Number(fields[11]) + Number(fields[12])) / 100;
}
