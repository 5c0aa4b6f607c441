import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, watch, writeFileSync, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { MAX_LINK_LENGTH } from '../../shared/click-to-dial/parse';

/**
 * Second-launch hand-off for the web shell (Electron has its own single-instance
 * lock with 'second-instance'): a launch that finds Switchboard already running
 * drops the clicked link as a file into <data>/dial-inbox (the data folder is
 * readable by this OS user only) and exits; the running host picks it up.
 */
export function dialInboxDir(dataDir: string): string {
  return path.join(dataDir, 'dial-inbox');
}

/** Writes one link for the running host (atomically: it never sees half a file). */
export function dropDialLink(dataDir: string, link: string): void {
  const dir = dialInboxDir(dataDir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const name = `${Date.now()}-${randomUUID()}`;
  writeFileSync(path.join(dir, `${name}.tmp`), link.slice(0, MAX_LINK_LENGTH + 1), { mode: 0o600 });
  renameSync(path.join(dir, `${name}.tmp`), path.join(dir, `${name}.link`));
}

/** How often the inbox is read where the file system cannot be watched. */
const INBOX_POLL_MS = 2_000;

/**
 * Delivers every link dropped into the inbox (and any left from before) to `onLink`, oldest first,
 * deleting each file as it is read. `watch: false` reads it on a poll instead (what happens where
 * the file system gives no change events; tests). Returns a stop function.
 */
export function watchDialInbox(
  dataDir: string,
  onLink: (link: string) => void,
  options: { watch?: boolean; pollMs?: number } = {},
): () => void {
  const dir = dialInboxDir(dataDir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const drain = (): void => {
    let names: string[];
    try {
      names = readdirSync(dir)
        .filter((n) => n.endsWith('.link'))
        .sort();
    } catch {
      return;
    }
    for (const name of names) {
      const file = path.join(dir, name);
      let link: string;
      try {
        link = readFileSync(file, 'utf8');
        rmSync(file, { force: true });
      } catch {
        continue; // taken by a concurrent drain
      }
      onLink(link);
    }
  };
  // The OS tells of each file dropped (inotify, FSEvents, ReadDirectoryChangesW: the inbox is in the
  // agent's local data folder), so an idle host sleeps. Only where no watch can be had (it fails to
  // start, or fails later: a file system without change events) does a poll take over.
  let timer: NodeJS.Timeout | null = null;
  const poll = (): void => {
    if (timer !== null) return;
    timer = setInterval(drain, options.pollMs ?? INBOX_POLL_MS);
    timer.unref();
    drain();
  };
  let watcher: FSWatcher | null = null;
  try {
    if (options.watch === false) throw new Error('watching turned off');
    watcher = watch(dir, () => drain());
    watcher.on('error', () => {
      watcher?.close();
      watcher = null;
      poll();
    });
  } catch {
    watcher = null;
    poll();
  }
  drain();
  return () => {
    if (timer !== null) clearInterval(timer);
    watcher?.close();
  };
}
