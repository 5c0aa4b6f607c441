import type { EventPayload } from '../../shared/bridge/events';
import type { Logger } from '../logging/logger';
import type { WorkLogReadPort } from '../store/ports';
import { DeadlineQueue } from '../core/deadline-queue';
import type { Scheduler } from '../core/scheduler';

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

  constructor(
    private readonly scheduler: Scheduler,
    onReminder: (reminder: CallbackReminder) => void,
  ) {
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

export interface AgentRemindersOptions {
  store: Pick<WorkLogReadPort, 'listCallbacks'>;
  scheduler: Scheduler;
  log: Logger;
  /** Shows the agent a notice (`app.notice`). */
  notify: (notice: EventPayload<'app.notice'>) => void;
}

/** The agent's callback reminders, shown as notices, armed with every callback the store still has scheduled. */
export async function openAgentReminders(options: AgentRemindersOptions): Promise<CallbackReminders> {
  const reminders = new CallbackReminders(options.scheduler, (r) => {
    const when = new Date(r.at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
    options.notify({
      id: `callback-${r.interactionId}`.slice(0, 64),
      level: r.late ? 'warning' : 'info',
      message: r.late
        ? `A callback promised for ${when} is overdue.`
        : `Callback due at ${when}: see the contact's timeline for the number.`,
    });
  });
  try {
    for (const cb of await options.store.listCallbacks({ state: 'scheduled' })) {
      if (cb.remindAt !== null) reminders.schedule({ interactionId: cb.interactionId ?? cb.id, at: cb.dueAt, remindAt: cb.remindAt });
    }
  } catch (error) {
    options.log.warn('callbacks not loaded', { error: error instanceof Error ? error.name : 'unknown' });
  }
  return reminders;
}
