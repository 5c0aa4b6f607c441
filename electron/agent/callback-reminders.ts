import { DeadlineQueue } from './deadline-queue';
import type { Scheduler } from './scheduler';

export interface ScheduledCallback {
  /** The interaction whose wrap-up promised the callback. */
  interactionId: string;
  /** When the agent promised to call. */
  at: number;
  remindAt: number;
}

export interface CallbackReminder extends ScheduledCallback {
  /** The reminder fell due while the app was closed (or more than a minute ago). */
  late: boolean;
}

const LATE_AFTER_MS = 60_000;

/**
 * Reminds the agent of promised callbacks at their reminder time. On start, pass every open
 * callback: reminders that fell due while the app was closed fire at once, marked late, so no
 * promise to a customer is silently dropped.
 */
export class CallbackReminders {
  private readonly queue: DeadlineQueue<ScheduledCallback>;

  constructor(private readonly scheduler: Scheduler, onReminder: (reminder: CallbackReminder) => void) {
    this.queue = new DeadlineQueue(scheduler, (_key, cb) => {
      onReminder({ ...cb, late: this.scheduler.now() - cb.remindAt > LATE_AFTER_MS });
    });
  }

  schedule(cb: ScheduledCallback): void {
    this.queue.set(cb.interactionId, cb.remindAt, cb);
  }

  /** The callback was made, moved or cancelled. */
  cancel(interactionId: string): void {
    this.queue.delete(interactionId);
  }

  get pending(): number {
    return this.queue.size;
  }

  close(): void {
    this.queue.close();
  }
}
