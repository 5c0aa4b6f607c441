import type { AlertWebhooks } from '../../shared/alerts/policy';
import type { OutboxRow } from '../../shared/store/types';
import { userText } from '../../shared/text/user-text';
import { backoffDelay, EQUAL_JITTER, type BackoffPolicy } from '../core/backoff';
import type { Scheduler } from '../core/scheduler';
import type { Logger } from '../logging/logger';
import type { StoreOps } from '../store/op-table';
import { storedText } from '../sync/failure-text';
import { alertPayloadSchema, type AlertPayload } from './alert-facts';
import { slackMessage } from './slack-message';
import { teamsMessage } from './teams-message';
import type { SendOutcome, WebhookSender } from './webhook-senders';

/**
 * Sends the outbox's alert rows (`outbox.due` with destination `alerts`) to their webhooks, one
 * at a time, oldest first. A row stays in the outbox until its webhook took it, so an alert raised
 * offline goes out when the network is back, and one that was sent is never sent again (its row is
 * marked sent; a restart only re-raises alerts the outbox already holds, which it skips).
 *
 * It runs when an alert is queued (`wake`), when "Send again" in the parked dialog puts rows back
 * (sync's `requeued` wakes it, electron/core/app-core.ts), and when the earliest waiting row falls
 * due: after each drain it reads the next attempt time of the rows still pending (also those a
 * previous run left waiting) and sleeps until then. With nothing pending it does not wake at all
 * (docs/performance.md, "Start-up, memory and idle CPU"). A webhook that answered 429 is left alone
 * until its Retry-After has passed: its other rows wait with it instead of asking again.
 *
 * A row's reason is kept as a message, as sync's are (electron/sync/failure-text.ts), so the parked
 * list (sync.getStatus) says it in the agent's language.
 */

/** Retries of one alert: 5 s, 10 s, ... up to 5 minutes, with equal jitter (electron/core/backoff.ts). */
export const ALERT_BACKOFF: BackoffPolicy = { baseMs: 5_000, capMs: 5 * 60_000, jitter: EQUAL_JITTER };

export type AlertOutboxPort = Pick<StoreOps['outbox'], 'due' | 'markSent' | 'retryLater' | 'park'>;

export interface AlertDeliveryOptions {
  outbox: AlertOutboxPort;
  /** The policy's webhooks as they are now (a row names its webhook; the address is looked up when it is sent). */
  webhooks: () => AlertWebhooks | null;
  sender: WebhookSender;
  scheduler: Scheduler;
  log: Logger;
  backoff?: BackoffPolicy;
  /**
   * The longest sleep when more rows are pending than one read returns (their earliest time is
   * then not known): look again after this long.
   */
  pollMs?: number;
  /** Rows were sent or parked: the status strip's counts and parked list changed. */
  onSettled?: () => void;
}

export interface AlertDrainReport {
  sent: number;
  retried: number;
  parked: number;
}

const BATCH = 50;

export class AlertDelivery {
  private readonly backoff: BackoffPolicy;
  private readonly pollMs: number;
  private running: Promise<void> | null = null;
  private again = false;
  private closed = false;
  private cancelTimer: (() => void) | null = null;
  private timerAt = Infinity;
  /** Webhook name → until when it asked us to wait (429). */
  private readonly holds = new Map<string, number>();
  private readonly totals: AlertDrainReport = { sent: 0, retried: 0, parked: 0 };

  constructor(private readonly options: AlertDeliveryOptions) {
    this.backoff = options.backoff ?? ALERT_BACKOFF;
    this.pollMs = options.pollMs ?? 60_000;
  }

  /** Counts since start, for diagnostics and tests. */
  get report(): AlertDrainReport {
    return { ...this.totals };
  }

  start(): void {
    this.wake();
  }

  /** Something may be due: drain now (once more after the current drain, if one runs). */
  wake(): void {
    if (this.closed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drainLoop().finally(() => {
      this.running = null;
    });
  }

  /** Resolves when no drain is running (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Stops; a post in flight gets `graceMs` to finish and be recorded (else it is sent again at the next start). */
  async close(graceMs = 2_000): Promise<void> {
    this.closed = true;
    this.cancelTimer?.();
    this.cancelTimer = null;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.idle(), new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)))]);
    clearTimeout(timer);
  }

  private async drainLoop(): Promise<void> {
    do {
      this.again = false;
      let next: number;
      try {
        next = Math.min(await this.drain(), await this.nextPending());
      } catch (error) {
        this.options.log.warn('alert delivery failed', { error: error instanceof Error ? error.name : 'unknown' });
        next = this.options.scheduler.now() + this.pollMs;
      }
      if (next !== Infinity) this.arm(next);
    } while (this.again && !this.closed);
  }

  private arm(at: number): void {
    if (this.closed) return;
    if (this.cancelTimer !== null && this.timerAt <= at) return;
    this.cancelTimer?.();
    this.timerAt = at;
    this.cancelTimer = this.options.scheduler.at(at, () => {
      this.cancelTimer = null;
      this.timerAt = Infinity;
      this.wake();
    });
  }

  /** Sends what is due; returns the earliest retry it scheduled (Infinity: none). */
  private async drain(): Promise<number> {
    const { outbox, scheduler } = this.options;
    let next = Infinity;
    let settled = false;
    for (;;) {
      const rows = await outbox.due({ now: scheduler.now(), limit: BATCH, destination: 'alerts' });
      if (rows.length === 0 || this.closed) break;
      for (const row of rows) {
        if (this.closed) break;
        const at = await this.deliver(row);
        if (at !== null) next = Math.min(next, at);
        settled = true;
      }
      if (rows.length < BATCH) break;
    }
    if (settled) this.options.onSettled?.();
    return next;
  }

  /**
   * When the earliest alert row still pending may be sent (Infinity: none pending). `due` with a
   * time past every retry lists each webhook queue's head whatever its time, oldest first; a row
   * behind a head goes when its head has gone, which drains again.
   */
  private async nextPending(): Promise<number> {
    const { outbox, scheduler } = this.options;
    const heads = await outbox.due({ now: Number.MAX_SAFE_INTEGER, limit: BATCH, destination: 'alerts' });
    // More heads than one read: the earliest of the rest is unknown, so look again after a while.
    const cap = heads.length >= BATCH ? scheduler.now() + this.pollMs : Infinity;
    return heads.reduce((min, row) => Math.min(min, row.nextAttemptAt), cap);
  }

  /** One row; returns its next attempt when it is to be retried. */
  private async deliver(row: OutboxRow): Promise<number | null> {
    const { outbox, scheduler, log } = this.options;
    const parsed = alertPayloadSchema.safeParse(row.payload);
    if (!parsed.success) {
      await this.park(row, { kind: 'park', code: 'bad-alert', text: userText('escalation.alertDelivery.unreadable') });
      return null;
    }
    const payload: AlertPayload = parsed.data;
    const hook = this.options.webhooks()?.webhooks[payload.webhook];
    if (hook === undefined || hook.kind !== payload.kind) {
      await this.park(row, {
        kind: 'park',
        code: 'webhook-removed',
        text: userText('escalation.alertDelivery.webhookRemoved', {
          service: payload.kind === 'slack' ? 'Slack' : 'Teams',
          webhook: payload.webhook,
        }),
      });
      return null;
    }
    const heldUntil = this.holds.get(payload.webhook) ?? 0;
    if (heldUntil > scheduler.now()) {
      await outbox.retryLater(row.id, heldUntil, {
        code: 'http-429',
        message: storedText(userText('escalation.alertDelivery.waitingForWebhook', { webhook: payload.webhook })),
      });
      return heldUntil;
    }
    const outcome =
      payload.kind === 'slack'
        ? await this.options.sender.send({ kind: 'slack', url: hook.url }, slackMessage(payload.facts))
        : await this.options.sender.send({ kind: 'teams', url: hook.url }, teamsMessage(payload.facts));
    if (outcome.kind === 'sent') {
      await outbox.markSent([{ id: row.id, sentAt: scheduler.now() }]);
      this.totals.sent += 1;
      log.info('SLA alert sent', { outbox: row.id, webhook: payload.webhook, kind: payload.kind, event: payload.facts.event });
      return null;
    }
    if (outcome.kind === 'park') {
      await this.park(row, outcome);
      return null;
    }
    const at = scheduler.now() + backoffDelay(this.backoff, row.attempts + 1, outcome.retryAfterMs);
    if (outcome.code === 'http-429') this.holds.set(payload.webhook, at);
    await outbox.retryLater(row.id, at, { code: outcome.code, message: storedText(outcome.text) });
    this.totals.retried += 1;
    log.info('SLA alert will be retried', { outbox: row.id, webhook: payload.webhook, code: outcome.code, inMs: at - scheduler.now() });
    return at;
  }

  private async park(row: OutboxRow, outcome: Extract<SendOutcome, { kind: 'park' }>): Promise<void> {
    await this.options.outbox.park(row.id, { code: outcome.code, message: storedText(outcome.text) });
    this.totals.parked += 1;
    this.options.log.warn('SLA alert parked', { outbox: row.id, code: outcome.code });
  }
}
