import type { Callback, CaseStatus, EscalationRecord, Interaction, Priority, WrapUpRecord } from '../../../../shared/store/types';
import type { SalesforceFieldMapping } from '../../../../shared/sync/salesforce-fields';
import { userText, type UserText } from '../../../../shared/text/user-text';
import { SourceError, type PushItem, type PushOutcome } from '../../case-source';
import { sfRecord, type SfRecord } from './salesforce-api';
import type { SalesforceClient } from './salesforce-client';
import { accountError, describeErrors, isAnswerError, type SalesforceAnswerError } from './salesforce-errors';
import {
  CASE_ID_PREFIX,
  CONTACT_ID_PREFIX,
  priorityOut,
  salesforceIdOf,
  statusOut,
  toPulledCase,
  unmodifiedSince,
  versionOf,
} from './salesforce-mapping';
import { caseFields } from './salesforce-soql';
import { TaskWriter, type TaskEntry } from './salesforce-task-writer';
import { callTask, callbackTask, callbackTaskKey, escalationTask, escalationTaskKey, wrapUpTask } from './salesforce-tasks';

/**
 * Outbox rows → Salesforce (what the store queues is described in electron/sync/change-mapping.ts):
 *
 * | outbox row                | Salesforce                                                                |
 * |---------------------------|---------------------------------------------------------------------------|
 * | interaction upsert        | the call's Task, upserted by its id (salesforce-tasks.ts)                  |
 * | wrap-up submit            | the same Task: CallDisposition = the code, the notes in Description        |
 * | callback upsert           | a Task due on the callback's day                                          |
 * | case update               | PATCH Case with If-Unmodified-Since: 412 is a conflict, shown to the agent |
 * | escalation create         | PATCH Case: Priority, the escalated Status, the group's owner (user or queue), and the step as a Task |
 * | escalation update         | the step's Task again (acknowledged, resolved)                            |
 * | case/customer create, customer update, deletes | refused in one sentence: Salesforce keeps those  |
 *
 * Tasks of many rows go in one sObject Collections upsert of up to 200 (salesforce-task-writer.ts);
 * each record's own result decides its row, so one failed record parks only its row.
 *
 * Exactly once: every Task is an upsert by its external id, so a repeat updates the Task the first
 * attempt made. A case edit is a conditional PATCH of the version it was based on; when its answer
 * was lost and the repeat meets 412, the case already holding the edit's values means it applied.
 */

export interface PusherOptions {
  client: SalesforceClient;
  mapping: SalesforceFieldMapping;
  /** The external-id field on Task (`salesforceCallIdField`). */
  callIdField: string;
  host: string;
  now: () => number;
}

type Result = PushOutcome | SourceError;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function refused(code: string, message: UserText): PushOutcome {
  return { kind: 'rejected', code, message };
}

const APPLIED: PushOutcome = { kind: 'applied', version: null, replayed: false };

/** A row that becomes one Task write, or an outcome decided without Salesforce, or work of its own (case edits). */
type Plan = { task: TaskEntry } | { outcome: PushOutcome } | { run: (signal?: AbortSignal) => Promise<PushOutcome> };

export class SalesforcePusher {
  private readonly tasks: TaskWriter;

  constructor(private readonly options: PusherOptions) {
    this.tasks = new TaskWriter(options);
  }

  async push(item: PushItem, signal?: AbortSignal): Promise<PushOutcome> {
    const [result] = await this.pushMany([item], signal);
    if (result instanceof SourceError) throw result;
    return result!;
  }

  /**
   * Several rows at once, none depending on another (the outbox hands out one row per ordering
   * key): their Tasks in Collections upserts, case edits one by one. Answers in the items' order.
   */
  async pushMany(items: PushItem[], signal?: AbortSignal): Promise<Result[]> {
    const results: Result[] = new Array<Result>(items.length);
    const taskEntries: { index: number; entry: TaskEntry }[] = [];
    const work: { index: number; run: (signal?: AbortSignal) => Promise<PushOutcome> }[] = [];
    items.forEach((item, index) => {
      const plan = this.plan(item);
      if ('task' in plan) taskEntries.push({ index, entry: plan.task });
      else if ('outcome' in plan) results[index] = plan.outcome;
      else work.push({ index, run: plan.run });
    });
    if (taskEntries.length > 0) {
      const written = await this.tasks.upsert(
        taskEntries.map((t) => t.entry),
        signal,
      );
      taskEntries.forEach((t, i) => (results[t.index] = written[i]!));
    }
    for (const { index, run } of work) {
      if (signal?.aborted) {
        results[index] = new SourceError('aborted', 'aborted', userText('sync.error.stopped'));
        continue;
      }
      results[index] = await this.settle(run, signal);
    }
    return results;
  }

  private async settle(run: (signal?: AbortSignal) => Promise<PushOutcome>, signal?: AbortSignal): Promise<Result> {
    try {
      return await run(signal);
    } catch (error) {
      if (error instanceof SourceError) return error;
      if (isAnswerError(error)) return this.answerResult(error);
      throw error;
    }
  }

  /** What a refusal means for one row: the org's trouble for all rows, or this row's refusal. */
  private answerResult(answer: SalesforceAnswerError): Result {
    const account = accountError(answer, this.options.host, 'change', this.options.now());
    if (account) return account;
    const detail = describeErrors(answer.errors) ?? `HTTP ${answer.status}`;
    if (answer.status === 404 || answer.has('ENTITY_IS_DELETED')) {
      return refused('salesforce-case-gone', userText('sync.salesforceRefusal.caseGoneChanging'));
    }
    return refused(
      `salesforce-${answer.code.toLowerCase()}`,
      userText('sync.salesforceRefusal.refusedChangingCase', { detail: detail.slice(0, 400) }),
    );
  }

  private plan(item: PushItem): Plan {
    const p = item.payload;
    if (!isObject(p))
      return {
        outcome: refused(
          'unsupported-change',
          userText('sync.refusal.noRecord', { id: item.id, kind: item.entityKind, operation: item.operation }),
        ),
      };
    switch (`${item.entityKind}:${item.operation}`) {
      case 'interaction:upsert': {
        const interaction = p as unknown as Interaction;
        if (typeof interaction.id !== 'string' || typeof interaction.startedAt !== 'number')
          return { outcome: refused('unsupported-change', userText('sync.refusal.contactIncomplete')) };
        return { task: { key: interaction.id, fields: callTask(interaction), replayable: true } };
      }
      case 'wrap-up:submit': {
        const wrapUp = p as unknown as WrapUpRecord;
        if (typeof wrapUp.interactionId !== 'string')
          return { outcome: refused('unsupported-change', userText('sync.refusal.wrapUpNoContact')) };
        return { task: { key: wrapUp.interactionId, fields: wrapUpTask(wrapUp, item.related?.interaction ?? null), replayable: false } };
      }
      case 'callback:upsert': {
        const callback = p as unknown as Callback;
        if (typeof callback.id !== 'string') return { outcome: refused('unsupported-change', userText('sync.refusal.callbackNoId')) };
        return { task: { key: callbackTaskKey(callback), fields: callbackTask(callback), replayable: false } };
      }
      case 'escalation:create':
      case 'escalation:update': {
        const escalation = p as unknown as EscalationRecord;
        if (typeof escalation.id !== 'string') return { outcome: refused('unsupported-change', userText('sync.refusal.escalationNoId')) };
        const task: TaskEntry = { key: escalationTaskKey(escalation), fields: escalationTask(escalation), replayable: false };
        // Later revisions (acknowledged, resolved) only update the step's Task: the case is Tier 2's from here.
        if (item.operation === 'update') return { task };
        return { run: (signal) => this.escalate(escalation, task, signal) };
      }
      case 'case:update':
        return { run: (signal) => this.updateCase(item, p, signal) };
      case 'case:create':
        return {
          outcome: refused('unsupported-change', userText('sync.salesforceRefusal.noCreateCases')),
        };
      case 'customer:create':
      case 'customer:update':
        return {
          outcome: refused('unsupported-change', userText('sync.salesforceRefusal.noChangeContacts')),
        };
      case 'case:delete':
      case 'customer:delete':
        return {
          outcome: refused(
            'unsupported-change',
            userText(item.entityKind === 'case' ? 'sync.salesforceRefusal.noDeleteCases' : 'sync.salesforceRefusal.noDeleteContacts'),
          ),
        };
      default:
        return {
          outcome: refused(
            'unsupported-change',
            userText('sync.refusal.noPlace', { crm: 'Salesforce', kind: item.entityKind, operation: item.operation }),
          ),
        };
    }
  }

  // ------------------------------------------------------------------ cases

  /** The case's fields a patch sets, as Salesforce values; the reason when the patch cannot be written. */
  private caseFieldsOf(patch: Record<string, unknown>): { fields: Record<string, string> } | { refusal: UserText } {
    const map = this.options.mapping;
    const fields: Record<string, string> = {};
    if (typeof patch.status === 'string') fields[map.case.status] = statusOut(patch.status as CaseStatus, map);
    if (typeof patch.priority === 'string') fields[map.case.priority] = priorityOut(patch.priority as Priority, map);
    if (typeof patch.subject === 'string') fields[map.case.subject] = patch.subject;
    if (typeof patch.description === 'string' && map.case.description !== null) fields[map.case.description] = patch.description;
    if (typeof patch.customerId === 'string') {
      const contact = salesforceIdOf(patch.customerId, CONTACT_ID_PREFIX);
      if (contact === null) return { refusal: userText('sync.salesforceRefusal.newCustomerUnknown', { customer: patch.customerId }) };
      fields[map.case.contact] = contact;
    }
    return { fields };
  }

  private async updateCase(item: PushItem, payload: Record<string, unknown>, signal?: AbortSignal): Promise<PushOutcome> {
    const patch = isObject(payload.patch) ? payload.patch : null;
    if (!patch) return refused('unsupported-change', userText('sync.refusal.noPatch', { id: item.id }));
    const caseId = salesforceIdOf(item.entityId, CASE_ID_PREFIX);
    if (caseId === null) return refused('salesforce-case-unknown', userText('sync.salesforceRefusal.caseUnknown', { case: item.entityId }));
    const planned = this.caseFieldsOf(patch);
    if ('refusal' in planned) return refused('salesforce-customer-unknown', planned.refusal);
    const { fields } = planned;
    if (Object.keys(fields).length === 0) return APPLIED;
    const base = typeof payload.baseVersion === 'number' ? payload.baseVersion : null;
    const expected = item.overrideVersion ?? (typeof item.localVersion === 'number' ? Math.max(item.localVersion, base ?? 0) : base);
    const conn = await this.options.client.connect(signal);
    const headers: Record<string, string> = expected === null ? {} : { 'If-Unmodified-Since': unmodifiedSince(expected) };
    try {
      await conn.sobject('Case').update({ Id: caseId, ...fields }, { headers });
    } catch (error) {
      if (!(isAnswerError(error) && error.status === 412)) throw error;
      const current = await this.readCase(caseId, signal);
      if (current === null) return refused('salesforce-case-gone', userText('sync.salesforceRefusal.caseGone'));
      const currentVersion = versionOf(current);
      // The answer to an earlier attempt was lost, and that attempt had applied: nothing left to do.
      if (Object.entries(fields).every(([name, value]) => sameValue(current[name], value))) {
        return { kind: 'applied', version: currentVersion, replayed: true };
      }
      return {
        kind: 'conflict',
        currentVersion,
        current: toPulledCase(current, this.options.mapping) as unknown as Record<string, unknown>,
        message: userText('sync.refusal.caseChanged', { crm: 'Salesforce', at: new Date(currentVersion).toISOString() }),
      };
    }
    const after = await this.readCase(caseId, signal);
    return { kind: 'applied', version: after === null ? null : versionOf(after), replayed: false };
  }

  /** An escalation's case change (on top of what the case is now: the escalation decides) and its step as a Task. */
  private async escalate(escalation: EscalationRecord, task: TaskEntry, signal?: AbortSignal): Promise<PushOutcome> {
    const caseId = salesforceIdOf(escalation.caseId, CASE_ID_PREFIX);
    if (caseId !== null) {
      const map = this.options.mapping;
      const fields: Record<string, string> = {
        [map.case.priority]: priorityOut(escalation.priority, map),
        [map.case.status]: map.escalatedStatus,
      };
      const owner = map.escalationOwners[escalation.group];
      if (owner !== undefined) fields[map.case.owner] = owner;
      const conn = await this.options.client.connect(signal);
      await conn.sobject('Case').update({ Id: caseId, ...fields });
    }
    const [written] = await this.tasks.upsert([task], signal);
    if (written instanceof SourceError) throw written;
    return written!;
  }

  /** The case as it is now, with the fields the mapping reads; null when it is gone. */
  private async readCase(caseId: string, signal?: AbortSignal): Promise<SfRecord | null> {
    const conn = await this.options.client.connect(signal);
    try {
      const record = await conn.sobject('Case').retrieve(caseId, { fields: caseFields(this.options.mapping) });
      const parsed = sfRecord.safeParse(record);
      if (!parsed.success)
        throw new SourceError('protocol', 'bad-shape', userText('sync.salesforce.caseNotUnderstood', { host: this.options.host }));
      return parsed.data;
    } catch (error) {
      if (isAnswerError(error) && (error.status === 404 || error.has('ENTITY_IS_DELETED'))) return null;
      throw error;
    }
  }
}

function sameValue(current: unknown, wanted: string): boolean {
  if (typeof current === 'string') return current.trim() === wanted.trim();
  return current === wanted;
}
