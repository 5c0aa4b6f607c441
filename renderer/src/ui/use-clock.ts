import { useEffect, useRef, useState } from 'react';
import { msUntilBoundary, msUntilClockChanges } from '../../../shared/time/next-tick';

/** setTimeout's ceiling (~24.8 days). */
const MAX_TIMEOUT_MS = 2_147_483_647;

/** The current time for a clock on screen, re-rendering only when what it shows changes (`scheduleTicks`). `key` null stops it. */
function useScheduledNow(key: string | null, nextWaitMs: (now: number) => number | null, offsetMs: number): number {
  const [shown, setShown] = useState(() => ({ key, now: Date.now() + offsetMs }));
  const nextWait = useRef(nextWaitMs);
  useEffect(() => {
    nextWait.current = nextWaitMs;
  });
  useEffect(() => {
    if (key === null) return;
    return scheduleTicks(
      (now) => nextWait.current(now),
      offsetMs,
      (now) => setShown({ key, now }),
    );
  }, [key, offsetMs]);
  // Not ticking, or the first render of a new clock: the time read now, never one left from before.
  return shown.key === key && key !== null ? shown.now : Date.now() + offsetMs;
}

/**
 * Calls `onTick` with now (plus `offsetMs`) at once and each time `nextWaitMs` says what is shown
 * next changes, and never while the window is hidden (minimized or covered: nothing is drawn),
 * catching up when it shows again. One timer at a time, armed for the next change, not an
 * interval: an idle window wakes only for what the agent can see (docs/performance.md, "Start-up,
 * memory and idle CPU"). Returns the stop.
 */
export function scheduleTicks(nextWaitMs: (now: number) => number | null, offsetMs: number, onTick: (now: number) => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const tick = (): void => {
    clearTimeout(timer);
    timer = undefined;
    const current = Date.now() + offsetMs;
    onTick(current);
    if (document.visibilityState === 'hidden') return;
    const wait = nextWaitMs(current);
    if (wait === null) return;
    // A millisecond late, so the text has changed when it wakes (a timer may fire a little early);
    // at most setTimeout's ceiling (a longer wait would fire at once), re-armed from there.
    timer = setTimeout(tick, Math.min(wait + 1, MAX_TIMEOUT_MS));
  };
  tick();
  document.addEventListener('visibilitychange', tick);
  return () => {
    clearTimeout(timer);
    document.removeEventListener('visibilitychange', tick);
  };
}

/** Now (plus `offsetMs`, main's clock skew), re-rendering each time a clock of the time since `since` (`formatClock`) changes; null: no ticks. */
export function useElapsedClock(since: number | null, offsetMs = 0): number {
  return useScheduledNow(since === null ? null : `since:${since}`, (now) => msUntilClockChanges(since ?? now, now), offsetMs);
}

/** Now, re-rendering at each whole `stepMs` of the wall clock (each second, each minute); null: no ticks. */
export function useClockEvery(stepMs: number | null): number {
  return useScheduledNow(stepMs === null ? null : `every:${stepMs}`, (now) => msUntilBoundary(now, stepMs ?? 1000), 0);
}

/**
 * Now, re-rendering at each instant `nextAt` names (the next moment what is shown changes; null:
 * nothing will change by time alone). `key` names what is shown: a new key re-reads `nextAt`; null
 * stops it.
 */
export function useClockUntil(key: string | null, nextAt: (now: number) => number | null): number {
  return useScheduledNow(
    key,
    (now) => {
      const at = nextAt(now);
      return at === null ? null : Math.max(0, at - now);
    },
    0,
  );
}
