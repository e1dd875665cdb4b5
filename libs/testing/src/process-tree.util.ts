import { readdirSync, readFileSync } from 'node:fs';

interface ProcStat {
  state: string;
  ppid: number;
}

function readStat(pid: number): ProcStat | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid ...": comm may contain spaces and parentheses, so split after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0] ?? '', ppid: Number(fields[1]) };
  } catch {
    return undefined;
  }
}

/** Pids whose parent is `pid` (Linux /proc). */
export function childPidsOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const child = Number(entry);
    if (readStat(child)?.ppid === pid) children.push(child);
  }
  return children;
}

/** True when no process `pid` runs: none exists, or only its zombie is left for a parent to reap. */
export function isProcessGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
  const state = readStat(pid)?.state;
  return state === 'Z' || state === 'X';
}
