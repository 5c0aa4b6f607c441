import type { ChangeRequest } from '../../shared/sync/api';
import { userText } from '../../shared/text/user-text';
import type { PushItem } from './case-source';
import { SyncTextError } from './sync-text-error';

/**
 * Outbox row (as the store wrote it, electron/store/worker/local-changes.ts)
 * → a Sync API change (docs/sync-api.md). The store's payloads:
 * - customer/case `create`: the record as stored locally (id, version and the
 *   local `dirty` flag are not sent; the entity id travels beside the payload);
 * - customer/case `update`: `{ id, patch, baseVersion }`, the changed fields
 *   and the version the agent saw;
 * - interaction/callback `upsert`, wrap-up `submit`, escalation
 *   `create`/`update`: the whole record as it is now.
 */

const LOCAL_ONLY_FIELDS = ['id', 'version', 'dirty', 'updatedAt'];

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function without(record: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) if (!keys.includes(key)) out[key] = value;
  return out;
}

/** Throws a SyncTextError (the item is parked with its message) when the row cannot be expressed in the API. */
export function toChangeRequest(item: PushItem): ChangeRequest {
  const payload = item.payload;
  if (!isObject(payload))
    throw new SyncTextError(userText('sync.refusal.noRecord', { id: item.id, kind: item.entityKind, operation: item.operation }));
  const base = {
    entityKind: item.entityKind,
    entityId: item.entityId,
    orderingKey: item.orderingKey,
    createdAt: item.createdAt,
  };
  if (item.entityKind === 'customer' || item.entityKind === 'case') {
    if (item.operation === 'update') {
      if (!isObject(payload.patch)) throw new SyncTextError(userText('sync.refusal.noPatch', { id: item.id }));
      const seen = typeof payload.baseVersion === 'number' ? payload.baseVersion : null;
      const expected = item.overrideVersion ?? (typeof item.localVersion === 'number' ? Math.max(item.localVersion, seen ?? 0) : seen);
      return { ...base, operation: 'update', expectedVersion: expected, payload: { ...payload.patch } };
    }
    if (item.operation === 'create') {
      // "Keep mine" after the id turned out to exist: overwrite that version with this record.
      if (item.overrideVersion !== undefined) {
        return {
          ...base,
          operation: 'update',
          expectedVersion: item.overrideVersion,
          payload: without(payload, [...LOCAL_ONLY_FIELDS, 'createdAt']),
        };
      }
      return { ...base, operation: 'create', expectedVersion: null, payload: without(payload, LOCAL_ONLY_FIELDS) };
    }
    if (item.operation === 'delete') {
      const seen = typeof payload.baseVersion === 'number' ? payload.baseVersion : null;
      return { ...base, operation: 'delete', expectedVersion: item.overrideVersion ?? seen, payload: {} };
    }
    throw new SyncTextError(userText('sync.refusal.notAnOperation', { id: item.id, operation: item.operation, kind: item.entityKind }));
  }
  // Agent work: the whole record; the server keeps the latest copy and counts versions.
  return { ...base, operation: item.operation, expectedVersion: item.overrideVersion ?? null, payload: without(payload, ['id']) };
}
