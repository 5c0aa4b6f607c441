/**
 * When a clock on screen next changes, so a view wakes only then: an idle window that redraws a
 * timer every second, or every second while it shows minutes, costs an agent on battery for
 * nothing (docs/performance.md, "Start-up, memory and idle CPU").
 */

const SECOND = 1000;

/**
 * Ms from `now` until a clock of the time elapsed since `since` that shows seconds at every length
 * ("0:42", "1:02:07": the agent's time in state, the call timer, a guided script's timer) next
 * changes; always > 0. Past an hour too it changes each second.
 */
export function msUntilClockChanges(since: number, now: number): number {
  return msUntilBoundary(Math.max(0, now - since), SECOND);
}

/** Ms from `now` until the next whole multiple of `stepMs` of the wall clock (the next minute for 60,000); always > 0. */
export function msUntilBoundary(now: number, stepMs: number): number {
  return stepMs - (((now % stepMs) + stepMs) % stepMs);
}
