import { randomUUID } from 'node:crypto';
import type { AgentDeskView, LogContactRequest, PopMatch } from '../../shared/agent/contract';
import type { CustomerDetail } from '../../shared/store/contract';
import { OPEN_CASE_STATUSES, POP_OPEN_CASES, POP_RECENT_CONTACTS, type Customer } from '../../shared/store/types';
import { BridgeError, refusalError } from '../../shared/bridge/errors';
import { userText } from '../../shared/text/user-text';
import type { WorkflowConfig } from '../../shared/config/workflow';
import { logManualContact, moveToCase } from '../../shared/agent/interactions';
import type { Interaction, WrapUpRecord } from '../../shared/agent/records';
import { applyDraftChange, newWrapUpDraft, submitWrapUp } from '../../shared/agent/wrap-up';
import type { RecordEditPort, ScreenPopPort, WorkLogPort } from '../store/ports';
import type { CallLoop, CallLoopOptions } from './call-loop';
import type { Scheduler } from '../core/scheduler';

export interface ContactDeskOptions {
  store: ScreenPopPort & WorkLogPort & RecordEditPort;
  /** The contact on screen, its open wrap-up, and the order of the store writes. */
  loop: Pick<CallLoop, 'contact' | 'serial' | 'refileWrapUp' | 'view' | 'emitView' | 'refreshTimeline' | 'contactLogged'>;
  config: () => WorkflowConfig;
  agentId: () => string;
  scheduler: Scheduler;
  emit: CallLoopOptions['emit'];
}

/**
 * The agent's contact desk: files the contact on screen under a customer (found by search or
 * created on the spot) and case, moves a logged contact to another case, logs contacts that were
 * not calls. Its store writes go through the call loop's queue,
 * so a call row and the agent's refiling of it land in the order they happened.
 */
export class ContactDesk {
  private readonly store: ContactDeskOptions['store'];
  private readonly loop: ContactDeskOptions['loop'];

  constructor(private readonly options: ContactDeskOptions) {
    this.store = options.store;
    this.loop = options.loop;
  }

  async pickCustomer(customerId: string, caseId: string | null, options: { saveNumber?: boolean } = {}): Promise<AgentDeskView> {
    const contact = this.loop.contact;
    if (!contact) throw new BridgeError('conflict', userText('agent.errors.noContactToFile'));
    const detail = await this.store.getCustomer(customerId);
    if (!detail) throw new BridgeError('not-found', userText('agent.errors.customerGone'));
    if (caseId !== null && !detail.cases.some((c) => c.id === caseId))
      throw new BridgeError('not-found', userText('agent.errors.caseNotTheCustomers'));
    const number = contact.lookup?.normalized ?? null;
    let customer = detail.customer;
    if (options.saveNumber) {
      if (!number) throw new BridgeError('invalid-payload', userText('agent.errors.numberNotFull'));
      if (!customer.phones.some((p) => p.number === number)) {
        ({ record: customer } = await this.store.updateCustomer(
          customerId,
          { phones: [...customer.phones, { number, label: null }] },
          customer.version,
        ));
      }
    }
    const lookup = contact.lookup ?? { normalized: null, matchedBy: 'none' as const, matches: [], truncated: false };
    const others = lookup.matches.filter((m) => m.customer.id !== customerId);
    const shown = lookup.matches.find((m) => m.customer.id === customerId);
    // A customer the agent found by search is shown as a pop would show them, first.
    const match = shown ? { ...shown, customer } : popMatchOf(detail, customer, number);
    contact.lookup = {
      ...lookup,
      matches: shown ? lookup.matches.map((m) => (m.customer.id === customerId ? match : m)) : [match, ...others],
    };
    contact.customerId = customerId;
    contact.caseId = caseId;
    await this.refile(contact.interactionId, customerId, caseId, customer.name);
    await this.loop.refreshTimeline();
    this.loop.emitView();
    return this.loop.view();
  }

  async createCustomer(name: string): Promise<AgentDeskView> {
    const contact = this.loop.contact;
    if (!contact) throw new BridgeError('conflict', userText('agent.errors.noContactForCustomer'));
    const number = contact.lookup?.normalized ?? contact.number;
    const { record } = await this.store.createCustomer({ name, phones: number ? [number] : [] });
    contact.customerId = record.id;
    contact.caseId = null;
    contact.lookup = {
      normalized: contact.lookup?.normalized ?? null,
      matchedBy: 'exact',
      matches: [{ customer: record, matchedNumber: number, openCases: [], recentInteractions: [] }],
      truncated: false,
    };
    await this.refile(contact.interactionId, record.id, null, record.name);
    await this.loop.refreshTimeline();
    this.loop.emitView();
    return this.loop.view();
  }

  /** The contact's row (if already logged) and its open wrap-up follow the agent's choice. */
  private async refile(interactionId: string, customerId: string, caseId: string | null, customerName: string): Promise<void> {
    await this.loop.serial(async () => {
      const row = await this.store.getInteraction(interactionId);
      if (row) {
        const { wrapUp: _wrapUp, ...interaction } = row;
        await this.store.logInteraction(moveToCase(interaction, caseId, customerId));
      }
      this.loop.refileWrapUp(interactionId, { customerId, caseId, customerName });
    });
  }

  async moveInteraction(
    interactionId: string,
    to: { caseId: string } | { newCase: { subject: string; priority?: 'P1' | 'P2' | 'P3' | 'P4' } },
  ): Promise<Interaction> {
    const row = await this.store.getInteraction(interactionId);
    if (!row) throw new BridgeError('not-found', userText('agent.errors.contactNotLogged'));
    const { wrapUp: _wrapUp, ...interaction } = row;
    let caseId: string;
    let customerId = interaction.customerId;
    if ('caseId' in to) {
      const detail = await this.store.getCase(to.caseId);
      if (!detail) throw new BridgeError('not-found', userText('agent.errors.caseGone'));
      caseId = detail.case.id;
      customerId = detail.case.customerId;
    } else {
      if (!customerId) throw new BridgeError('conflict', userText('agent.errors.customerFirst'));
      const { record } = await this.store.createCase({ customerId, subject: to.newCase.subject, priority: to.newCase.priority ?? 'P3' });
      caseId = record.id;
    }
    const moved = moveToCase(interaction, caseId, customerId);
    await this.loop.serial(() => this.store.logInteraction(moved).then(() => undefined));
    const contact = this.loop.contact;
    if (contact?.interactionId === interactionId) {
      contact.caseId = caseId;
      contact.customerId = customerId;
    }
    this.loop.refileWrapUp(interactionId, { caseId, customerId });
    await this.loop.contactLogged(customerId);
    return moved;
  }

  async logContact(request: LogContactRequest): Promise<Interaction> {
    const now = this.options.scheduler.now();
    const agentId = this.options.agentId();
    const built = logManualContact({ ...request, id: randomUUID(), agentId, afterCallWorkSeconds: 0 }, now);
    if (!built.ok) throw refusalError('invalid-payload', built);
    // Notes are kept with the contact's code (its wrap-up); without one they would be dropped unseen.
    if (request.code === null && request.notes.trim() !== '') {
      throw new BridgeError('invalid-payload', userText('agent.errors.codeForNotes'), ['code: required when there are notes']);
    }
    const config = this.options.config();
    let wrapUp: WrapUpRecord | null = null;
    if (request.code !== null) {
      let draft = newWrapUpDraft(built.value.id, agentId, now);
      for (const change of [
        { kind: 'code', code: request.code },
        { kind: 'notes', notes: request.notes },
      ] as const) {
        const applied = applyDraftChange(draft, change, {
          catalog: config.wrapUpCodes,
          policy: config.wrapUp,
          now,
          defaultNumber: request.number,
        });
        if (!applied.ok) throw refusalError('invalid-payload', applied);
        draft = applied.value;
      }
      const submitted = submitWrapUp(draft, { catalog: config.wrapUpCodes, policy: config.wrapUp, now });
      if (!submitted.ok) throw refusalError('invalid-payload', submitted);
      wrapUp = submitted.value.record;
    }
    await this.loop.serial(async () => {
      await this.store.commitLocal([
        { kind: 'interaction', record: built.value },
        ...(wrapUp ? [{ kind: 'wrap-up' as const, record: wrapUp }] : []),
      ]);
    });
    await this.loop.contactLogged(built.value.customerId);
    return built.value;
  }
}

/** What a screen pop shows for a customer, from the customer view: their open cases (newest first) and last contacts. */
export function popMatchOf(detail: CustomerDetail, customer: Customer, number: string | null): PopMatch {
  const open = new Set<string>(OPEN_CASE_STATUSES);
  return {
    customer,
    matchedNumber: number !== null && customer.phones.some((p) => p.number === number) ? number : '',
    openCases: detail.cases.filter((c) => open.has(c.status)).slice(0, POP_OPEN_CASES),
    recentInteractions: detail.recentInteractions.slice(0, POP_RECENT_CONTACTS),
  };
}
