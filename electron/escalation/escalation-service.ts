import { randomUUID } from 'node:crypto';
import { BridgeError, refusalError } from '../../shared/bridge/errors';
import { CHAIN_ROLE_LABELS, PRIORITIES, type ChainRole, type EscalationContact, type WorkflowConfig } from '../../shared/config/workflow';
import { userText, userTextSchema, type TextKey, type UserText } from '../../shared/text/user-text';
import type { CreateEscalationRequest, CreateEscalationResult, EscalationAlert, EscalationOptions } from '../../shared/escalation/contract';
import {
  acknowledgeEscalation,
  findGroup,
  findTier,
  markChainStepNotified,
  raiseEscalation,
  recordWarmTransfer,
  resolveEscalation,
  type EscalationRequest,
} from '../../shared/escalation/escalation';
import type { Result } from '../../shared/core/result';
import type { EscalationRecord } from '../../shared/escalation/records';
import type { WarmHandoff } from '../../shared/telephony/user-to-user';
import { TypedEmitter } from '../../shared/events/typed-emitter';
import { EscalationMonitor, type EscalationSignal } from './escalation-monitor';
import type { Scheduler } from '../core/scheduler';
import type { Logger } from '../logging/logger';
import { toBridgeError } from '../store/bridge-errors';
import type { WorkLogPort } from '../store/ports';

/**
 * What the service needs of the store: escalations in the work log (a real store in the app and
 * in tests). Saving one commits its outbox row, and the store's `outboxChanged` wakes sync.
 */
export type EscalationStore = Pick<WorkLogPort, 'saveEscalation' | 'getEscalation' | 'listEscalations'>;

/**
 * What a warm transfer needs of telephony: ring the group on a consultation leg, carrying the
 * case context (RFC 7433 User-to-User), while the customer waits on hold. The agent talks to the
 * group and then completes the transfer (REFER with Replaces) or cancels it in the phone bar;
 * the service only follows how it went.
 */
export interface WarmTransferPort {
  consult(callId: string, target: string, context: Omit<WarmHandoff, 'from'>): Promise<{ callId: string }>;
  /** Calls `listener` once: when the consultation `callId` connected, or ended before (the agent cancelled it, or it failed). */
  whenConnected(callId: string, listener: (outcome: 'connected' | 'cancelled' | 'failed') => void): void;
  /** Calls `listener` once, when the customer's call `callId` ends: true when it ended transferred. */
  whenEnded(callId: string, listener: (transferred: boolean) => void): void;
}

export interface EscalationServiceOptions {
  store: EscalationStore;
  config: () => Pick<WorkflowConfig, 'escalationMatrix' | 'sla'>;
  /** The agent raising escalations (the same id the call log uses). */
  agentId: () => string;
  scheduler: Scheduler;
  log: Logger;
  /** A raised or changed record (→ `escalation.changed`). */
  onChanged: (record: EscalationRecord) => void;
  /** At risk, breached, chain step due, transfer failed (→ `escalation.alert` and a notice). */
  onAlert: (alert: EscalationAlert) => void;
  transfer?: WarmTransferPort | null;
  newId?: () => string;
  /**
   * SLA alerts to chat webhooks (electron/alerts): a clock past its deadline, or a chain role
   * falling due. Awaited before the chain step is recorded as notified, so an app that dies in
   * between raises it again at the next start (the alerts skip one already queued).
   */
  raiseAlert?: (record: EscalationRecord, trigger: EscalationAlertTrigger, at: number) => Promise<unknown>;
}

/** What an SLA alert is raised for. */
export type EscalationAlertTrigger = { kind: 'clock'; clock: 'acknowledge' | 'resolve' } | { kind: 'chain-step'; role: ChainRole };

const describeMinutes = (minutes: number): UserText =>
  minutes % (24 * 60) === 0
    ? userText('escalation.duration.days', { n: minutes / (24 * 60) })
    : minutes % 60 === 0
      ? userText('escalation.duration.hours', { n: minutes / 60 })
      : userText('escalation.duration.minutes', { n: minutes });

const DEADLINE_TEXT = {
  acknowledge: { 'at-risk': 'escalation.deadline.acknowledgeNear', breached: 'escalation.deadline.acknowledgePassed' },
  resolve: { 'at-risk': 'escalation.deadline.resolveNear', breached: 'escalation.deadline.resolvePassed' },
} as const satisfies Record<'acknowledge' | 'resolve', Record<'at-risk' | 'breached', TextKey>>;

/** Who to reach at a chain step, as the matrix names them; empty when it names nobody. */
function contactText(contact: EscalationContact | undefined): UserText | '' {
  if (contact === undefined) return '';
  if (contact.pager !== undefined) return userText('escalation.chainContact.pager', { name: contact.name, pager: contact.pager });
  if (contact.phone !== undefined) return userText('escalation.chainContact.phone', { name: contact.name, phone: contact.phone });
  return userText('escalation.chainContact.nameOnly', { name: contact.name });
}

/**
 * Why a consultation call could not start: the phone's own refusal, in the agent's language when
 * telephony sent it as a message, else its English (checked to still fit the bridge's nesting).
 */
function transferFailedText(group: string, error: unknown): UserText {
  const fallback = userText('escalation.transfer.failed', { group, reason: userText('escalation.transfer.phoneRefused') });
  if (error instanceof BridgeError && error.text !== null) {
    const translated = userText('escalation.transfer.failed', { group, reason: error.text });
    if (userTextSchema.safeParse(translated).success) return translated;
  }
  if (error instanceof Error && error.message !== '')
    return userText('escalation.transfer.failed', { group, reason: error.message.slice(0, 300) });
  return fallback;
}

function throwRefusal(result: Extract<Result<unknown>, { ok: false }>): never {
  throw refusalError('invalid-payload', result);
}

/** A stored change or an alert, for subscribers in main. */
export interface EscalationChange {
  record?: EscalationRecord;
  alert?: EscalationAlert;
}

/**
 * Escalation to Tier 2 in main: raises records from the agent's handoff with deadlines from the SLA
 * policy, stores each change with its outbox row (the store tells sync), and runs the monitor that
 * turns clocks and chain steps into alerts. Chain steps are "notified" by telling the agent (a
 * notice naming the role and its pager from the matrix) and recording the time on the escalation.
 */
export class EscalationService {
  private readonly monitor: EscalationMonitor;
  private readonly log: Logger;
  private readonly newId: () => string;
  /** Serialises writes per escalation so a chain step and an acknowledgement never race. */
  private readonly queues = new Map<string, Promise<unknown>>();
  private closed = false;
  private readonly changes = new TypedEmitter<{ change: EscalationChange }>((_event, error) =>
    this.log.warn('escalation listener failed', { error: error instanceof Error ? error.name : 'unknown' }),
  );

  constructor(private readonly options: EscalationServiceOptions) {
    this.log = options.log;
    this.newId = options.newId ?? (() => `ESC-${randomUUID()}`);
    this.monitor = new EscalationMonitor(
      options.scheduler,
      () => options.config().sla.atRiskFraction,
      (signal) => this.onSignal(signal),
    );
  }

  /** Starts watching the open escalations already in the store (one that breached while the app was closed alerts now). */
  async start(): Promise<void> {
    const open = await this.options.store.listEscalations({ open: true, limit: 1000 });
    for (const record of open) this.monitor.track(record);
    this.log.info('escalations watched', { open: open.length });
  }

  /** Other parts of main (the demo's console, a future pager bridge) follow changes and alerts here. */
  subscribe(listener: (event: EscalationChange) => void): () => void {
    return this.changes.on('change', listener);
  }

  private tell(event: EscalationChange): void {
    this.changes.emit('change', event);
  }

  get watched(): number {
    return this.monitor.tracked;
  }

  formOptions(): EscalationOptions {
    const { escalationMatrix: matrix, sla } = this.options.config();
    return {
      tiers: matrix.tiers.map((t) => ({
        id: t.id,
        name: t.name,
        groups: t.groups.map((g) => ({
          id: g.id,
          name: g.name,
          priorities: g.priorities ?? [...PRIORITIES],
          canTransfer: g.phone !== undefined,
        })),
      })),
      priorities: PRIORITIES.map((p) => ({
        id: p,
        meaning: sla.priorities[p].meaning ?? '',
        acknowledgeMinutes: sla.priorities[p].acknowledgeMinutes,
        resolveMinutes: sla.priorities[p].resolveMinutes,
        clock: sla.priorities[p].clock,
      })),
      chain: matrix.chain.map((s) => ({ role: s.role, label: CHAIN_ROLE_LABELS[s.role], afterMinutes: s.afterMinutes })),
      chainPriorities: [...matrix.chainPriorities],
      atRiskFraction: sla.atRiskFraction,
    };
  }

  async create(input: CreateEscalationRequest): Promise<CreateEscalationResult> {
    const config = this.options.config();
    const req: EscalationRequest = {
      source: input.source,
      interactionId: input.interactionId,
      caseId: input.caseId,
      customerId: input.customerId,
      tier: input.tier,
      group: input.group,
      priority: input.priority,
      summary: input.summary,
      handoff: input.handoff,
    };
    const group = findGroup(config.escalationMatrix, req.tier, req.group);
    const raised = raiseEscalation(req, { id: this.newId(), agentId: this.options.agentId(), now: this.options.scheduler.now(), config });
    if (!raised.ok) throwRefusal(raised);
    const wantsTransfer = input.warmTransferCallId !== null;
    const transferTarget = group?.phone;
    if (wantsTransfer && transferTarget === undefined) {
      const tierName = findTier(config.escalationMatrix, req.tier)?.name ?? req.tier;
      throw new BridgeError(
        'invalid-payload',
        userText('escalation.errors.groupHasNoNumber', { group: group?.name ?? req.group, tier: tierName }),
        ['warmTransferCallId: the group has no phone number'],
      );
    }
    if (wantsTransfer && req.source !== 'call') {
      throw new BridgeError('invalid-payload', userText('escalation.errors.transferNeedsCall'), [
        'warmTransferCallId: the escalation is not from a call',
      ]);
    }
    const record = await this.save(raised.value);
    this.monitor.track(record);
    this.log.info('escalation raised', {
      id: record.id,
      priority: record.priority,
      tier: record.tier,
      group: record.group,
      source: record.source,
    });
    let transfer: CreateEscalationResult['transfer'] = { state: 'not-requested', message: null };
    if (wantsTransfer && input.warmTransferCallId !== null && transferTarget !== undefined) {
      transfer = await this.startTransfer(record, input.warmTransferCallId, transferTarget, group?.name ?? req.group);
    }
    return { escalation: record, transfer };
  }

  async list(filter: { open?: boolean; caseId?: string; limit?: number }): Promise<{ escalations: EscalationRecord[]; now: number }> {
    const escalations = await this.options.store.listEscalations({ ...filter, limit: filter.limit ?? 200 }).catch((e: unknown) => {
      throw toBridgeError(e);
    });
    return { escalations, now: this.options.scheduler.now() };
  }

  acknowledge(id: string): Promise<EscalationRecord> {
    return this.change(id, (r, at) => acknowledgeEscalation(r, at));
  }

  resolve(id: string): Promise<EscalationRecord> {
    return this.change(id, (r, at) => resolveEscalation(r, at));
  }

  close(): void {
    this.closed = true;
    this.monitor.close();
  }

  // -------------------------------------------------------------------------------------------

  private async save(record: EscalationRecord): Promise<EscalationRecord> {
    let stored: EscalationRecord;
    try {
      stored = (await this.options.store.saveEscalation(record)).record;
    } catch (error) {
      throw toBridgeError(error);
    }
    this.options.onChanged(stored);
    this.tell({ record: stored });
    return stored;
  }

  /** Read the newest record, apply a rule, store the result; one change per escalation at a time. */
  private change(id: string, rule: (record: EscalationRecord, at: number) => Result<EscalationRecord>): Promise<EscalationRecord> {
    const previous = this.queues.get(id) ?? Promise.resolve();
    const next = previous
      .catch(() => undefined)
      .then(async () => {
        const current = await this.options.store.getEscalation(id).catch((e: unknown) => {
          throw toBridgeError(e);
        });
        if (current === null) throw new BridgeError('not-found', userText('escalation.errors.notStored'));
        const changed = rule(current, this.options.scheduler.now());
        if (!changed.ok) throw new BridgeError('conflict', changed.message);
        const stored = await this.save(changed.value);
        if (!this.closed) this.monitor.update(stored);
        return stored;
      });
    this.queues.set(id, next);
    void next
      .finally(() => {
        if (this.queues.get(id) === next) this.queues.delete(id);
      })
      .catch(() => undefined);
    return next;
  }

  private alert(escalationId: string, kind: EscalationAlert['kind'], message: UserText): void {
    const alert = { escalationId, kind, message, at: this.options.scheduler.now() };
    this.options.onAlert(alert);
    this.tell({ alert });
  }

  private onSignal(signal: EscalationSignal): void {
    if (this.closed) return;
    if (signal.kind === 'clock') {
      const status = signal.status;
      if (status !== 'at-risk' && status !== 'breached') return;
      if (status === 'breached') void this.raiseAlert(signal.escalationId, { kind: 'clock', clock: signal.clock });
      void this.describe(signal.escalationId).then((what) => {
        this.alert(signal.escalationId, status, userText(DEADLINE_TEXT[signal.clock][status], { what }));
      });
      return;
    }
    void this.notifyChainStep(signal.escalationId, signal.role);
  }

  private async describe(id: string): Promise<UserText> {
    const record = await this.options.store.getEscalation(id).catch(() => null);
    if (record === null) return userText('escalation.what.unknown');
    const group = findGroup(this.options.config().escalationMatrix, record.tier, record.group);
    return userText('escalation.what.toGroup', { priority: record.priority, group: group?.name ?? record.group });
  }

  /** Hands the signal to the SLA alerts with the newest record; a failure is logged, never the agent's problem. */
  private async raiseAlert(id: string, trigger: EscalationAlertTrigger): Promise<void> {
    const raise = this.options.raiseAlert;
    if (raise === undefined) return;
    try {
      const record = await this.options.store.getEscalation(id);
      if (record !== null && !this.closed) await raise(record, trigger, this.options.scheduler.now());
    } catch (error) {
      this.log.warn('SLA alert not raised', { id, error: error instanceof Error ? error.name : 'unknown' });
    }
  }

  private async notifyChainStep(id: string, role: ChainRole): Promise<void> {
    const step = this.options.config().escalationMatrix.chain.find((s) => s.role === role);
    await this.raiseAlert(id, { kind: 'chain-step', role });
    try {
      const stored = await this.change(id, (r, at) => markChainStepNotified(r, role, at));
      const after = step === undefined ? '' : userText('escalation.chainAfter', { duration: describeMinutes(step.afterMinutes) });
      const group = findGroup(this.options.config().escalationMatrix, stored.tier, stored.group);
      this.alert(
        id,
        'chain-step',
        userText('escalation.chainStep', {
          what: userText('escalation.what.toGroup', { priority: stored.priority, group: group?.name ?? stored.group }),
          after,
          role: userText(`escalation.roles.${role}`),
          contact: contactText(step?.contact),
        }),
      );
    } catch (error) {
      if (this.closed) return;
      this.log.warn('chain step not recorded', { id, role, error: error instanceof Error ? error.message : 'unknown' });
    }
  }

  /**
   * Rings the group on a consultation leg that carries the case (its id, customer, priority and
   * summary), the customer on hold. The agent completes or cancels in the phone bar; the transfer
   * time is recorded when the customer's call ends transferred.
   */
  private async startTransfer(
    record: EscalationRecord,
    callId: string,
    target: string,
    groupName: string,
  ): Promise<CreateEscalationResult['transfer']> {
    const id = record.id;
    const port = this.options.transfer;
    if (!port) return { state: 'unavailable', message: userText('escalation.transfer.phoneUnavailable') };
    let consultId: string;
    try {
      const context = { caseId: record.caseId, customerId: record.customerId, priority: record.priority, summary: record.summary };
      consultId = (await port.consult(callId, target, context)).callId;
    } catch (error) {
      const message = transferFailedText(groupName, error);
      this.alert(id, 'transfer', message);
      return { state: 'unavailable', message };
    }
    this.log.info('warm transfer: consulting', { id, callId, consultId });
    port.whenConnected(consultId, (outcome) => {
      if (outcome === 'failed') this.alert(id, 'transfer', userText('escalation.transfer.notTaken', { group: groupName }));
    });
    port.whenEnded(callId, (transferred) => {
      if (!transferred || this.closed) return;
      this.change(id, (r, at) => recordWarmTransfer(r, at))
        .then(() => this.log.info('warm transfer completed', { id }))
        .catch((error: unknown) =>
          this.log.warn('warm transfer time not recorded', { id, error: error instanceof Error ? error.name : 'unknown' }),
        );
    });
    return {
      state: 'dialling',
      message: userText('escalation.transfer.calling', { group: groupName }),
    };
  }
}
