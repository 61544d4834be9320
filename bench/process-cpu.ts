import { readdirSync, readFileSync } from 'node:fs';

/** Linux counts CPU time in clock ticks of 10 ms (USER_HZ is 100 on every usual build). */
const MICROS_PER_TICK = 10_000;

/** CPU time (user and system) a process has used so far, in µs; 0 when it is gone. */
export function processCpuMicros(pid: number): number {
  if (!pid) return 0;
  try {
    const stat = readFileSync(`/proc/${String(pid)}/stat`, 'utf8');
    // the fields after the command name, which may hold spaces, start at "state"
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * MICROS_PER_TICK;
  } catch {
    return 0;
  }
}

/** CPU time used so far by each PostgreSQL server process on this machine, in µs, by pid. */
export function postgresCpuMicros(): Map<number, number> {
  const byProcess = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'postgres')
        byProcess.set(Number(entry), processCpuMicros(Number(entry)));
    } catch {
      // the process ended while we read
    }
  }
  return byProcess;
}

/**
 * CPU time PostgreSQL's processes used since `before`, in µs: those still running, and those
 * started since. A process that ended in between (a backend, an autovacuum worker) takes its
 * time with it: the figure may fall short, never below zero.
 */
export function postgresCpuSince(before: Map<number, number>): number {
  let total = 0;
  for (const [pid, micros] of postgresCpuMicros()) total += micros - (before.get(pid) ?? 0);
  return total;
}
