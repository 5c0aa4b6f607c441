import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { AgentDeskView, LogContactRequest, OpenWrapUp, PopMatch, ScreenPop, SetStateRequest, TimelineEntry } from '../../shared/agent/contract';
import type { CustomerDetail } from '../../shared/store/contract';
import { OPEN_CASE_STATUSES, POP_OPEN_CASES, POP_RECENT_CONTACTS, type Customer } from '../../shared/store/types';
import { BridgeError } from '../../shared/bridge/errors';
import type { EventChannel } from '../../shared/bridge/channels';
import type { EventPayload } from '../../shared/bridge/events';
import type { WorkflowConfig } from '../../shared/config/workflow';
import type { CallEnded, CallOffered, Call, QualitySummary as CallQuality } from '../../shared/telephony/model';
import { agentPolicyOf, type AgentEffect, type AgentPolicy } from '../../shared/workflow/agent-state';
import { afterCallWorkOf, interactionFromCall, logManualContact, moveToCase } from '../../shared/workflow/interactions';
import type { Interaction, QualitySummary, WrapUpRecord } from '../../shared/workflow/types';
import { applyDraftChange, codeLabel, newWrapUpDraft, submitWrapUp, type WrapUpChange } from '../../shared/workflow/wrap-up';
import type { BridgeServer } from '../bridge/bridge-server';
import type { Logger } from '../logging/logger';
import type { StoreClient } from '../store/store-client';
import type { TelephonyEvents } from '../telephony/telephony-events';
import type { TypedEmitter } from '../../shared/events/typed-emitter';
import { AgentService, type AgentChange } from './agent-service';
import { AgentStateFile, type AgentStatePersistence } from './agent-state-file';
import { CallbackReminders } from './callback-reminders';
import type { Scheduler } from './scheduler';

/** What the desk needs of telephony: its events and a way to answer an INVITE with a final response. */
export interface DeskTelephony {
  events: Pick<TypedEmitter<TelephonyEvents>, 'on'>;
  reject(callId: string, statusCode: number): Promise<void>;
}

export interface AgentDeskOptions {
  store: StoreClient;
  telephony: DeskTelephony;
  config: () => WorkflowConfig;
  agentId: () => string;
  scheduler: Scheduler;
  log: Logger;
  /** Where agent-state.json lives (the data folder). */
  dataDir: string;
  /** Sends an event to the renderer. */
  emit: <E extends EventChannel>(channel: E, payload: EventPayload<E>) => void;
  /** Send committed agent work to the CRM now. */
  wakeSync: () => void;
  persistence?: AgentStatePersistence;
  /**
   * A caller who hangs up unanswered after ringing this long was missed (the agent turns Not ready
   * "Missed call"); a shorter ring is the caller's own abandonment. Default 15 s.
   */
  missedAfterSeconds?: number;
}

interface LiveCall {
  pop: ScreenPop;
  purpose: 'customer' | 'consult';
  ended: CallEnded | null;
}

const MAX_WRAP_UPS_SHOWN = 50;

/**
 * The agent's call loop in main: telephony events drive the agent state machine; an inbound
 * INVITE pops the caller from the store while it rings (or is declined with the policy's code
 * when the agent cannot take it); a call that ends is logged in the store (with its outbox row)
 * before any UI hears of it; the wrap-up draft is saved on every change and the owed wrap-ups
 * survive reload, crash and restart (agent-state.json + the store).
 */
export class AgentDesk {
  private readonly calls = new Map<string, LiveCall>();
  private readonly wrapUps = new Map<string, OpenWrapUp>();
  private contact: ScreenPop | null = null;
  /** Store writes in the order the state machine produced them. */
  private work: Promise<void> = Promise.resolve();
  private readonly offs: (() => void)[] = [];
  private readonly reminders: CallbackReminders;
  /** Call rows queued but not yet in the store: no view goes out until they are (design rule 5). */
  private pendingLogs = 0;
  private closed = false;

  private constructor(
    private readonly options: AgentDeskOptions,
    readonly service: AgentService,
    readonly firstRun: boolean,
  ) {
    this.reminders = new CallbackReminders(options.scheduler, (r) => {
      const when = new Date(r.at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
      options.emit('app.notice', {
        id: `callback-${r.interactionId}`.slice(0, 64),
        level: r.late ? 'warning' : 'info',
        message: r.late ? `A callback promised for ${when} is overdue.` : `Callback due at ${when}: see the contact's timeline for the number.`,
      });
    });
  }

  static async open(options: AgentDeskOptions): Promise<AgentDesk> {
    const persistence = options.persistence ?? new AgentStateFile(path.join(options.dataDir, 'agent-state.json'), () => options.log.warn('agent state not saved'));
    const before = await persistence.load();
    const service = await AgentService.open({
      persistence,
      scheduler: options.scheduler,
      policy: () => agentPolicyOf(options.config()),
      log: options.log,
    });
    const desk = new AgentDesk(options, service, before.kind === 'missing');
    await desk.start();
    return desk;
  }

  private policy(): AgentPolicy {
    return agentPolicyOf(this.options.config());
  }

  private async start(): Promise<void> {
    const { service, options } = this;
    // A first start logs the agent in: a softphone that declines every call until found out is no help.
    if (this.firstRun && service.state.presence === 'offline') service.dispatch({ type: 'log-in' });
    this.offs.push(service.subscribe((change) => this.onChange(change)));
    for (const effect of service.restoreReport.effects) this.handleEffect(effect);
    if (service.restoreReport.notice) {
      const notice = service.restoreReport.notice;
      this.enqueue(async () => options.emit('app.notice', { id: 'agent-restored', level: 'info', message: notice }));
    }
    // The wrap-ups still owed (and their drafts) come back from the store.
    for (const owed of service.state.owed) await this.loadOwed(owed.interactionId, owed.endedAt);
    try {
      for (const cb of await options.store.listCallbacks({ state: 'scheduled' })) {
        if (cb.remindAt !== null) this.reminders.schedule({ interactionId: cb.interactionId ?? cb.id, at: cb.dueAt, remindAt: cb.remindAt });
      }
    } catch (error) {
      options.log.warn('callbacks not loaded', { error: error instanceof Error ? error.name : 'unknown' });
    }
    const ev = options.telephony.events;
    this.offs.push(
      ev.on('callOffered', (o) => this.onOffered(o)),
      ev.on('callUpdated', (c) => this.onCallUpdated(c)),
      ev.on('callAnswered', (c) => this.dispatchFor(c.id, 'call-answered')),
      ev.on('callHeld', (c) => this.dispatchFor(c.id, 'call-held')),
      ev.on('callResumed', (c) => this.dispatchFor(c.id, 'call-resumed')),
      ev.on('callEnded', (e) => this.onEnded(e)),
    );
    await this.work;
  }

  private async loadOwed(interactionId: string, endedAt: number): Promise<void> {
    try {
      const row = await this.options.store.getInteraction(interactionId);
      const draft = row?.wrapUp ?? newWrapUpDraft(interactionId, this.options.agentId(), this.options.scheduler.now());
      let customerName: string | null = null;
      if (row?.customerId) customerName = (await this.options.store.getCustomer(row.customerId))?.customer.name ?? null;
      this.wrapUps.set(interactionId, {
        interactionId,
        draft,
        number: row?.number ?? null,
        customerId: row?.customerId ?? null,
        customerName,
        caseId: row?.caseId ?? null,
        endedAt: row?.endedAt ?? endedAt,
      });
    } catch (error) {
      this.options.log.warn('owed wrap-up not loaded', { error: error instanceof Error ? error.name : 'unknown' });
    }
  }

  // ------------------------------------------------------------------ telephony → state machine

  private onOffered(offered: CallOffered): void {
    const interactionId = randomUUID();
    const pop: ScreenPop = {
      callId: offered.callId,
      interactionId,
      direction: 'inbound',
      state: 'ringing',
      number: offered.number,
      displayName: offered.displayName,
      receivedAt: offered.at,
      lookup: null,
      customerId: null,
      caseId: null,
      logged: false,
    };
    this.calls.set(offered.callId, { pop, purpose: 'customer', ended: null });
    const result = this.service.dispatch({ type: 'call-offered', callId: offered.callId, interactionId, at: offered.at });
    if (!result.ok || pop.state === 'declined') return;
    if (!offered.waiting || this.contact === null || this.contact.state === 'ended') this.contact = pop;
    this.options.emit('agent.screenPop', { ...pop });
    void this.lookUp(pop);
  }

  private async lookUp(pop: ScreenPop): Promise<void> {
    try {
      const lookup = await this.options.store.lookupCaller(pop.number);
      pop.lookup = lookup;
      const only = lookup.matches.length === 1 ? lookup.matches[0] : undefined;
      if (only && pop.customerId === null) {
        pop.customerId = only.customer.id;
        pop.caseId = only.openCases.length === 1 ? (only.openCases[0]?.id ?? null) : null;
      }
    } catch (error) {
      this.options.log.warn('screen pop lookup failed', { error: error instanceof Error ? error.name : 'unknown' });
      pop.lookup = { normalized: null, matchedBy: 'none', matches: [], truncated: false };
    }
    if (this.closed) return;
    this.options.emit('agent.screenPop', { ...pop });
    this.emitView();
  }

  private onCallUpdated(call: Call): void {
    if (call.direction !== 'outbound' || this.calls.has(call.id) || call.status === 'ended') return;
    const interactionId = randomUUID();
    const purpose = call.consultFor ? 'consult' : this.service.state.calls.some((c) => c.answeredAt !== null || c.direction === 'outbound') ? 'consult' : 'customer';
    const pop: ScreenPop = {
      callId: call.id,
      interactionId,
      direction: 'outbound',
      state: 'ringing',
      number: call.remote.number,
      displayName: call.remote.displayName,
      receivedAt: call.startedAt,
      lookup: null,
      customerId: null,
      caseId: null,
      logged: false,
    };
    this.calls.set(call.id, { pop, purpose, ended: null });
    const result = this.service.dispatch({ type: 'dial', callId: call.id, interactionId, purpose, at: call.startedAt });
    if (!result.ok) {
      // The phone placed the call anyway (e.g. logged out): it is still logged when it ends.
      this.options.log.info('outbound call outside the agent state', { code: result.error.code });
      return;
    }
    if (purpose === 'customer') {
      this.contact = pop;
      void this.lookUp(pop);
    }
  }

  private dispatchFor(callId: string, type: 'call-answered' | 'call-held' | 'call-resumed'): void {
    const live = this.calls.get(callId);
    if (!live) return;
    if (type === 'call-answered') live.pop.state = 'connected';
    this.service.dispatch({ type, callId });
  }

  private onEnded(ended: CallEnded): void {
    const live = this.calls.get(ended.callId);
    if (!live) return;
    live.ended = ended;
    live.pop.state = live.pop.state === 'declined' ? 'declined' : 'ended';
    const known = this.service.state.calls.some((c) => c.callId === ended.callId);
    if (!known) {
      // Declined by the state machine (its row is logged from the effect), or a call it never took on.
      if (!live.pop.logged && live.pop.state !== 'declined') this.calls.delete(ended.callId);
      return;
    }
    const rang = ended.endedAt - ended.startedAt;
    const missedAfter = (this.options.missedAfterSeconds ?? 15) * 1000;
    const failed = ended.answeredAt === null && (ended.endReason === 'incompatible-media' || ended.endReason === 'failed');
    if (ended.direction === 'inbound' && ended.answeredAt === null) {
      if (ended.endReason === 'rejected') this.service.dispatch({ type: 'call-rejected', callId: ended.callId, at: ended.endedAt });
      else if (failed) this.service.dispatch({ type: 'call-ended', callId: ended.callId, at: ended.endedAt, failed });
      else if (rang >= missedAfter) this.service.dispatch({ type: 'call-missed', callId: ended.callId, at: ended.endedAt });
      else this.service.dispatch({ type: 'call-ended', callId: ended.callId, at: ended.endedAt });
    } else {
      this.service.dispatch({ type: 'call-ended', callId: ended.callId, at: ended.endedAt, failed });
    }
  }

  // ------------------------------------------------------------------ effects

  private onChange(change: AgentChange): void {
    for (const effect of change.effects) this.handleEffect(effect);
    this.enqueue(async () => this.emitView());
  }

  private handleEffect(effect: AgentEffect): void {
    switch (effect.type) {
      case 'decline-call': {
        const live = this.calls.get(effect.callId);
        if (live) live.pop.state = 'declined';
        this.options.log.info('inbound call declined', { cause: effect.cause, code: effect.sipCode });
        void this.options.telephony.reject(effect.callId, effect.sipCode).catch(() => undefined);
        break;
      }
      case 'interaction-ended': {
        const live = this.calls.get(effect.callId);
        this.pendingLogs += 1;
        this.enqueue(() => this.logCall(effect, live ?? null).finally(() => {
          this.pendingLogs -= 1;
        }));
        break;
      }
      case 'acw-ended':
        this.enqueue(() => this.recordAfterCallWork(effect));
        break;
    }
  }

  private enqueue(task: () => Promise<void>): void {
    this.work = this.work.then(task).catch((error: unknown) => {
      this.options.log.error('agent work not stored', { error: error instanceof Error ? error.name : 'unknown', code: (error as { code?: string }).code ?? null });
      this.options.emit('app.notice', { id: 'agent-store-failed', level: 'error', message: 'Your last contact could not be saved to the local store. It is kept in memory; check Diagnostics.' });
    });
  }

  private async logCall(effect: Extract<AgentEffect, { type: 'interaction-ended' }>, live: LiveCall | null): Promise<void> {
    const pop = live?.pop ?? null;
    const interaction = interactionFromCall(effect, {
      agentId: this.options.agentId(),
      number: pop ? (pop.lookup?.normalized ?? pop.number) : null,
      customerId: pop?.customerId ?? null,
      caseId: pop?.caseId ?? null,
      sipCallId: null,
      quality: live?.ended ? qualityOf(live.ended.quality) : null,
    });
    await this.options.store.logInteraction(interaction);
    this.options.wakeSync();
    if (pop) pop.logged = true;
    if (live) this.calls.delete(effect.callId);
    if (effect.outcome === 'answered' && effect.purpose === 'customer' && this.service.state.owed.some((o) => o.interactionId === effect.interactionId)) {
      const match = pop?.lookup?.matches.find((m) => m.customer.id === pop.customerId);
      this.wrapUps.set(effect.interactionId, {
        interactionId: effect.interactionId,
        draft: newWrapUpDraft(effect.interactionId, interaction.agentId, this.options.scheduler.now()),
        number: interaction.number,
        customerId: interaction.customerId,
        customerName: match?.customer.name ?? null,
        caseId: interaction.caseId,
        endedAt: interaction.endedAt,
      });
    }
    if (pop && this.contact === pop) this.options.emit('agent.screenPop', { ...pop });
  }

  private async recordAfterCallWork(effect: Extract<AgentEffect, { type: 'acw-ended' }>): Promise<void> {
    for (const [interactionId, seconds] of afterCallWorkOf(effect)) {
      const row = await this.options.store.getInteraction(interactionId);
      if (!row) continue;
      const { wrapUp: _wrapUp, ...interaction } = row;
      await this.options.store.logInteraction({ ...interaction, afterCallWorkSeconds: seconds });
    }
    this.options.wakeSync();
  }

  // ------------------------------------------------------------------ the view

  view(): AgentDeskView {
    const config = this.options.config();
    const owed = new Set(this.service.state.owed.map((o) => o.interactionId));
    for (const id of [...this.wrapUps.keys()]) if (!owed.has(id)) this.wrapUps.delete(id);
    const wrapUps = [...this.wrapUps.values()].sort((a, b) => (a.endedAt ?? 0) - (b.endedAt ?? 0)).slice(-MAX_WRAP_UPS_SHOWN);
    return {
      now: this.options.scheduler.now(),
      agent: this.service.view(),
      reasons: config.notReadyReasons.filter((r) => r.active && !r.system).map((r) => ({ code: r.code, label: r.label })),
      wrapUpCodes: config.wrapUpCodes.filter((c) => c.active).map((c) => ({ code: c.code, label: c.label, category: c.category, needsNote: c.needsNote, triggers: [...c.triggers] })),
      policy: {
        acwSeconds: config.afterCallWork.seconds,
        onExpiry: config.afterCallWork.onExpiry,
        notesMaxLength: config.wrapUp.notesMaxLength,
        callbackMinLeadMinutes: config.wrapUp.callback.minLeadMinutes,
      },
      wrapUps,
      contact: this.contact ? { ...this.contact } : null,
    };
  }

  /** Every queued call row is followed by a view, so skipping one while a row is pending loses nothing. */
  private emitView(): void {
    if (this.closed || this.pendingLogs > 0) return;
    this.options.emit('agent.view', this.view());
  }

  /** Resolves when every store write queued so far is done (tests, shutdown). */
  async settled(): Promise<void> {
    await this.work;
  }

  // ------------------------------------------------------------------ commands

  async setState(request: SetStateRequest): Promise<AgentDeskView> {
    const presence = this.service.state.presence;
    const result =
      request.state === 'offline'
        ? this.service.dispatch({ type: 'log-out' })
        : request.state === 'ready'
          ? this.service.dispatch({ type: presence === 'offline' ? 'log-in' : 'set-ready' })
          : presence === 'offline'
            ? this.service.dispatch({ type: 'log-in', reason: request.reason })
            : this.service.dispatch({ type: 'set-not-ready', reason: request.reason });
    if (!result.ok) throw new BridgeError('conflict', result.error.message);
    await this.work;
    return this.view();
  }

  async extendWrapUp(): Promise<AgentDeskView> {
    const result = this.service.dispatch({ type: 'extend-acw' });
    if (!result.ok) throw new BridgeError('conflict', result.error.message);
    await this.work;
    return this.view();
  }

  private openWrapUp(interactionId: string): OpenWrapUp {
    const open = this.wrapUps.get(interactionId);
    if (!open) throw new BridgeError('not-found', 'There is no open wrap-up for this contact.');
    return open;
  }

  /** Serialised with the store writes so edits are stored in the order they were made. */
  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.work.then(task);
    this.work = run.then(() => undefined, () => undefined);
    return run;
  }

  saveWrapUpDraft(interactionId: string, change: WrapUpChange): Promise<WrapUpRecord> {
    return this.serial(async () => {
      const open = this.openWrapUp(interactionId);
      const config = this.options.config();
      const result = applyDraftChange(open.draft, change, { catalog: config.wrapUpCodes, policy: config.wrapUp, now: this.options.scheduler.now(), defaultNumber: open.number });
      if (!result.ok) throw new BridgeError('invalid-payload', result.message, result.errors.map((e) => `${e.field}: ${e.message}`));
      await this.options.store.saveWrapUp(result.value);
      open.draft = result.value;
      return result.value;
    });
  }

  async submitWrapUp(interactionId: string): Promise<WrapUpRecord> {
    const record = await this.serial(async () => {
      const open = this.openWrapUp(interactionId);
      const config = this.options.config();
      const now = this.options.scheduler.now();
      const result = submitWrapUp(open.draft, { catalog: config.wrapUpCodes, policy: config.wrapUp, now });
      if (!result.ok) throw new BridgeError('invalid-payload', result.message, result.errors.map((e) => `${e.field}: ${e.message}`));
      await this.options.store.saveWrapUp(result.value.record);
      open.draft = result.value.record;
      const cb = result.value.actions.callback;
      if (cb) this.reminders.schedule({ interactionId, at: cb.at, remindAt: cb.remindAt });
      this.options.wakeSync();
      return result.value.record;
    });
    this.wrapUps.delete(interactionId);
    const result = this.service.dispatch({ type: 'wrap-up-submitted', interactionId });
    if (!result.ok) this.options.log.info('wrap-up submitted outside the state machine', { code: result.error.code });
    await this.work;
    this.emitView();
    return record;
  }

  async pickCustomer(customerId: string, caseId: string | null, options: { saveNumber?: boolean } = {}): Promise<AgentDeskView> {
    const contact = this.contact;
    if (!contact) throw new BridgeError('conflict', 'There is no contact on screen to file.');
    const detail = await this.options.store.getCustomer(customerId);
    if (!detail) throw new BridgeError('not-found', 'That customer no longer exists.');
    if (caseId !== null && !detail.cases.some((c) => c.id === caseId)) throw new BridgeError('not-found', 'That case does not belong to this customer.');
    const number = contact.lookup?.normalized ?? null;
    let customer = detail.customer;
    if (options.saveNumber) {
      if (!number) throw new BridgeError('invalid-payload', 'The caller\'s number is not a full phone number, so it cannot be saved to the customer.');
      if (!customer.phones.some((p) => p.number === number)) {
        ({ record: customer } = await this.options.store.updateCustomer(customerId, { phones: [...customer.phones, { number, label: null }] }, customer.version));
        this.options.wakeSync();
      }
    }
    const lookup = contact.lookup ?? { normalized: null, matchedBy: 'none' as const, matches: [], truncated: false };
    const others = lookup.matches.filter((m) => m.customer.id !== customerId);
    const shown = lookup.matches.find((m) => m.customer.id === customerId);
    // A customer the agent found by search is shown as a pop would show them, first.
    const match = shown ? { ...shown, customer } : popMatchOf(detail, customer, number);
    contact.lookup = { ...lookup, matches: shown ? lookup.matches.map((m) => (m.customer.id === customerId ? match : m)) : [match, ...others] };
    contact.customerId = customerId;
    contact.caseId = caseId;
    await this.refile(contact.interactionId, customerId, caseId, customer.name);
    if (!shown || options.saveNumber) this.options.emit('agent.screenPop', { ...contact });
    this.emitView();
    return this.view();
  }

  async createCustomer(name: string): Promise<AgentDeskView> {
    const contact = this.contact;
    if (!contact) throw new BridgeError('conflict', 'There is no contact on screen to create a customer for.');
    const number = contact.lookup?.normalized ?? contact.number;
    const { record } = await this.options.store.createCustomer({ name, phones: number ? [number] : [] });
    this.options.wakeSync();
    contact.customerId = record.id;
    contact.caseId = null;
    contact.lookup = {
      normalized: contact.lookup?.normalized ?? null,
      matchedBy: 'exact',
      matches: [{ customer: record, matchedNumber: number, openCases: [], recentInteractions: [] }],
      truncated: false,
    };
    await this.refile(contact.interactionId, record.id, null, record.name);
    this.options.emit('agent.screenPop', { ...contact });
    this.emitView();
    return this.view();
  }

  /** The contact's row (if already logged) and its open wrap-up follow the agent's choice. */
  private async refile(interactionId: string, customerId: string, caseId: string | null, customerName: string): Promise<void> {
    await this.serial(async () => {
      const row = await this.options.store.getInteraction(interactionId);
      if (row) {
        const { wrapUp: _wrapUp, ...interaction } = row;
        await this.options.store.logInteraction(moveToCase(interaction, caseId, customerId));
        this.options.wakeSync();
      }
      const open = this.wrapUps.get(interactionId);
      if (open) Object.assign(open, { customerId, caseId, customerName });
    });
  }

  async moveInteraction(interactionId: string, to: { caseId: string } | { newCase: { subject: string; priority?: 'P1' | 'P2' | 'P3' | 'P4' } }): Promise<Interaction> {
    const row = await this.options.store.getInteraction(interactionId);
    if (!row) throw new BridgeError('not-found', 'That contact is not in the log.');
    const { wrapUp: _wrapUp, ...interaction } = row;
    let caseId: string;
    let customerId = interaction.customerId;
    if ('caseId' in to) {
      const detail = await this.options.store.getCase(to.caseId);
      if (!detail) throw new BridgeError('not-found', 'That case does not exist.');
      caseId = detail.case.id;
      customerId = detail.case.customerId;
    } else {
      if (!customerId) throw new BridgeError('conflict', 'Choose the customer first: a new case needs one.');
      const { record } = await this.options.store.createCase({ customerId, subject: to.newCase.subject, priority: to.newCase.priority ?? 'P3' });
      caseId = record.id;
    }
    const moved = moveToCase(interaction, caseId, customerId);
    await this.serial(() => this.options.store.logInteraction(moved).then(() => undefined));
    this.options.wakeSync();
    if (this.contact?.interactionId === interactionId) {
      this.contact.caseId = caseId;
      this.contact.customerId = customerId;
    }
    const open = this.wrapUps.get(interactionId);
    if (open) Object.assign(open, { caseId, customerId });
    this.emitView();
    return moved;
  }

  async logContact(request: LogContactRequest): Promise<Interaction> {
    const now = this.options.scheduler.now();
    const agentId = this.options.agentId();
    const built = logManualContact({ ...request, id: randomUUID(), agentId, afterCallWorkSeconds: 0 }, now);
    if (!built.ok) throw new BridgeError('invalid-payload', built.message, built.errors.map((e) => `${e.field}: ${e.message}`));
    // Notes are kept with the contact's code (its wrap-up); without one they would be dropped unseen.
    if (request.code === null && request.notes.trim() !== '') {
      throw new BridgeError('invalid-payload', 'Choose a contact code: the notes are saved with it.', ['code: required when there are notes']);
    }
    const config = this.options.config();
    let wrapUp: WrapUpRecord | null = null;
    if (request.code !== null) {
      let draft = newWrapUpDraft(built.value.id, agentId, now);
      for (const change of [{ kind: 'code', code: request.code }, { kind: 'notes', notes: request.notes }] as const) {
        const applied = applyDraftChange(draft, change, { catalog: config.wrapUpCodes, policy: config.wrapUp, now, defaultNumber: request.number });
        if (!applied.ok) throw new BridgeError('invalid-payload', applied.message, applied.errors.map((e) => `${e.field}: ${e.message}`));
        draft = applied.value;
      }
      const submitted = submitWrapUp(draft, { catalog: config.wrapUpCodes, policy: config.wrapUp, now });
      if (!submitted.ok) throw new BridgeError('invalid-payload', submitted.message, submitted.errors.map((e) => `${e.field}: ${e.message}`));
      wrapUp = submitted.value.record;
    }
    await this.serial(async () => {
      await this.options.store.commitLocal([
        { kind: 'interaction', record: built.value },
        ...(wrapUp ? [{ kind: 'wrap-up' as const, record: wrapUp }] : []),
      ]);
    });
    this.options.wakeSync();
    return built.value;
  }

  async timeline(customerId: string, limit = 50): Promise<{ entries: TimelineEntry[] }> {
    const rows = await this.options.store.listInteractions({ customerId, limit });
    const catalog = this.options.config().wrapUpCodes;
    return {
      entries: rows.map(({ wrapUp, ...interaction }) => ({
        interaction,
        wrapUpCode: wrapUp?.state === 'submitted' ? wrapUp.code : null,
        wrapUpLabel: wrapUp?.state === 'submitted' ? codeLabel(catalog, wrapUp.code) : null,
        notes: wrapUp?.state === 'submitted' && wrapUp.notes !== '' ? wrapUp.notes : null,
      })),
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const off of this.offs.splice(0)) off();
    this.reminders.close();
    await this.work.catch(() => undefined);
    await this.service.close();
  }
}

/** What a screen pop shows for a customer, from the customer view: their open cases (newest first) and last contacts. */
function popMatchOf(detail: CustomerDetail, customer: Customer, number: string | null): PopMatch {
  const open = new Set<string>(OPEN_CASE_STATUSES);
  return {
    customer,
    matchedNumber: number !== null && customer.phones.some((p) => p.number === number) ? number : '',
    openCases: detail.cases.filter((c) => open.has(c.status)).slice(0, POP_OPEN_CASES),
    recentInteractions: detail.recentInteractions.slice(0, POP_RECENT_CONTACTS),
  };
}

/** The call log's quality summary from telephony's readings; null when no reading was taken. */
export function qualityOf(q: CallQuality): QualitySummary | null {
  if (q.samples === 0 || q.mosAvg === null) return null;
  const mos = (v: number | null): number => Math.min(5, Math.max(1, Math.round((v ?? 1) * 100) / 100));
  const mosMin = mos(q.mosMin ?? q.mosAvg);
  return {
    mosAvg: mos(q.mosAvg),
    mosMin,
    packetLossPct: Math.min(100, Math.max(0, q.lossPct ?? 0)),
    jitterMsAvg: Math.max(0, q.jitterMsAvg ?? 0),
    rttMsAvg: q.rttMsAvg === null ? null : Math.max(0, q.rttMsAvg),
    codec: null,
    degraded: mosMin < 3.5,
  };
}

/** Registers the `agent.*` commands. */
export function registerAgentHandlers(bridge: Pick<BridgeServer, 'handle'>, desk: AgentDesk): void {
  bridge.handle('agent.getView', () => desk.view());
  bridge.handle('agent.setState', (request) => desk.setState(request));
  bridge.handle('agent.extendWrapUp', () => desk.extendWrapUp());
  bridge.handle('agent.saveWrapUpDraft', ({ interactionId, change }) => desk.saveWrapUpDraft(interactionId, change));
  bridge.handle('agent.submitWrapUp', ({ interactionId }) => desk.submitWrapUp(interactionId));
  bridge.handle('agent.pickCustomer', ({ customerId, caseId, saveNumber }) => desk.pickCustomer(customerId, caseId, { saveNumber: saveNumber === true }));
  bridge.handle('agent.createCustomer', ({ name }) => desk.createCustomer(name));
  bridge.handle('agent.moveInteraction', ({ interactionId, to }) => desk.moveInteraction(interactionId, to));
  bridge.handle('agent.logContact', (request) => desk.logContact(request));
  bridge.handle('agent.timeline', ({ customerId, limit }) => desk.timeline(customerId, limit));
}
