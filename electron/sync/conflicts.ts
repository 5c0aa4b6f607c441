import type { ConflictField, SyncConflict } from '../../shared/sync/contract';
import type { OutboxRow } from '../../shared/store/types';
import { userText, type UserText } from '../../shared/text/user-text';
import type { PushOutcome } from './case-source';
import { textOfStored } from './failure-text';

/**
 * Conflicts and the agent's choices, kept in the store's meta table so they
 * survive restarts: the server's copy of each conflicting record (for the
 * dialog, also while offline) and, after "keep mine", the server version the
 * change may now overwrite. Only the sync service writes these keys.
 */

export interface MetaPort {
  getMeta(key: string): Promise<string | null>;
  setMeta(key: string, value: string | null): Promise<void>;
}

export interface ConflictRecord {
  outboxId: number;
  entityKind: OutboxRow['entityKind'];
  entityId: string;
  theirs: Record<string, unknown>;
  theirsVersion: number;
  /** What the CRM said of the conflict. A copy kept by an older version holds an English sentence (read by `load`). */
  message: UserText;
  detectedAt: number;
}

const CONFLICTS_KEY = 'sync.conflicts';
const OVERRIDES_KEY = 'sync.overrides';

export class ConflictBook {
  private conflicts = new Map<number, ConflictRecord>();
  private overrides = new Map<number, number>();
  /**
   * Recorded here but not yet seen in conflict by an outbox read: the copy is kept before the row's
   * state changes, so a read made in between does not list the row, and must not make the copy stale.
   */
  private unseen = new Set<number>();

  constructor(private readonly meta: MetaPort) {}

  async load(): Promise<void> {
    const kept = parseList<Omit<ConflictRecord, 'message'> & { message: unknown }>(await this.meta.getMeta(CONFLICTS_KEY));
    this.conflicts = new Map(kept.map((c) => [c.outboxId, { ...c, message: messageOfKept(c.message) }]));
    this.overrides = new Map(parseList<[number, number]>(await this.meta.getMeta(OVERRIDES_KEY)));
    this.unseen.clear();
  }

  get(outboxId: number): ConflictRecord | undefined {
    return this.conflicts.get(outboxId);
  }

  overrideFor(outboxId: number): number | undefined {
    return this.overrides.get(outboxId);
  }

  async record(row: OutboxRow, outcome: Extract<PushOutcome, { kind: 'conflict' }>, now: number): Promise<void> {
    this.conflicts.set(row.id, {
      outboxId: row.id,
      entityKind: row.entityKind,
      entityId: row.entityId,
      theirs: outcome.current,
      theirsVersion: outcome.currentVersion,
      message: outcome.message,
      detectedAt: now,
    });
    this.unseen.add(row.id);
    // A new conflict after "keep mine" (the server moved on again): the old permission is void.
    this.overrides.delete(row.id);
    await this.save();
  }

  /** "Keep mine": the change may overwrite the version the agent was shown. */
  async allowOverwrite(outboxId: number, version: number): Promise<void> {
    this.overrides.set(outboxId, version);
    this.conflicts.delete(outboxId);
    this.unseen.delete(outboxId);
    await this.save();
  }

  /** Rows that are sent, discarded or no longer in conflict. */
  async forget(outboxIds: number[]): Promise<void> {
    let changed = false;
    for (const id of outboxIds) {
      this.unseen.delete(id);
      changed = this.conflicts.delete(id) || changed;
      changed = this.overrides.delete(id) || changed;
    }
    if (changed) await this.save();
  }

  /**
   * Drops entries whose rows are no longer in conflict (e.g. a crash between two writes), given every
   * row in conflict as of one outbox read. An entry recorded since is kept until a read has seen its row.
   */
  async retainConflicts(inConflict: Set<number>): Promise<void> {
    for (const id of inConflict) this.unseen.delete(id);
    const stale = [...this.conflicts.keys()].filter((id) => !inConflict.has(id) && !this.unseen.has(id));
    if (stale.length > 0) {
      for (const id of stale) this.conflicts.delete(id);
      await this.save();
    }
  }

  get hasOverrides(): boolean {
    return this.overrides.size > 0;
  }

  overrideIds(): number[] {
    return [...this.overrides.keys()];
  }

  private async save(): Promise<void> {
    await this.meta.setMeta(CONFLICTS_KEY, this.conflicts.size > 0 ? JSON.stringify([...this.conflicts.values()]) : null);
    await this.meta.setMeta(OVERRIDES_KEY, this.overrides.size > 0 ? JSON.stringify([...this.overrides.entries()]) : null);
  }
}

/** A kept conflict's message: a message, or (kept by an older version) its English sentence. */
function messageOfKept(message: unknown): UserText {
  const fallback = userText('sync.outbox.conflictUnknown');
  if (typeof message === 'string') return textOfStored(message, fallback);
  return textOfStored(message === null || message === undefined ? null : JSON.stringify(message), fallback);
}

function parseList<T>(text: string | null): T[] {
  if (!text) return [];
  try {
    const value = JSON.parse(text) as unknown;
    return Array.isArray(value) ? (value as T[]) : [];
  } catch {
    return [];
  }
}

/** A field's value as the agent reads it. */
export function displayValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value))
    return value
      .map((v) => (v && typeof v === 'object' && 'number' in v ? String((v as { number: unknown }).number) : displayValue(v)))
      .join(', ');
  return JSON.stringify(value);
}

const clip = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** What this change sets: the patch of an update, or the record of a create or upsert. */
export function changedFields(row: OutboxRow): Record<string, unknown> {
  const payload = row.payload && typeof row.payload === 'object' ? (row.payload as Record<string, unknown>) : {};
  if (row.operation === 'update' && payload.patch && typeof payload.patch === 'object') return payload.patch as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(payload)) {
    if (!['id', 'version', 'dirty', 'createdAt', 'updatedAt'].includes(key)) out[key] = value;
  }
  return out;
}

/** The conflict as the dialog shows it: every field the change touches, mine beside theirs. */
export function describeConflict(row: OutboxRow, record: ConflictRecord): SyncConflict {
  const mine = changedFields(row);
  const fields: ConflictField[] = Object.keys(mine).map((field) => ({
    field,
    mine: clip(displayValue(mine[field]), 2000),
    theirs: clip(displayValue(record.theirs[field]), 2000),
  }));
  const label = record.theirs.subject ?? record.theirs.name ?? row.entityId;
  return {
    id: row.id,
    entityKind: row.entityKind,
    entityId: row.entityId,
    operation: row.operation,
    title: clip(displayValue(label), 200),
    message: record.message,
    theirsVersion: record.theirsVersion,
    detectedAt: record.detectedAt,
    fields,
  };
}
