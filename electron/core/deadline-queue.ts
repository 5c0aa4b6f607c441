import type { Scheduler } from './scheduler';

/**
 * Keyed deadlines on one timer: the earliest is armed, and when it passes every due entry fires
 * (in due order). Re-setting a key replaces its deadline. Entries already overdue when added fire
 * on the next turn, e.g. a callback reminder that fell due while the app was closed.
 */
export class DeadlineQueue<T> {
  private readonly entries = new Map<string, { due: number; value: T }>();
  private cancelTimer: (() => void) | null = null;
  private armedFor: number | null = null;
  private closed = false;

  constructor(
    private readonly scheduler: Scheduler,
    private readonly onDue: (key: string, value: T, due: number) => void,
  ) {}

  set(key: string, due: number, value: T): void {
    if (this.closed) return;
    this.entries.set(key, { due, value });
    this.rearm();
  }

  delete(key: string): void {
    if (this.entries.delete(key)) this.rearm();
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  get size(): number {
    return this.entries.size;
  }

  /** The next deadline, or null when empty. */
  nextDue(): number | null {
    let best: number | null = null;
    for (const { due } of this.entries.values()) if (best === null || due < best) best = due;
    return best;
  }

  close(): void {
    this.closed = true;
    this.entries.clear();
    this.cancelTimer?.();
    this.cancelTimer = null;
    this.armedFor = null;
  }

  private rearm(): void {
    const next = this.nextDue();
    if (next === this.armedFor) return;
    this.cancelTimer?.();
    this.cancelTimer = null;
    this.armedFor = next;
    if (next !== null) this.cancelTimer = this.scheduler.at(next, () => this.fire());
  }

  private fire(): void {
    this.cancelTimer = null;
    this.armedFor = null;
    const now = this.scheduler.now();
    const due = [...this.entries.entries()].filter(([, e]) => e.due <= now).sort((a, b) => a[1].due - b[1].due);
    for (const [key, entry] of due) {
      // A handler may have replaced or removed a later entry in the meantime.
      const current = this.entries.get(key);
      if (current !== entry) continue;
      this.entries.delete(key);
      this.onDue(key, entry.value, entry.due);
    }
    this.rearm();
  }
}
