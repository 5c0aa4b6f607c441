import { randomUUID } from 'node:crypto';
import { localChange, type LocalChange } from '../../../shared/store/schemas';
import { scriptRunsSchema } from '../../../shared/scripts/script-run';
import type { Interaction } from '../../../shared/agent/records';
import type { Callback, Customer, EntityKind } from '../../../shared/store/types';
import { StoreError } from '../errors';
import { FieldProblems } from './field-problems';
import { userText } from '../../../shared/text/user-text';
import { isPhoneProblem, readPhone, type NormalizedPhone } from '../import/records';
import type { CommitResult, CommittedRecord, QueuedOutboxRow } from '../protocol';
import type { Db } from './connection';
import type { Outbox } from './outbox';
import type { RecordWriter } from './record-writer';
import {
  callbackParams,
  escalationParams,
  interactionParams,
  toCase,
  toCustomer,
  toEscalation,
  toInteraction,
  toWrapUp,
  wrapUpParams,
  type CallbackRow,
  type CaseRow,
  type CustomerRow,
  type EscalationRow,
  type InteractionRow,
  type WrapUpRow,
} from './records';

/** INSERT … ON CONFLICT(key) DO UPDATE of every column except `keep` (e.g. created_at). */
function upsert(db: Db, table: string, key: string, columns: string[], keep: string[] = []) {
  const updates = columns.filter((c) => c !== key && !keep.includes(c)).map((c) => `${c} = excluded.${c}`);
  return db.prepare(
    `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})
     ON CONFLICT(${key}) DO UPDATE SET ${updates.join(', ')}`,
  );
}

type Parsed = ReturnType<typeof localChange.parse>;

export interface LocalChangeContext {
  phoneRegion: string;
  now(): number;
}

/**
 * Agent work and local edits: each change is checked, written, and queued
 * in the outbox in the same transaction (design rule 5). A refused change
 * refuses the whole commit; nothing is half-written.
 */
export function createLocalChanges(db: Db, outbox: Outbox, records: RecordWriter, ctx: LocalChangeContext) {
  const s = {
    interaction: db.prepare<[string], InteractionRow>('SELECT * FROM interactions WHERE id = ?'),
    upsertInteraction: upsert(
      db,
      'interactions',
      'id',
      [
        'id',
        'agent_id',
        'channel',
        'direction',
        'outcome',
        'number',
        'started_at',
        'answered_at',
        'ended_at',
        'talk_s',
        'hold_s',
        'acw_s',
        'customer_id',
        'case_id',
        'sip_call_id',
        'quality',
        'dnc_override',
        'recording_pauses',
        'guided_scripts',
        'created_at',
        'updated_at',
      ],
      ['created_at'],
    ),
    wrapUpOf: db.prepare<[string], WrapUpRow>('SELECT * FROM wrapups WHERE interaction_id = ?'),
    scriptRunsOf: db.prepare<[string], { runs: string }>('SELECT runs FROM script_runs WHERE interaction_id = ?'),
    saveScriptRuns: db.prepare(
      `INSERT INTO script_runs (interaction_id, runs, updated_at) VALUES (?, ?, ?)
       ON CONFLICT(interaction_id) DO UPDATE SET runs = excluded.runs, updated_at = excluded.updated_at`,
    ),
    upsertWrapUp: upsert(db, 'wrapups', 'interaction_id', [
      'interaction_id',
      'agent_id',
      'state',
      'code',
      'notes',
      'resolved_first_contact',
      'callback',
      'do_not_call',
      'incident_id',
      'revision',
      'updated_at',
      'submitted_at',
    ]),
    callback: db.prepare<[string], CallbackRow>('SELECT * FROM callbacks WHERE id = ?'),
    upsertCallback: upsert(
      db,
      'callbacks',
      'id',
      [
        'id',
        'customer_id',
        'case_id',
        'interaction_id',
        'number',
        'due_at',
        'remind_at',
        'note',
        'state',
        'created_at',
        'updated_at',
        'completed_at',
        'outcome',
        'hand_back_reason',
      ],
      ['created_at'],
    ),
    addDoNotCall: db.prepare('INSERT OR IGNORE INTO do_not_call (number, customer_id, interaction_id, created_at) VALUES (?, ?, ?, ?)'),
    escalation: db.prepare<[string], EscalationRow>('SELECT * FROM escalations WHERE id = ?'),
    upsertEscalation: upsert(db, 'escalations', 'id', [
      'id',
      'agent_id',
      'source',
      'interaction_id',
      'case_id',
      'customer_id',
      'tier',
      'grp',
      'priority',
      'summary',
      'customer_expectation',
      'troubleshooting_done',
      'next_steps',
      'created_at',
      'acknowledge_by',
      'resolve_by',
      'acknowledged_at',
      'resolved_at',
      'warm_transfer_at',
      'chain',
      'revision',
      'updated_at',
    ]),
    caseById: db.prepare<[string], CaseRow>('SELECT * FROM cases WHERE id = ?'),
    insertCase: db.prepare(
      `INSERT INTO cases (id, customer_id, subject, description, status, priority, created_at, updated_at, version, dirty)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, 1)`,
    ),
    updateCase: db.prepare(
      `UPDATE cases SET customer_id = ?, subject = ?, description = ?, status = ?, priority = ?, updated_at = ?, dirty = 1 WHERE id = ?`,
    ),
    customerById: db.prepare<[string], CustomerRow>('SELECT * FROM customers WHERE id = ?'),
    phonesOf: db.prepare<[string], { number: string; label: string | null }>(
      'SELECT number, label FROM customer_phones WHERE customer_id = ? ORDER BY position',
    ),
    insertCustomer: db.prepare(
      `INSERT INTO customers (id, name, email, company, segment, do_not_call, notes, created_at, updated_at, version, dirty)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, 1)`,
    ),
    updateCustomer: db.prepare(
      `UPDATE customers SET name = ?, email = ?, company = ?, segment = ?, do_not_call = ?, notes = ?, updated_at = ?, dirty = 1 WHERE id = ?`,
    ),
  };

  const customerRecord = (id: string): Customer | null => {
    const row = s.customerById.get(id);
    return row ? toCustomer(row, s.phonesOf.all(id)) : null;
  };

  function phones(list: (string | { number: string; label: string | null })[], field: string, problems: FieldProblems): NormalizedPhone[] {
    const out: NormalizedPhone[] = [];
    list.forEach((p, i) => {
      const raw = typeof p === 'string' ? p : p.number;
      const read = readPhone(raw, typeof p === 'string' ? null : p.label, { phoneRegion: ctx.phoneRegion, strictPhones: true });
      if (isPhoneProblem(read)) problems.add(`${field}.${i}`, read);
      else if (!out.some((o) => o.number === read.number)) out.push(read);
    });
    return out;
  }

  function queue(
    kind: EntityKind,
    id: string,
    parents: [EntityKind, string | null][],
    fallback: string,
    operation: string,
    payload: unknown,
    now: number,
  ): QueuedOutboxRow {
    const orderingKey = outbox.keyFor([kind, id], parents, fallback);
    return outbox.enqueue({ entityKind: kind, entityId: id, orderingKey, operation, payload, now });
  }

  function apply(change: Parsed, now: number, queued: QueuedOutboxRow[]): CommittedRecord {
    switch (change.kind) {
      case 'interaction': {
        // A call's row is written when it ends, by a writer that knows nothing of scripts: the runs
        // ticked until then (kept since the first tick, whatever crashed in between) join it here.
        const kept = change.record.guidedScripts === undefined ? s.scriptRunsOf.get(change.record.id) : undefined;
        const record = kept ? { ...change.record, guidedScripts: scriptRunsSchema.parse(JSON.parse(kept.runs)) } : change.record;
        const existing = s.interaction.get(record.id);
        s.upsertInteraction.run(interactionParams(record, existing?.created_at ?? now, now));
        const parents: [EntityKind, string | null][] = [
          ['case', record.caseId],
          ['customer', record.customerId],
        ];
        queued.push(queue('interaction', record.id, parents, record.caseId ?? record.customerId ?? record.id, 'upsert', record, now));
        return { kind: 'interaction', record };
      }
      case 'wrap-up': {
        const record = change.record;
        const interaction = s.interaction.get(record.interactionId);
        if (!interaction)
          throw new StoreError('not-found', userText('store.record.wrapUpWithoutContact'), ['record.interactionId: no such interaction']);
        const existing = s.wrapUpOf.get(record.interactionId);
        if (existing?.state === 'submitted') {
          if (record.state === 'submitted' && record.revision === existing.revision) return { kind: 'wrap-up', record: toWrapUp(existing) };
          throw new StoreError('conflict', userText('store.record.wrapUpSubmitted'));
        }
        // Drafts can arrive out of order after a reload: the newest revision wins.
        if (existing && record.state === 'draft' && record.revision < existing.revision)
          return { kind: 'wrap-up', record: toWrapUp(existing) };
        s.upsertWrapUp.run(wrapUpParams(record));
        if (record.state === 'submitted') {
          const parents: [EntityKind, string | null][] = [
            ['interaction', interaction.id],
            ['case', interaction.case_id],
            ['customer', interaction.customer_id],
          ];
          const fallback = interaction.case_id ?? interaction.customer_id ?? interaction.id;
          queued.push(queue('wrap-up', record.interactionId, parents, fallback, 'submit', record, now));
          if (record.callback && record.callback.at !== null) {
            // The callback list the reminders and the agent's queue read; the CRM learns of it with the wrap-up.
            const cb: Callback = {
              id: `wrap-up:${record.interactionId}`,
              customerId: interaction.customer_id,
              caseId: interaction.case_id,
              interactionId: interaction.id,
              number: record.callback.number,
              dueAt: record.callback.at,
              remindAt: record.callback.remindAt,
              note: record.notes.slice(0, 2000),
              state: 'scheduled',
              createdAt: now,
              updatedAt: now,
              completedAt: null,
              outcome: null,
              handBackReason: null,
            };
            s.upsertCallback.run(callbackParams(cb));
          }
          if (record.doNotCall) {
            const normalized = readPhone(record.doNotCall.number, null, { phoneRegion: ctx.phoneRegion, strictPhones: false });
            const number = isPhoneProblem(normalized) ? record.doNotCall.number : normalized.number;
            s.addDoNotCall.run(number, interaction.customer_id, interaction.id, now);
          }
        }
        return { kind: 'wrap-up', record };
      }
      case 'guided-scripts': {
        const { interactionId, runs } = change;
        s.saveScriptRuns.run(interactionId, JSON.stringify(runs), now);
        const row = s.interaction.get(interactionId);
        if (!row) return { kind: 'guided-scripts', record: { interactionId, runs, interaction: null } };
        // The contact is logged: its row carries the runs and goes to the CRM again, in this transaction.
        const record: Interaction = { ...toInteraction(row), guidedScripts: runs };
        s.upsertInteraction.run(interactionParams(record, row.created_at, now));
        const parents: [EntityKind, string | null][] = [
          ['case', record.caseId],
          ['customer', record.customerId],
        ];
        queued.push(queue('interaction', record.id, parents, record.caseId ?? record.customerId ?? record.id, 'upsert', record, now));
        return { kind: 'guided-scripts', record: { interactionId, runs, interaction: record } };
      }
      case 'callback': {
        const id = change.record.id ?? randomUUID();
        const existing = s.callback.get(id);
        const record: Callback = { ...change.record, id, createdAt: existing?.created_at ?? now, updatedAt: now };
        s.upsertCallback.run(callbackParams(record));
        const parents: [EntityKind, string | null][] = [
          ['case', record.caseId],
          ['customer', record.customerId],
          ['interaction', record.interactionId],
        ];
        queued.push(queue('callback', id, parents, record.caseId ?? record.customerId ?? id, 'upsert', record, now));
        return { kind: 'callback', record };
      }
      case 'escalation': {
        const record = change.record;
        const existing = s.escalation.get(record.id);
        if (existing && record.revision < existing.revision) return { kind: 'escalation', record: toEscalation(existing) };
        s.upsertEscalation.run(escalationParams(record));
        const parents: [EntityKind, string | null][] = [
          ['case', record.caseId],
          ['customer', record.customerId],
          ['interaction', record.interactionId],
        ];
        queued.push(
          queue(
            'escalation',
            record.id,
            parents,
            record.caseId ?? record.customerId ?? record.id,
            existing ? 'update' : 'create',
            record,
            now,
          ),
        );
        return { kind: 'escalation', record };
      }
      case 'case-create': {
        const input = change.record;
        const id = input.id ?? randomUUID();
        if (s.caseById.get(id)) throw new StoreError('conflict', userText('store.record.caseExists'), ['record.id: already used']);
        s.insertCase.run(id, input.customerId, input.subject, input.description, input.status, input.priority, now, now);
        const record = toCase(s.caseById.get(id)!);
        queued.push(queue('case', id, [['customer', input.customerId]], id, 'create', record, now));
        return { kind: 'case', record };
      }
      case 'case-update': {
        const row = s.caseById.get(change.id);
        if (!row) throw new StoreError('not-found', userText('store.record.caseMissing'), ['id: no such case']);
        checkVersion(change.expectedVersion, row.version, 'store.record.caseChanged');
        const p = change.patch;
        const next = {
          customerId: p.customerId ?? row.customer_id,
          subject: p.subject ?? row.subject,
          description: p.description ?? row.description,
          status: p.status ?? row.status,
          priority: p.priority ?? row.priority,
        };
        s.updateCase.run(next.customerId, next.subject, next.description, next.status, next.priority, now, change.id);
        const record = toCase(s.caseById.get(change.id)!);
        const payload = { id: change.id, patch: p, baseVersion: row.version };
        queued.push(queue('case', change.id, [['customer', record.customerId]], change.id, 'update', payload, now));
        return { kind: 'case', record };
      }
      case 'customer-create': {
        const input = change.record;
        const id = input.id ?? randomUUID();
        if (s.customerById.get(id)) throw new StoreError('conflict', userText('store.record.customerExists'), ['record.id: already used']);
        const problems = new FieldProblems();
        const numbers = phones(input.phones, 'record.phones', problems);
        if (!problems.empty) throw problems.refusal(userText('store.record.customerRefused'));
        s.insertCustomer.run(id, input.name, input.email, input.company, input.segment, input.doNotCall ? 1 : 0, input.notes, now, now);
        records.replacePhones(id, numbers);
        const record = customerRecord(id)!;
        queued.push(queue('customer', id, [], id, 'create', record, now));
        return { kind: 'customer', record };
      }
      case 'customer-update': {
        const row = s.customerById.get(change.id);
        if (!row) throw new StoreError('not-found', userText('store.record.customerMissing'), ['id: no such customer']);
        checkVersion(change.expectedVersion, row.version, 'store.record.customerChanged');
        const p = change.patch;
        const problems = new FieldProblems();
        const numbers = p.phones === undefined ? null : phones(p.phones, 'patch.phones', problems);
        if (!problems.empty) throw problems.refusal(userText('store.record.customerChangeRefused'));
        s.updateCustomer.run(
          p.name ?? row.name,
          p.email === undefined ? row.email : p.email,
          p.company === undefined ? row.company : p.company,
          p.segment === undefined ? row.segment : p.segment,
          p.doNotCall === undefined ? row.do_not_call : p.doNotCall ? 1 : 0,
          p.notes === undefined ? row.notes : p.notes,
          now,
          change.id,
        );
        if (numbers !== null) records.replacePhones(change.id, numbers);
        const record = customerRecord(change.id)!;
        const payload = { id: change.id, patch: p, baseVersion: row.version };
        queued.push(queue('customer', change.id, [], change.id, 'update', payload, now));
        return { kind: 'customer', record };
      }
    }
  }

  function checkVersion(
    expected: number | null | undefined,
    stored: number | null,
    changed: 'store.record.caseChanged' | 'store.record.customerChanged',
  ): void {
    if (expected === undefined) return;
    if (expected !== stored) {
      throw new StoreError('conflict', userText(changed, { version: stored ?? userText('store.record.localVersion') }));
    }
  }

  return {
    commit(changes: LocalChange[]): CommitResult {
      if (!Array.isArray(changes) || changes.length === 0) throw new StoreError('invalid-input', 'Nothing to commit', ['changes: empty']);
      if (changes.length > 100) throw new StoreError('invalid-input', 'Too many changes in one commit', ['changes: at most 100']);
      const parsed: Parsed[] = [];
      const problems = new FieldProblems();
      changes.forEach((change, i) => {
        const result = localChange.safeParse(change);
        if (result.success) parsed.push(result.data);
        else for (const issue of result.error.issues.slice(0, 20)) problems.addIssue(['changes', i], issue);
      });
      if (!problems.empty) throw problems.refusal(userText('store.record.refused'));
      return db
        .transaction(() => {
          const now = ctx.now();
          const queued: QueuedOutboxRow[] = [];
          const committed = parsed.map((change) => apply(change, now, queued));
          records.flushSearchQueue();
          return { records: committed, outbox: queued };
        })
        .immediate();
    },

    /** After the server confirmed a change: record its version, and clear `dirty` when nothing else is waiting. */
    confirm(kind: EntityKind, id: string, serverVersion: number | null | undefined): void {
      if (kind !== 'case' && kind !== 'customer') return;
      const table = kind === 'case' ? 'cases' : 'customers';
      const clean = outbox.hasUnsent(kind, id) ? 'dirty' : '0';
      db.prepare(`UPDATE ${table} SET version = coalesce(?, version), dirty = ${clean} WHERE id = ?`).run(serverVersion ?? null, id);
    },
  };
}

export type LocalChanges = ReturnType<typeof createLocalChanges>;
