import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';

export interface InstanceLock {
  release(): void;
}

export class AlreadyRunningError extends Error {
  readonly pid: number;
  constructor(pid: number) {
    super(`Switchboard is already running with this data folder (process ${pid}). Use that window, or close it first.`);
    this.name = 'AlreadyRunningError';
    this.pid = pid;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One host per data folder: two would fight over the store's single writer.
 * Electron has its own single-instance lock; the web shell uses this one. A
 * lock left by a crashed process (its pid no longer alive) is taken over.
 */
export function acquireInstanceLock(dataDir: string): InstanceLock {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'instance.lock');
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return {
        release() {
          try {
            if (readFileSync(file, 'utf8').trim() === String(process.pid)) rmSync(file);
          } catch {
            // Already gone: nothing to release.
          }
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number.parseInt(readFileSync(file, 'utf8').trim(), 10);
      if (Number.isSafeInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder)) throw new AlreadyRunningError(holder);
      rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not take the instance lock at ${file}`);
}
