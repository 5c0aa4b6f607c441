import type { AppCore } from '../core/app-core';
import { closeWithin, SHUTDOWN_TIMEOUT_MS, type CloseOutcome } from '../core/shutdown';
import type { Logger } from '../logging/logger';

export interface WebShellParts {
  /** The core being started or running; a start that failed has nothing to close. */
  core: Promise<Pick<AppCore, 'close'>>;
  host: { close(): Promise<void> };
  /** The data folder's instance lock; released last, so a new start cannot meet a store still closing. */
  lock: { release(): void } | null;
  stopDialInbox?: () => void;
  log: Logger;
  timeoutMs?: number;
}

/**
 * The web shell's quit (SIGINT, SIGTERM, its browser window closed): the core closes first, within
 * a time limit, while the page is still connected, so live calls end with a BYE and the media
 * engine closes their peer connections; then the page's socket and the HTTP server; then the lock.
 * The caller exits the process afterwards.
 */
export async function shutdownWebShell(parts: WebShellParts): Promise<CloseOutcome> {
  parts.stopDialInbox?.();
  const outcome = await closeWithin(
    () =>
      parts.core.then(
        (core) => core.close(),
        () => undefined,
      ),
    parts.log,
    parts.timeoutMs ?? SHUTDOWN_TIMEOUT_MS,
  );
  await parts.host.close().catch(() => undefined);
  parts.lock?.release();
  return outcome;
}
