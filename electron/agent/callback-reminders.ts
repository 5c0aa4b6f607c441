import type { EventPayload } from '../../shared/bridge/events';
import { userText } from '../../shared/text/user-text';
import type { Logger } from '../logging/logger';
import type { WorkLogReadPort } from '../store/ports';
import { DeadlineQueue } from '../core/deadline-queue';
import type { Scheduler } from '../core/scheduler';
import type { PlatformServices } from '../core/platform-services';
import type { Callback } from '../../shared/store/types';

export interface ScheduledCallback {
  /** The interaction whose wrap-up promised the callback; a callback of no interaction, its own id (reminderKeyOf). */
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

/** The key a callback's reminder is kept under: what the call loop schedules a wrap-up's callback with. */
export function reminderKeyOf(cb: Pick<Callback, 'id' | 'interactionId'>): string {
  return cb.interactionId ?? cb.id;
}

/**
 * Reminds the agent of promised callbacks at their reminder time. On start, pass every open
 * callback: reminders that fell due while the app was closed fire at once, marked late, so no
 * promise to a customer is silently dropped.
 */
export class CallbackReminders {
  private readonly queue: DeadlineQueue<ScheduledCallback>;
  private readonly scheduledListeners = new Set<(cb: ScheduledCallback) => void>();

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
    for (const listener of this.scheduledListeners) listener(cb);
  }

  /** A callback was scheduled (a wrap-up promised one, or one was moved): My callbacks lists it again. Returns an unsubscribe. */
  onScheduled(listener: (cb: ScheduledCallback) => void): () => void {
    this.scheduledListeners.add(listener);
    return () => this.scheduledListeners.delete(listener);
  }

  /** The callback was made, moved or cancelled. */
  cancel(interactionId: string): void {
    this.queue.delete(interactionId);
  }

  get pending(): number {
    return this.queue.size;
  }

  close(): void {
    this.scheduledListeners.clear();
    this.queue.close();
  }
}

export interface AgentRemindersOptions {
  store: Pick<WorkLogReadPort, 'listCallbacks'>;
  scheduler: Scheduler;
  log: Logger;
  /** Shows the agent a notice (`app.notice`). */
  notify: (notice: EventPayload<'app.notice'>) => void;
  /**
   * The OS notification, shown only while the agent's window is not in front of them: a notice in
   * the window is enough when they are looking at it. A host that cannot tell (no `windowFocused`)
   * counts as not focused, so a reminder is never lost behind another window.
   */
  platform?: Pick<PlatformServices, 'notify' | 'windowFocused'>;
}

/** The agent's callback reminders, shown as notices, armed with every callback the store still has scheduled. */
export async function openAgentReminders(options: AgentRemindersOptions): Promise<CallbackReminders> {
  const reminders = new CallbackReminders(options.scheduler, (r) => {
    // The instant, not a time of day: whoever shows it writes it in their language and time zone
    // ({{when, time}}), the window in the agent's, wherever main runs.
    const message = userText(r.late ? 'agent.callbacks.overdue' : 'agent.callbacks.due', { when: r.at });
    const tag = `callback-${r.interactionId}`.slice(0, 64);
    options.notify({ id: tag, level: r.late ? 'warning' : 'info', message });
    const platform = options.platform;
    if (platform && platform.windowFocused?.() !== true) {
      // No name or number: the OS keeps notifications where others may see them.
      platform.notify({ title: userText(r.late ? 'notification.callback.overdue' : 'notification.callback.due'), body: message, tag });
    }
  });
  try {
    for (const cb of await options.store.listCallbacks({ state: 'scheduled', limit: 5000 })) {
      if (cb.remindAt !== null) reminders.schedule({ interactionId: reminderKeyOf(cb), at: cb.dueAt, remindAt: cb.remindAt });
    }
  } catch (error) {
    options.log.warn('callbacks not loaded', { error: error instanceof Error ? error.name : 'unknown' });
  }
  return reminders;
}
