import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { AgentSnapshot } from '../../shared/agent/agent-state-snapshot';

export type LoadedSnapshot =
  | { kind: 'missing' }
  | { kind: 'found'; raw: unknown }
  /** Not JSON: moved aside so the next start does not trip over it again. */
  | { kind: 'corrupt'; movedTo: string | null };

/** Where the agent's state survives a crash or restart; implemented by a file, or by the store later. */
export interface AgentStatePersistence {
  load(): Promise<LoadedSnapshot>;
  /** Queues a save; saves are written in order and the newest wins. */
  save(snapshot: AgentSnapshot): void;
  /** Resolves when everything queued is on disk (rejects with the last write error). */
  flush(): Promise<void>;
  /** Moves an unusable snapshot aside (kept for diagnostics). */
  quarantine(): Promise<string | null>;
}

/**
 * The agent state snapshot in one small JSON file, replaced atomically (write a temporary file,
 * fsync, rename, fsync the folder), so a crash leaves either the old or the new snapshot and
 * never half of one. Writes are asynchronous and coalesced: SIP signalling on the main thread
 * never waits for the disk, and a burst of transitions costs one write. The snapshot holds ids,
 * codes and times only, no personal data (see shared/agent/agent-state-snapshot.ts).
 */
export class AgentStateFile implements AgentStatePersistence {
  private pending: AgentSnapshot | null = null;
  private writing: Promise<void> | null = null;
  private lastError: unknown = null;
  private tmpCounter = 0;

  constructor(
    readonly filePath: string,
    private readonly onWriteError: (error: unknown) => void = () => undefined,
  ) {}

  async load(): Promise<LoadedSnapshot> {
    let text: string;
    try {
      text = await fs.readFile(this.filePath, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
      throw error;
    }
    try {
      return { kind: 'found', raw: JSON.parse(text) as unknown };
    } catch {
      return { kind: 'corrupt', movedTo: await this.quarantine() };
    }
  }

  save(snapshot: AgentSnapshot): void {
    this.pending = snapshot;
    if (this.writing === null) this.writing = this.drain();
  }

  async flush(): Promise<void> {
    while (this.writing !== null) await this.writing;
    if (this.lastError !== null) {
      const error = this.lastError;
      this.lastError = null;
      throw error instanceof Error ? error : new Error('agent state write failed');
    }
  }

  async quarantine(): Promise<string | null> {
    const target = `${this.filePath}.unreadable-${Date.now()}`;
    try {
      await fs.rename(this.filePath, target);
      return target;
    } catch {
      return null;
    }
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending !== null) {
        const snapshot = this.pending;
        this.pending = null;
        try {
          await this.write(snapshot);
          this.lastError = null;
        } catch (error) {
          this.lastError = error;
          this.onWriteError(error);
        }
      }
    } finally {
      this.writing = null;
    }
  }

  private async write(snapshot: AgentSnapshot): Promise<void> {
    const dir = path.dirname(this.filePath);
    await fs.mkdir(dir, { recursive: true });
    // Unique per write so that two writers (a bug, but possible with two hosts on one folder) never rename each other's half file.
    const tmp = `${this.filePath}.${process.pid}.${(this.tmpCounter += 1)}.tmp`;
    const handle = await fs.open(tmp, 'w', 0o600);
    try {
      await handle.writeFile(`${JSON.stringify(snapshot)}\n`, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(tmp, this.filePath);
    if (process.platform !== 'win32') {
      // Make the rename itself durable; Windows cannot open a folder for fsync.
      const dirHandle = await fs.open(dir, 'r');
      try {
        await dirHandle.sync();
      } finally {
        await dirHandle.close();
      }
    }
  }
}
