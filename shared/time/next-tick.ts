/**
 * When a clock on screen next changes, so a view wakes only then: an idle window that redraws a
 * timer every second, or every second while it shows minutes, costs an agent on battery for
 * nothing (docs/performance.md, "Start-up, memory and idle CPU").
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The step `formatDuration` (shared/time/duration.ts) shows a duration of `ms` at: seconds under an hour, minutes under a day, then hours. */
export function durationStepMs(ms: number): number {
  if (ms < HOUR) return SECOND;
  if (ms < DAY) return MINUTE;
  return HOUR;
}

/** Ms from `now` until the shown time elapsed since `since` (floored to its step, as `formatDuration` shows it) next changes; always > 0. */
export function msUntilElapsedChanges(since: number, now: number): number {
  const elapsed = Math.max(0, now - since);
  const step = durationStepMs(elapsed);
  return (Math.floor(elapsed / step) + 1) * step - elapsed;
}

/**
 * Ms from `now` until a clock of the time elapsed since `since` that shows seconds at every length
 * ("0:42", "1:02:07": the agent's time in state, the call timer) next changes; always > 0. Unlike
 * `msUntilElapsedChanges`, past an hour it still changes each second.
 */
export function msUntilClockChanges(since: number, now: number): number {
  return msUntilBoundary(Math.max(0, now - since), SECOND);
}

/** Ms from `now` until the next whole multiple of `stepMs` of the wall clock (the next minute for 60,000); always > 0. */
export function msUntilBoundary(now: number, stepMs: number): number {
  return stepMs - (((now % stepMs) + stepMs) % stepMs);
}
