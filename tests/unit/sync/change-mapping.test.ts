import { describe, expect, it } from 'vitest';
import type { PushItem } from '../../../electron/sync/case-source';
import { toChangeRequest } from '../../../electron/sync/change-mapping';

const item = (over: Partial<PushItem>): PushItem => ({
  id: 1,
  idempotencyKey: 'k-1234567890',
  entityKind: 'case',
  entityId: 'case-1',
  orderingKey: 'case-1',
  operation: 'update',
  payload: { id: 'case-1', patch: { status: 'pending' }, baseVersion: 3 },
  createdAt: 1000,
  ...over,
});

describe('outbox row → Sync API change', () => {
  it('an update sends the patch with the version the agent saw', () => {
    expect(toChangeRequest(item({}))).toEqual({
      entityKind: 'case',
      entityId: 'case-1',
      orderingKey: 'case-1',
      createdAt: 1000,
      operation: 'update',
      expectedVersion: 3,
      payload: { status: 'pending' },
    });
  });

  it('a second offline edit is checked against the version the first one produced, not the stale one', () => {
    expect(toChangeRequest(item({ localVersion: 4 })).expectedVersion).toBe(4);
    // A local version older than what the agent saw never lowers the check.
    expect(toChangeRequest(item({ localVersion: 2 })).expectedVersion).toBe(3);
  });

  it('"keep mine" overrides the check with the version the agent was shown', () => {
    expect(toChangeRequest(item({ localVersion: 4, overrideVersion: 7 })).expectedVersion).toBe(7);
  });

  it('a create sends the record without local-only fields; "keep mine" on an existing id becomes an update', () => {
    const record = {
      id: 'case-9',
      customerId: 'cust-1',
      subject: 'New',
      description: '',
      status: 'open',
      priority: 'P3',
      createdAt: 5,
      updatedAt: 6,
      version: null,
      dirty: true,
    };
    expect(toChangeRequest(item({ operation: 'create', entityId: 'case-9', payload: record }))).toMatchObject({
      operation: 'create',
      expectedVersion: null,
      payload: { customerId: 'cust-1', subject: 'New', description: '', status: 'open', priority: 'P3', createdAt: 5 },
    });
    const mine = toChangeRequest(item({ operation: 'create', entityId: 'case-9', payload: record, overrideVersion: 2 }));
    expect(mine).toMatchObject({ operation: 'update', expectedVersion: 2 });
    expect(mine.payload).not.toHaveProperty('createdAt');
  });

  it('agent work goes as the whole record under its own operation', () => {
    const wrapUp = {
      id: 'w-1',
      interactionId: 'i-1',
      code: 'billing',
      note: 'paid',
      resolvedFirstContact: true,
      state: 'submitted',
      createdAt: 1,
      updatedAt: 2,
      submittedAt: 2,
    };
    expect(toChangeRequest(item({ entityKind: 'wrap-up', entityId: 'w-1', operation: 'submit', payload: wrapUp }))).toMatchObject({
      entityKind: 'wrap-up',
      operation: 'submit',
      expectedVersion: null,
      payload: { interactionId: 'i-1', code: 'billing', note: 'paid', submittedAt: 2 },
    });
  });

  it('refuses rows it cannot express, saying which', () => {
    expect(() => toChangeRequest(item({ payload: null }))).toThrow(/Outbox item 1 has no record to send/);
    expect(() => toChangeRequest(item({ payload: { id: 'case-1' } }))).toThrow(/update without a patch/);
    expect(() => toChangeRequest(item({ operation: 'merge' }))).toThrow(/"merge" is not an operation on a case/);
  });
});
