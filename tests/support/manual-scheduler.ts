import type { Scheduler } from '../../electron/core/scheduler';

/**
 * A clock the test moves by hand for services that take a Scheduler: `advance` fires what fell
 * due, in time order, like the real timer would. `settle` (optional) runs after each fired timer
 * and at the end, for services whose timers start asynchronous work (store round trips).
 */
export function manualScheduler(start: number, options: { settle?: () => Promise<void> } = {}) {
  let now = start;
  let timers: { when: number; fn: () => void; live: boolean }[] = [];
  const scheduler: Scheduler = {
    now: () => now,
    at(when, fn) {
      const t = { when, fn, live: true };
      timers.push(t);
      return () => {
        t.live = false;
      };
    },
  };
  return {
    scheduler,
    set(ms: number) {
      now = ms;
    },
    async advance(ms: number) {
      now += ms;
      for (;;) {
        const due = timers.filter((t) => t.live && t.when <= now).sort((a, b) => a.when - b.when)[0];
        if (due === undefined) break;
        due.live = false;
        due.fn();
        await options.settle?.();
      }
      timers = timers.filter((t) => t.live);
      await options.settle?.();
    },
  };
}
export type ManualScheduler = ReturnType<typeof manualScheduler>;
