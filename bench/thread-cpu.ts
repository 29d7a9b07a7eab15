// CPU time per thread of this process, from /proc (Linux only): the benchmarks that measure the record's
// writer thread (the process's one thread at nice 10) apart from the protocol's (the main thread).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

let ticksPerSecond = 0;

/** Each thread of this process: its id, its nice value and the CPU time (ms) it has taken so far. */
export function threadCpuMs(): Array<{ tid: number; nice: number; ms: number }> {
  ticksPerSecond ||= Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  const threads: Array<{ tid: number; nice: number; ms: number }> = [];
  for (const tid of readdirSync('/proc/self/task')) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    } catch {
      continue; // the thread ended meanwhile
    }
    // After the command name in parentheses: state is field 3; utime 14, stime 15, nice 19.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    threads.push({ tid: Number(tid), nice: Number(fields[16]), ms: ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond });
  }
  return threads;
}

/** CPU time (ms) of the record's writer thread (this process's thread at nice 10); null if there is none. */
export function writerThreadCpuMs(): number | null {
  return threadCpuMs().find((t) => t.nice === 10)?.ms ?? null;
}
