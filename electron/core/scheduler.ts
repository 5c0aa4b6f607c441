/**
 * Time for the workflow services: the current instant and one-shot wake-ups at an instant. The
 * domain logic never reads the clock itself; services get a Scheduler, tests drive the real one
 * with vitest's fake timers.
 */
export interface Scheduler {
  now(): number;
  /** Calls `fn` at (or just after) `when`; returns a function that cancels it. */
  at(when: number, fn: () => void): () => void;
}

/** setTimeout's ceiling (~24.8 days); longer waits are chained. */
const MAX_TIMEOUT_MS = 2_147_483_647;

export function createTimerScheduler(clock: () => number = Date.now): Scheduler {
  return {
    now: clock,
    at(when, fn) {
      let timer: NodeJS.Timeout | undefined;
      let cancelled = false;
      const arm = (): void => {
        const wait = Math.max(0, Math.min(when - clock(), MAX_TIMEOUT_MS));
        // Always asynchronous, even when already due: callers schedule from inside state changes.
        timer = setTimeout(() => {
          if (cancelled) return;
          if (clock() >= when) fn();
          else arm();
        }, wait);
        // A pending deadline alone must not keep the process (or a test run) alive.
        timer.unref();
      };
      arm();
      return () => {
        cancelled = true;
        if (timer !== undefined) clearTimeout(timer);
      };
    },
  };
}
