import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';

/** Process groups the lab started: killed if the test process exits without stopping them. */
const groups = new Set<number>();
process.once('exit', () => {
  for (const pid of groups) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
});

export interface LabProcess {
  proc: ChildProcess;
  /** Resolves when the process has exited. */
  exited: Promise<void>;
}

/**
 * Starts one of the lab's servers (kamailio, rtpengine, baresip) in its own process group, so a
 * kill reaches the workers it forks too, and remembers it until it exits.
 */
export function spawnLabProcess(binary: string, args: string[], stdio: StdioOptions): LabProcess {
  const proc = spawn(binary, args, { stdio, detached: true });
  const pid = proc.pid;
  if (pid !== undefined) groups.add(pid);
  const exited = new Promise<void>((resolve) =>
    proc.once('exit', () => {
      if (pid !== undefined) groups.delete(pid);
      resolve();
    }),
  );
  return { proc, exited };
}

/** Started and not yet exited. */
export function isRunning(lab: LabProcess | null): boolean {
  return lab !== null && lab.proc.exitCode === null && lab.proc.signalCode === null;
}

/**
 * Sends `signal` (to the whole group for SIGKILL: orphaned workers would keep the ports), then
 * SIGKILL to the group if it has not gone after 3 s; resolves when it has exited.
 */
export async function stopLabProcess({ proc, exited }: LabProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (proc.pid === undefined || proc.exitCode !== null || proc.signalCode !== null) return;
  const group = -proc.pid;
  process.kill(signal === 'SIGKILL' ? group : proc.pid, signal);
  const force = setTimeout(() => {
    try {
      process.kill(group, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }, 3_000);
  await exited;
  clearTimeout(force);
}
