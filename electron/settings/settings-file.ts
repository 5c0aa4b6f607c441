import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import type { Logger } from '../logging/logger';

/**
 * One JSON file of the agent's settings in the data folder, read against its schema and written
 * atomically: a whole new file is renamed over the old one, so a crash mid-write leaves the old
 * settings, never half of the new ones. Readable by this user only (the SIP account and the sync
 * server are the agent's).
 */
export class SettingsFile<T> {
  constructor(
    readonly file: string,
    private readonly schema: z.ZodType<T>,
    private readonly log: Logger,
  ) {}

  /** What the file holds; null when there is none yet or it could not be used (then it was logged, and set aside if unreadable). */
  read(): T | null {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT')
        this.log.warn('could not read a settings file; using defaults', { file: path.basename(this.file), error: code ?? 'unknown' });
      return null;
    }
    const checked = this.schema.safeParse(parseJson(text));
    if (checked.success) return checked.data;
    // Kept for diagnosis instead of being overwritten by the next save. The log names the file and
    // the number of issues, not the values (an address, a user name).
    const aside = `${this.file}.unreadable-${Date.now()}`;
    try {
      renameSync(this.file, aside);
    } catch {
      // Nothing more to do: the app starts from defaults either way.
    }
    this.log.warn('settings file was unreadable; set aside, starting from defaults', {
      file: path.basename(this.file),
      keptAs: path.basename(aside),
      issues: checked.error.issues.length,
    });
    return null;
  }

  /** Throws (and leaves the file as it was) when the folder or the file cannot be written. */
  write(value: T): void {
    mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
    const temp = `${this.file}.${process.pid}.tmp`;
    try {
      writeFileSync(temp, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
      renameSync(temp, this.file);
    } catch (error) {
      try {
        rmSync(temp, { force: true });
      } catch {
        // Whatever holds that name is not ours to remove; the write's own error is what the caller needs.
      }
      throw error;
    }
  }
}

/** Not JSON reads as undefined, which no settings schema accepts: the file is then set aside like any other unusable one. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
