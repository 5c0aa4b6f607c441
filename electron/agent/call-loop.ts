import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { AgentDeskView, OpenWrapUp, ScreenPop, SetStateRequest } from '../../shared/agent/contract';
import { ViewPush } from '../bridge/view-push';
import { CustomerTimeline } from './customer-timeline';
import { BridgeError, refusalError } from '../../shared/bridge/errors';
import type { EventChannel } from '../../shared/bridge/channels';
import type { EventPayload } from '../../shared/bridge/events';
import type { WorkflowConfig } from '../../shared/config/workflow';
import type { CallEnded, CallOffered, Call } from '../../shared/telephony/model';
import { agentPolicyOf, type AgentEffect } from '../../shared/agent/agent-state';
import { transition } from '../../shared/agent/agent-state-transition';
import { afterCallWorkOf, interactionFromCall } from '../../shared/agent/interactions';
import type { Interaction, WrapUpRecord } from '../../shared/agent/records';
import { applyDraftChange, newWrapUpDraft, submitWrapUp, type WrapUpChange } from '../../shared/agent/wrap-up';
import type { Logger } from '../logging/logger';
import type { ScreenPopPort, WorkLogPort } from '../store/ports';
import type { TelephonyEvents } from '../telephony/telephony-events';
import type { TypedEmitter } from '../../shared/events/typed-emitter';
import { AgentService, type AgentChange } from './agent-service';
import { AgentStateFile, type AgentStatePersistence } from './agent-state-file';
import type { CallbackReminders } from './callback-reminders';
import type { Scheduler } from '../core/scheduler';
import { liveCall, qualityOf, recordOf, type LiveCall } from './live-call';
import { crmPagesOnScreen, type CrmPagesPort } from './crm-pages';
import { PopFirst, type HoldOutput } from './pop-first';
import { popLookup, type HandoffPop } from './warm-transfer-pop';
import { loadOwedWrapUp } from './owed-wrap-up';
import { userText } from '../../shared/text/user-text';

/** What the call loop needs of telephony: its events and a way to answer an INVITE with a final response. */
export interface DeskTelephony {
  events: Pick<TypedEmitter<TelephonyEvents>, 'on'>;
  reject(callId: string, statusCode: number): Promise<void>;
}

export interface CallLoopOptions {
  store: ScreenPopPort & WorkLogPort;
  telephony: DeskTelephony;
  config: () => WorkflowConfig;
  agentId: () => string;
  scheduler: Scheduler;
  log: Logger;
  /** Where agent-state.json lives (the data folder). */
  dataDir: string;
  /** Sends an event to the renderer. */
  emit: <E extends EventChannel>(channel: E, payload: EventPayload<E>) => void;
  /** Where a callback promised in a submitted wrap-up goes. */
  reminders: Pick<CallbackReminders, 'schedule'>;
  persistence?: AgentStatePersistence;
  /** "Open in <CRM>": the CRM's pages of the records on screen (sync); none when left out. */
  crmPages?: CrmPagesPort;
  /**
   * A caller who hangs up unanswered after ringing this long was missed (the agent turns Not ready
   * "Missed call"); a shorter ring is the caller's own abandonment. Default 15 s.
   */
  missedAfterSeconds?: number;
  /**
   * The outage a new wrap-up suggests linking to (the status feed's most severe active incident);
   * the agent may unlink it. None when left out.
   */
  incidentToSuggest?: () => string | null;
  /** Holds the window's other messages while a ringing call's pop is on its way (pop-first.ts); none held when left out. */
  holdOutput?: HoldOutput;
}

const MAX_WRAP_UPS_SHOWN = 50;

export { POP_WAIT_MS } from './pop-first';

/**
 * The agent's call loop in main: telephony events drive the agent state machine; an inbound
 * INVITE pops the caller from the store while it rings (or is declined with the policy's code
 * when the agent cannot take it); a call that ends is logged in the store (with its outbox row)
 * before any UI hears of it; the wrap-up draft is saved on every change and the owed wrap-ups
 * survive reload, crash and restart (agent-state.json + the store).
 */
export class CallLoop {
  private readonly calls = new Map<string, LiveCall>();
  private readonly wrapUps = new Map<string, OpenWrapUp>();
  private onScreen: ScreenPop | null = null;
  /** Store writes in the order they were made, the state machine's and the contact desk's (serial). */
  private work: Promise<void> = Promise.resolve();
  private readonly offs: (() => void)[] = [];
  /** Call rows queued but not yet in the store: no view goes out until they are (design rule 5). */
  private pendingLogs = 0;
  private closed = false;
  private readonly push: ViewPush<'agent.view'>;
  /** Contacts and wrap-ups logged since start (the view's `workLogged`). */
  private workLogged = 0;
  private readonly timeline: CustomerTimeline;
  /** After-call work stored with its wrap-up (interaction id → seconds): the state machine's own effect for it is then not stored again. */
  private readonly acwStored = new Map<string, number>();
  private readonly popFirst: PopFirst;

  private constructor(
    private readonly options: CallLoopOptions,
    readonly service: AgentService,
    readonly firstRun: boolean,
  ) {
    this.popFirst = new PopFirst(options.holdOutput, options.scheduler);
    this.timeline = new CustomerTimeline(options.store, () => options.config().wrapUpCodes, options.log);
    this.push = new ViewPush(
      { emit: options.emit },
      'agent.view',
      () => this.popFirst.built(this.pendingLogs > 0 || this.popFirst.waiting ? null : this.view()),
      (view) => this.popFirst.sent(view),
    );
  }

  static async open(options: CallLoopOptions): Promise<CallLoop> {
    const persistence =
      options.persistence ??
      new AgentStateFile(path.join(options.dataDir, 'agent-state.json'), () => options.log.warn('agent state not saved'));
    const before = await persistence.load();
    const service = await AgentService.open({
      persistence,
      scheduler: options.scheduler,
      policy: () => agentPolicyOf(options.config()),
      log: options.log,
    });
    const loop = new CallLoop(options, service, before.kind === 'missing');
    await loop.start();
    return loop;
  }

  private async start(): Promise<void> {
    const { service, options } = this;
    // A first start logs the agent in: a softphone that declines every call until found out is no help.
    if (this.firstRun && service.state.presence === 'offline') service.dispatch({ type: 'log-in' });
    this.offs.push(service.subscribe((change) => this.onChange(change)));
    if (options.crmPages) this.offs.push(options.crmPages.onRecordPagesChanged(() => this.emitView()));
    for (const effect of service.restoreReport.effects) this.handleEffect(effect);
    if (service.restoreReport.notice) {
      const notice = service.restoreReport.notice;
      this.enqueue(async () => options.emit('app.notice', { id: 'agent-restored', level: 'info', message: notice }));
    }
    // The wrap-ups still owed (and their drafts) come back from the store.
    for (const owed of service.state.owed) await this.loadOwed(owed.interactionId, owed.endedAt);
    const ev = options.telephony.events;
    this.offs.push(
      ev.on('callOffered', (o) => this.onOffered(o)),
      ev.on('callUpdated', (c) => this.onCallUpdated(c)),
      ev.on('callAnswered', (c) => this.dispatchFor(c.id, 'call-answered')),
      ev.on('callHeld', (c) => this.dispatchFor(c.id, 'call-held')),
      ev.on('callResumed', (c) => this.dispatchFor(c.id, 'call-resumed')),
      ev.on('callOver', (e) => this.onEnded(e)),
      ev.on('callEnded', (e) => this.calls.get(e.callId)?.recorded(e)),
    );
    await this.work;
  }

  private async loadOwed(interactionId: string, endedAt: number): Promise<void> {
    const { store, agentId, scheduler, log } = this.options;
    const open = await loadOwedWrapUp(store, { interactionId, endedAt, agentId: agentId(), now: scheduler.now() }, log);
    if (open) this.wrapUps.set(interactionId, open);
  }

  // ------------------------------------------------------------------ telephony → state machine

  private onOffered(offered: CallOffered): void {
    // Asked first: the store's thread looks the caller up while the offer is handled here and in telephony.
    this.popFirst.offered(offered.callId, offered.at);
    // A warm transfer's pop is the case it names (warm-transfer-pop.ts), not the transferring agent's number.
    const lookup = popLookup(this.options.store, offered);
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
    this.calls.set(offered.callId, liveCall(pop, 'customer'));
    const result = this.service.dispatch({ type: 'call-offered', callId: offered.callId, interactionId, at: offered.at });
    if (!result.ok || pop.state === 'declined') return void lookup.catch(() => undefined);
    // The one place the rule lives: a waiting call does not replace the contact being worked on.
    if (!offered.waiting || this.onScreen === null || this.onScreen.state === 'ended') this.onScreen = pop;
    if (this.onScreen === pop) this.popFirst.ringing(pop.callId);
    this.popFirst.awaitLookup(pop, () => this.emitView());
    this.emitView();
    void this.lookUp(pop, lookup);
  }

  private async lookUp(pop: ScreenPop, asked: ReturnType<ScreenPopPort['lookupCaller']> | Promise<HandoffPop>): Promise<void> {
    try {
      const answer = await asked;
      this.popFirst.lookedUp(pop.callId);
      const lookup = 'lookup' in answer ? answer.lookup : answer;
      pop.lookup = lookup;
      const only = lookup.matches.length === 1 ? lookup.matches[0] : undefined;
      if ('lookup' in answer && answer.customerId !== null && pop.customerId === null) {
        pop.customerId = answer.customerId;
        pop.caseId = answer.caseId;
      } else if (only && pop.customerId === null) {
        pop.customerId = only.customer.id;
        pop.caseId = only.openCases.length === 1 ? (only.openCases[0]?.id ?? null) : null;
      }
    } catch (error) {
      this.options.log.warn('screen pop lookup failed', { error: error instanceof Error ? error.name : 'unknown' });
      pop.lookup = { normalized: null, matchedBy: 'none', matches: [], truncated: false };
    }
    if (this.closed) return;
    // The pop goes out as soon as the store answered; the customer's timeline follows it.
    this.popFirst.endWait(pop, () => this.emitView());
    if (this.onScreen === pop) await this.refreshTimeline();
  }

  /** Reads the timeline of the customer on screen again, and pushes the view when it changed. */
  async refreshTimeline(): Promise<void> {
    if (await this.timeline.refresh(this.onScreen?.customerId ?? null)) this.emitView();
  }

  /** A contact or wrap-up was logged: the stats panel asks again, and the timeline is read again. */
  private async workWasLogged(customerId: string | null): Promise<void> {
    this.workLogged += 1;
    if (customerId !== null && customerId === this.onScreen?.customerId) await this.timeline.refresh(customerId, { force: true });
  }

  private onCallUpdated(call: Call): void {
    if (call.replaces !== undefined && !this.calls.has(call.id)) return this.onReplaced(call, call.replaces);
    if (call.direction !== 'outbound' || this.calls.has(call.id) || call.status === 'ended') return;
    const interactionId = randomUUID();
    const purpose = call.consultFor
      ? 'consult'
      : this.service.state.calls.some((c) => c.answeredAt !== null || c.direction === 'outbound')
        ? 'consult'
        : 'customer';
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
    this.calls.set(call.id, liveCall(pop, purpose, call.doNotCallOverride));
    const result = this.service.dispatch({ type: 'dial', callId: call.id, interactionId, purpose, at: call.startedAt });
    if (!result.ok) {
      // The phone placed the call anyway (e.g. logged out): it is still logged when it ends.
      this.options.log.info('outbound call outside the agent state', { code: result.error.code });
      return;
    }
    if (purpose === 'customer') {
      this.onScreen = pop;
      void this.lookUp(pop, this.options.store.lookupCaller(pop.number));
    }
  }

  /**
   * The customer's dialog replaced a consultation (the agent was an attended transfer's target): the
   * contact goes on under the new call, whose far end is the customer, on call, not in wrap-up.
   */
  private onReplaced(call: Call, oldCallId: string): void {
    const live = this.calls.get(oldCallId);
    if (!live || live.ended !== null) return;
    if (!this.service.dispatch({ type: 'call-replaced', callId: oldCallId, byCallId: call.id, at: call.startedAt }).ok) return;
    this.calls.delete(oldCallId);
    Object.assign(live.pop, { callId: call.id, number: call.remote.number, displayName: call.remote.displayName });
    this.calls.set(call.id, live);
    this.emitView();
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
        this.enqueue(() =>
          this.logCall(effect, live ?? null).finally(() => {
            this.pendingLogs -= 1;
          }),
        );
        break;
      }
      case 'acw-ended':
        this.enqueue(() => this.recordAfterCallWork(effect));
        break;
    }
  }

  private enqueue(task: () => Promise<void>): void {
    this.work = this.work.then(task).catch((error: unknown) => {
      this.options.log.error('agent work not stored', {
        error: error instanceof Error ? error.name : 'unknown',
        code: (error as { code?: string }).code ?? null,
      });
      this.options.emit('app.notice', { id: 'agent-store-failed', level: 'error', message: userText('agent.storeFailed') });
    });
  }

  private async logCall(effect: Extract<AgentEffect, { type: 'interaction-ended' }>, live: LiveCall | null): Promise<void> {
    const pop = live?.pop ?? null;
    // An answered call's row carries its quality, which the media engine answers when its media is
    // closed; a call never answered had no audio to measure.
    const record = live && effect.outcome === 'answered' ? await recordOf(this.options.scheduler, live) : null;
    const interaction = interactionFromCall(effect, {
      agentId: this.options.agentId(),
      number: pop ? (pop.lookup?.normalized ?? pop.number) : null,
      customerId: pop?.customerId ?? null,
      caseId: pop?.caseId ?? null,
      sipCallId: null,
      quality: record ? qualityOf(record.quality) : null,
      doNotCallOverride: live?.doNotCallOverride,
      ...(record?.recordingPauses ? { recordingPauses: record.recordingPauses } : {}),
    });
    await this.options.store.logInteraction(interaction);
    if (pop) pop.logged = true;
    await this.workWasLogged(interaction.customerId);
    if (live) this.calls.delete(effect.callId);
    if (
      effect.outcome === 'answered' &&
      effect.purpose === 'customer' &&
      this.service.state.owed.some((o) => o.interactionId === effect.interactionId)
    ) {
      const match = pop?.lookup?.matches.find((m) => m.customer.id === pop.customerId);
      this.wrapUps.set(effect.interactionId, {
        interactionId: effect.interactionId,
        draft: this.suggestIncident(newWrapUpDraft(effect.interactionId, interaction.agentId, this.options.scheduler.now())),
        number: interaction.number,
        customerId: interaction.customerId,
        customerName: match?.customer.name ?? null,
        caseId: interaction.caseId,
        endedAt: interaction.endedAt,
      });
    }
  }

  private async recordAfterCallWork(effect: Extract<AgentEffect, { type: 'acw-ended' }>): Promise<void> {
    for (const [interactionId, seconds] of afterCallWorkOf(effect)) {
      const stored = this.acwStored.get(interactionId);
      this.acwStored.delete(interactionId);
      if (stored === seconds) continue;
      const row = await this.options.store.getInteraction(interactionId);
      if (!row) continue;
      const { wrapUp: _wrapUp, ...interaction } = row;
      await this.options.store.logInteraction({ ...interaction, afterCallWorkSeconds: seconds });
    }
  }

  // ------------------------------------------------------------------ the view

  /**
   * The contact on screen. It is the live call's own pop: the customer and case the contact desk
   * files it under are what the call is logged with when it ends.
   */
  get contact(): ScreenPop | null {
    return this.onScreen;
  }

  /** The open wrap-up (if any) follows its contact to another customer or case. */
  refileWrapUp(interactionId: string, filing: Partial<Pick<OpenWrapUp, 'customerId' | 'caseId' | 'customerName'>>): void {
    const open = this.wrapUps.get(interactionId);
    if (open) Object.assign(open, filing);
  }

  view(): AgentDeskView {
    const config = this.options.config();
    const owed = new Set(this.service.state.owed.map((o) => o.interactionId));
    for (const id of [...this.wrapUps.keys()]) if (!owed.has(id)) this.wrapUps.delete(id);
    const wrapUps = [...this.wrapUps.values()].sort((a, b) => (a.endedAt ?? 0) - (b.endedAt ?? 0)).slice(-MAX_WRAP_UPS_SHOWN);
    return {
      now: this.options.scheduler.now(),
      agent: this.service.view(),
      reasons: config.notReadyReasons.filter((r) => r.active && !r.system).map((r) => ({ code: r.code, label: r.label })),
      wrapUpCodes: config.wrapUpCodes
        .filter((c) => c.active)
        .map((c) => ({ code: c.code, label: c.label, category: c.category, needsNote: c.needsNote, triggers: [...c.triggers] })),
      policy: {
        acwSeconds: config.afterCallWork.seconds,
        onExpiry: config.afterCallWork.onExpiry,
        notesMaxLength: config.wrapUp.notesMaxLength,
        callbackMinLeadMinutes: config.wrapUp.callback.minLeadMinutes,
      },
      wrapUps,
      contact: this.onScreen ? { ...this.onScreen } : null,
      timeline: this.timeline.of(this.onScreen?.customerId ?? null),
      workLogged: this.workLogged,
      crmPages: crmPagesOnScreen(this.options.crmPages, this.onScreen),
    };
  }

  /**
   * Pushes the view once for the changes made until the event loop turns (ViewPush). Every queued
   * call row is followed by a view, so holding one back while a row is pending loses nothing.
   */
  emitView(): void {
    this.push.changed();
  }

  /** Resolves when every store write queued so far is done, and the view push that follows them (tests, shutdown). */
  async settled(): Promise<void> {
    await this.work;
    await this.push.flushed();
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
    if (!result.ok) throw new BridgeError('conflict', result.error.text);
    await this.work;
    return this.view();
  }

  async extendWrapUp(): Promise<AgentDeskView> {
    const result = this.service.dispatch({ type: 'extend-acw' });
    if (!result.ok) throw new BridgeError('conflict', result.error.text);
    await this.work;
    return this.view();
  }

  private openWrapUp(interactionId: string): OpenWrapUp {
    const open = this.wrapUps.get(interactionId);
    if (!open) throw new BridgeError('not-found', userText('agent.state.noOpenWrapUp'));
    return open;
  }

  /** Serialised with the store writes so edits are stored in the order they were made. */
  serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.work.then(task);
    this.work = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  /** A new draft linked to the outage going on, if any: suggested, so the agent only unticks it when the call was about something else. */
  private suggestIncident(draft: WrapUpRecord): WrapUpRecord {
    const incidentId = this.options.incidentToSuggest?.() ?? null;
    return incidentId === null ? draft : { ...draft, incidentId };
  }

  /** Applies the edits in order and saves the draft once; the view it answers carries it. */
  async saveWrapUpDraft(interactionId: string, changes: readonly WrapUpChange[]): Promise<AgentDeskView> {
    await this.serial(() => this.saveDraft(interactionId, changes));
    return this.view();
  }

  private async saveDraft(interactionId: string, changes: readonly WrapUpChange[]): Promise<OpenWrapUp> {
    const open = this.openWrapUp(interactionId);
    if (changes.length === 0) return open;
    const config = this.options.config();
    let draft: WrapUpRecord = open.draft;
    for (const change of changes) {
      const result = applyDraftChange(draft, change, {
        catalog: config.wrapUpCodes,
        policy: config.wrapUp,
        now: this.options.scheduler.now(),
        defaultNumber: open.number,
      });
      if (!result.ok) throw refusalError('invalid-payload', result);
      draft = result.value;
    }
    await this.options.store.saveWrapUp(draft);
    open.draft = draft;
    return open;
  }

  /**
   * The interaction rows, with their after-call work, that submitting this wrap-up now would end
   * (the state machine's own answer, asked without changing it).
   */
  private async afterCallWorkEndedBy(interactionId: string, at: number): Promise<Interaction[]> {
    const preview = transition(this.service.state, { type: 'wrap-up-submitted', interactionId, at }, agentPolicyOf(this.options.config()));
    const ended = preview.ok ? preview.effects.find((e) => e.type === 'acw-ended') : undefined;
    if (!ended) return [];
    const rows: Interaction[] = [];
    for (const [id, seconds] of afterCallWorkOf(ended)) {
      const row = await this.options.store.getInteraction(id);
      if (!row) continue;
      const { wrapUp: _wrapUp, ...interaction } = row;
      rows.push({ ...interaction, afterCallWorkSeconds: seconds });
    }
    return rows;
  }

  /** Saves the edits not saved yet, submits, and answers the new view. */
  async submitWrapUp(interactionId: string, changes: readonly WrapUpChange[] = []): Promise<AgentDeskView> {
    let submittedAt = this.options.scheduler.now();
    await this.serial(async () => {
      const open = await this.saveDraft(interactionId, changes);
      const config = this.options.config();
      const now = this.options.scheduler.now();
      const result = submitWrapUp(open.draft, { catalog: config.wrapUpCodes, policy: config.wrapUp, now });
      if (!result.ok) throw refusalError('invalid-payload', result);
      // The after-call work this submit ends goes in the same commit as the wrap-up: one change to the work log, one for sync to send.
      const afterCallWork = await this.afterCallWorkEndedBy(interactionId, now);
      await this.options.store.commitLocal([
        { kind: 'wrap-up', record: result.value.record },
        ...afterCallWork.map((record) => ({ kind: 'interaction' as const, record })),
      ]);
      for (const record of afterCallWork) this.acwStored.set(record.id, record.afterCallWorkSeconds);
      submittedAt = now;
      open.draft = result.value.record;
      const cb = result.value.actions.callback;
      if (cb) this.options.reminders.schedule({ interactionId, at: cb.at, remindAt: cb.remindAt });
      await this.workWasLogged(open.customerId);
    });
    this.wrapUps.delete(interactionId);
    const result = this.service.dispatch({ type: 'wrap-up-submitted', interactionId, at: submittedAt });
    if (!result.ok) this.options.log.info('wrap-up submitted outside the state machine', { code: result.error.code });
    await this.work;
    this.emitView();
    return this.view();
  }

  /** Work logged by the contact desk (a contact that was not a call). */
  async contactLogged(customerId: string | null): Promise<void> {
    await this.workWasLogged(customerId);
    this.emitView();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.push.close();
    this.popFirst.close();
    for (const off of this.offs.splice(0)) off();
    await this.work.catch(() => undefined);
    await this.service.close();
  }
}
