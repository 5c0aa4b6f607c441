import type { CallbackInput, CasePatch, CustomerPatch, LocalChange, NewCaseInput, NewCustomerInput } from '../../shared/store/schemas';
import type { Callback, Case, Customer, EscalationRecord, Interaction, WrapUpRecord } from '../../shared/store/types';
import type { CommitResult, QueuedOutboxRow } from './protocol';

/** One change committed: the record as stored, and its outbox row (none for a wrap-up draft). */
export interface Committed<T> {
  record: T;
  outbox: QueuedOutboxRow | null;
}

/** Shortcuts for a single change through `commitLocal`, each answering with that change's record and outbox row. */
export interface CommitShortcuts {
  /** Logs (or updates) a call, email, chat or walk-in (the workflow's record); queued for the CRM. */
  logInteraction(record: Interaction): Promise<Committed<Interaction>>;
  /**
   * Saves a wrap-up. A draft (`state: 'draft'`) is local only: save it on every change; an older
   * `revision` than the stored one is ignored. A submitted one is final and queued for the CRM; its
   * callback and do-not-call number are recorded. Submitting the same revision again is a no-op;
   * changing a submitted wrap-up is a `conflict`.
   */
  saveWrapUp(record: WrapUpRecord): Promise<Committed<WrapUpRecord>>;
  /** Raises or updates an escalation (the workflow's record); the newest revision is kept. */
  saveEscalation(record: EscalationRecord): Promise<Committed<EscalationRecord>>;
  /** A callback not tied to a wrap-up (e.g. promised from a case). */
  saveCallback(record: CallbackInput): Promise<Committed<Callback>>;
  createCase(record: NewCaseInput): Promise<Committed<Case>>;
  /** `expectedVersion`: the version the agent was looking at; a different stored version is a `conflict`. */
  updateCase(id: string, patch: CasePatch, expectedVersion?: number | null): Promise<Committed<Case>>;
  createCustomer(record: NewCustomerInput): Promise<Committed<Customer>>;
  updateCustomer(id: string, patch: CustomerPatch, expectedVersion?: number | null): Promise<Committed<Customer>>;
}

/** The shortcuts over a `commitLocal`. */
export function commitShortcuts(commitLocal: (changes: LocalChange[]) => Promise<CommitResult>): CommitShortcuts {
  const commitOne = async <T>(change: LocalChange): Promise<Committed<T>> => {
    const result = await commitLocal([change]);
    return { record: result.records[0]!.record as T, outbox: result.outbox[0] ?? null };
  };
  const version = (expectedVersion: number | null | undefined) => (expectedVersion !== undefined ? { expectedVersion } : {});
  return {
    logInteraction: (record) => commitOne({ kind: 'interaction', record }),
    saveWrapUp: (record) => commitOne({ kind: 'wrap-up', record }),
    saveEscalation: (record) => commitOne({ kind: 'escalation', record }),
    saveCallback: (record) => commitOne({ kind: 'callback', record }),
    createCase: (record) => commitOne({ kind: 'case-create', record }),
    updateCase: (id, patch, expectedVersion) => commitOne({ kind: 'case-update', id, patch, ...version(expectedVersion) }),
    createCustomer: (record) => commitOne({ kind: 'customer-create', record }),
    updateCustomer: (id, patch, expectedVersion) => commitOne({ kind: 'customer-update', id, patch, ...version(expectedVersion) }),
  };
}
