import { BridgeError, refusalError } from '../../shared/bridge/errors';
import { userText } from '../../shared/text/user-text';
import type { EventPayload } from '../../shared/bridge/events';
import {
  checkHandBackReason,
  checkOutcome,
  checkReschedule,
  checkStillOpen,
  customerTimeZone,
  displayNumber,
  noteExcerpt,
} from '../../shared/callbacks/callback-rules';
import type { CallbackItem, CallbacksView } from '../../shared/callbacks/contract';
import { CALLBACK_OUTCOMES, type WorkflowConfig } from '../../shared/config/workflow';
import type { Result } from '../../shared/core/result';
import type { CallbackInput } from '../../shared/store/schemas';
import type { Callback } from '../../shared/store/types';
import type { Logger } from '../logging/logger';
import { toBridgeError } from '../store/bridge-errors';
import type { ScreenPopPort, StoreStatusPort, WorkLogPort } from '../store/ports';
import { reminderKeyOf, type CallbackReminders } from './callback-reminders';

export type CallbackListStore = Pick<WorkLogPort, 'listCallbacks' | 'saveCallback'> &
  Pick<ScreenPopPort, 'getCustomer'> &
  Pick<StoreStatusPort, 'status'>;

export interface CallbackListOptions {
  store: CallbackListStore;
  /** The agent desk's reminders (agent-desk.ts): moved with a reschedule, dropped when a callback is closed. */
  reminders: Pick<CallbackReminders, 'schedule' | 'cancel' | 'onScheduled'>;
  config: () => WorkflowConfig;
  emit: (channel: 'callbacks.changed', payload: EventPayload<'callbacks.changed'>) => void;
  log: Logger;
  now?: () => number;
}

/** More than one agent promises in weeks; the list is read whole on every change. */
const LIST_LIMIT = 1000;

/**
 * "My callbacks" in main: the scheduled callbacks with the customer's name and time zone, and the
 * agent's actions on them. Each action checks its input (shared/callbacks/callback-rules.ts),
 * commits the whole callback record with its outbox row (design rule 5: the CRM hears of it
 * through sync like any other work), moves or drops its reminder, and pushes the list again.
 */
export class CallbackList {
  private phoneRegion: string | null = null;
  private readonly offScheduled: () => void;

  constructor(private readonly options: CallbackListOptions) {
    // A wrap-up that promised a callback schedules its reminder after the commit: list it then.
    this.offScheduled = options.reminders.onScheduled(() => void this.push());
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  async view(): Promise<CallbacksView> {
    const store = this.options.store;
    try {
      this.phoneRegion ??= (await store.status({ counts: false })).phoneRegion;
      const region = this.phoneRegion;
      const callbacks = await store.listCallbacks({ state: 'scheduled', limit: LIST_LIMIT });
      const names = new Map<string, string | null>();
      for (const id of new Set(callbacks.flatMap((cb) => (cb.customerId === null ? [] : [cb.customerId])))) {
        names.set(id, (await store.getCustomer(id))?.customer.name ?? null);
      }
      const items = callbacks.map((cb): CallbackItem => ({
        id: cb.id,
        customerId: cb.customerId,
        customerName: cb.customerId === null ? null : (names.get(cb.customerId) ?? null),
        caseId: cb.caseId,
        number: cb.number,
        numberDisplay: displayNumber(cb.number, region),
        dueAt: cb.dueAt,
        remindAt: cb.remindAt,
        customerTimeZone: customerTimeZone(cb.number, region),
        noteExcerpt: noteExcerpt(cb.note),
      }));
      return { callbacks: items, outcomes: CALLBACK_OUTCOMES.map(({ id, label }) => ({ id, label })) };
    } catch (error) {
      throw toBridgeError(error);
    }
  }

  /** A new time: the reminder moves with it. */
  async reschedule(id: string, at: number | null): Promise<CallbacksView> {
    const cb = await this.open(id);
    const now = this.now();
    const times = accepted(checkReschedule(at, now, this.options.config().wrapUp.callback));
    const saved = await this.save(cb, { dueAt: times.dueAt, remindAt: times.remindAt });
    this.options.reminders.schedule({ interactionId: reminderKeyOf(saved), at: saved.dueAt, remindAt: times.remindAt });
    return this.pushed();
  }

  /** Done, with how it went: it leaves the list and its reminder is dropped. */
  async complete(id: string, outcome: string): Promise<CallbacksView> {
    const cb = await this.open(id);
    const checked = accepted(checkOutcome(outcome));
    const saved = await this.save(cb, { state: 'done', outcome: checked, completedAt: this.now() });
    this.options.reminders.cancel(reminderKeyOf(saved));
    return this.pushed();
  }

  /** Back to the team, with the reason: it leaves the agent's list, and the CRM shows it waiting on someone else. */
  async handBack(id: string, reason: string): Promise<CallbacksView> {
    const cb = await this.open(id);
    const text = accepted(checkHandBackReason(reason));
    const saved = await this.save(cb, { state: 'handed-back', handBackReason: text, completedAt: this.now() });
    this.options.reminders.cancel(reminderKeyOf(saved));
    return this.pushed();
  }

  close(): void {
    this.offScheduled();
  }

  private async open(id: string): Promise<Callback> {
    let all: Callback[];
    try {
      all = await this.options.store.listCallbacks({ limit: 5000 });
    } catch (error) {
      throw toBridgeError(error);
    }
    const cb = all.find((c) => c.id === id);
    if (cb === undefined) throw new BridgeError('not-found', userText('agent.errors.callbackGone'));
    accepted(checkStillOpen(cb));
    return cb;
  }

  private async save(cb: Callback, change: Partial<CallbackInput>): Promise<Callback> {
    const { createdAt: _created, updatedAt: _updated, ...record } = cb;
    try {
      const { record: saved } = await this.options.store.saveCallback({ ...record, ...change } as CallbackInput);
      return saved;
    } catch (error) {
      throw toBridgeError(error);
    }
  }

  private async pushed(): Promise<CallbacksView> {
    const view = await this.view();
    this.options.emit('callbacks.changed', view);
    return view;
  }

  private async push(): Promise<void> {
    try {
      await this.pushed();
    } catch (error) {
      this.options.log.warn('callback list not refreshed', { error: error instanceof Error ? error.name : 'unknown' });
    }
  }
}

/** A refusal as the agent reads it: one sentence, and `field: problem` for the form. */
function accepted<T>(result: Result<T>): T {
  if (!result.ok) throw refusalError('invalid-payload', result);
  return result.value;
}
