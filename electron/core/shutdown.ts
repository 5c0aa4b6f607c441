import type { Logger } from '../logging/logger';

/**
 * How long quitting waits for the core to close: long enough for the BYE of a live call to go out
 * and the store to finish its last write, short enough that a stuck service (a SIP server that
 * never answers, a store worker that hangs) cannot keep a quit app alive.
 */
export const SHUTDOWN_TIMEOUT_MS = 5_000;

export type CloseOutcome = 'closed' | 'failed' | 'timed-out';

/**
 * Runs `close` and settles when it does or when `timeoutMs` has passed, whichever is first; never
 * rejects, so the host always gets to exit. Both hosts (Electron's will-quit, the web shell's
 * signals) quit through this.
 */
export async function closeWithin(close: () => Promise<void>, log: Logger, timeoutMs = SHUTDOWN_TIMEOUT_MS): Promise<CloseOutcome> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<CloseOutcome>((resolve) => {
    timer = setTimeout(() => resolve('timed-out'), timeoutMs);
  });
  const closed = Promise.resolve()
    .then(close)
    .then(
      (): CloseOutcome => 'closed',
      (error: unknown): CloseOutcome => {
        // The name only: messages can carry personal data.
        log.warn('shutdown: closing failed', { error: error instanceof Error ? error.name : typeof error });
        return 'failed';
      },
    );
  try {
    const outcome = await Promise.race([closed, timedOut]);
    if (outcome === 'timed-out') log.warn('shutdown: services did not close in time; exiting anyway', { timeoutMs });
    return outcome;
  } finally {
    clearTimeout(timer);
  }
}
