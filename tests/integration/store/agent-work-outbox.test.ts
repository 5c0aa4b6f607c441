import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoreError } from '../../../electron/store/errors';
import type { StoreClient } from '../../../electron/store/store-client';
import { interaction, openStore, tempDataDir, wrapUp } from './support';

describe('agent work and the outbox', () => {
  const tmp = tempDataDir('outbox');
  let store: StoreClient;

  beforeAll(async () => {
    ({ store } = await openStore(tmp.dir));
    await store.upsertCustomers([{ id: 'C-1', name: 'Ana Lima', phones: ['+14155550123'], updatedAt: 1, version: 4 }]);
    await store.upsertCases([
      { id: 'K-1', customerId: 'C-1', subject: 'No dial tone', status: 'open', priority: 'P2', updatedAt: 1, version: 9 },
    ]);
  });
  afterAll(async () => {
    await store?.close();
    tmp.cleanup();
  });

  it('writes each change with its outbox row, a unique idempotency key and the case as ordering key', async () => {
    const logged = await store.logInteraction(interaction({ id: 'I-1', customerId: 'C-1', caseId: 'K-1' }));
    expect(logged.outbox).toMatchObject({ entityKind: 'interaction', entityId: 'I-1', orderingKey: 'K-1', operation: 'upsert' });
    expect(logged.outbox?.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    const stored = await store.getInteraction('I-1');
    expect(stored).toMatchObject({ id: 'I-1', talkSeconds: 60, caseId: 'K-1', wrapUp: null });
  });

  it('keeps wrap-up drafts locally, newest revision wins, and queues only the submitted wrap-up', async () => {
    await store.logInteraction(interaction({ id: 'I-2', customerId: 'C-1' }));
    const before = (await store.outbox.counts()).pending;
    expect((await store.saveWrapUp(wrapUp('I-2', { notes: 'cust', revision: 2 }))).outbox).toBeNull();
    // A slower save of an older revision arrives late: ignored.
    expect((await store.saveWrapUp(wrapUp('I-2', { notes: 'c', revision: 1 }))).record.notes).toBe('cust');
    expect((await store.getWrapUp('I-2'))?.notes).toBe('cust');
    expect((await store.outbox.counts()).pending).toBe(before);

    const now = 1_800_000_100_000;
    const submitted = wrapUp('I-2', {
      state: 'submitted',
      code: 'billing',
      notes: 'customer wants a call back',
      revision: 3,
      submittedAt: now,
      callback: { at: now + 3_600_000, number: '+14155550123', remindAt: now + 3_300_000 },
      doNotCall: { number: '4155550199' },
    });
    const result = await store.saveWrapUp(submitted);
    expect(result.outbox).toMatchObject({ entityKind: 'wrap-up', entityId: 'I-2', operation: 'submit', orderingKey: 'C-1' });
    // Submitting the same revision again (a retried click) changes nothing.
    expect((await store.saveWrapUp(submitted)).outbox).toBeNull();
    await expect(store.saveWrapUp(wrapUp('I-2', { revision: 4 }))).rejects.toMatchObject({ code: 'conflict' });
    expect(await store.listCallbacks({ state: 'scheduled' })).toEqual([
      expect.objectContaining({
        id: 'wrap-up:I-2',
        interactionId: 'I-2',
        customerId: 'C-1',
        number: '+14155550123',
        dueAt: now + 3_600_000,
        remindAt: now + 3_300_000,
      }),
    ]);
    expect(await store.isDoNotCall('+1 415 555 0199')).toBe(true);
    expect(await store.isDoNotCall('+14155550123')).toBe(false);
  });

  it('refuses bad records with field-level reasons and writes none of a refused commit', async () => {
    const counts = await store.outbox.counts();
    const error = await store
      .commitLocal([
        { kind: 'interaction', record: interaction({ id: 'I-ok', customerId: 'C-1' }) },
        { kind: 'interaction', record: { ...interaction({ id: 'I-bad' }), talkSeconds: -5, outcome: 'great' as never } },
      ])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect(error).toMatchObject({ code: 'invalid-input' });
    expect((error as StoreError).issues).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^changes\.1\.record\.outcome/),
        expect.stringMatching(/^changes\.1\.record\.talkSeconds/),
      ]),
    );
    expect(await store.getInteraction('I-ok')).toBeNull();
    expect(await store.outbox.counts()).toEqual(counts);

    // Valid records whose write fails (wrap-up for an unknown contact) roll back the whole commit too.
    await expect(
      store.commitLocal([
        { kind: 'interaction', record: interaction({ id: 'I-ok2' }) },
        { kind: 'wrap-up', record: wrapUp('I-missing') },
      ]),
    ).rejects.toMatchObject({ code: 'not-found' });
    expect(await store.getInteraction('I-ok2')).toBeNull();
  });

  it('edits a case with optimistic concurrency and marks it dirty until the server confirms it', async () => {
    await expect(store.updateCase('K-1', { status: 'pending' }, 8)).rejects.toMatchObject({ code: 'conflict' });
    const edited = await store.updateCase('K-1', { status: 'pending' }, 9);
    expect(edited.record).toMatchObject({ status: 'pending', dirty: true, version: 9 });
    expect(edited.outbox).toMatchObject({ entityKind: 'case', operation: 'update', orderingKey: 'K-1' });

    // A pull of the server's copy does not overwrite the unsent edit...
    const report = await store.upsertCases([
      { id: 'K-1', customerId: 'C-1', subject: 'No dial tone', status: 'open', priority: 'P2', updatedAt: 2, version: 10 },
    ]);
    expect(report.skippedDirty).toEqual(['K-1']);
    expect((await store.getCase('K-1'))?.case.status).toBe('pending');

    // ...until the edit is sent: the server's version is recorded and the case is clean again.
    const due = await store.outbox.due({ limit: 100 });
    const caseRow = due.find((r) => r.entityKind === 'case');
    expect(caseRow).toBeUndefined(); // The interaction logged earlier on K-1 is ahead of it in the queue.
    const head = due.find((r) => r.orderingKey === 'K-1')!;
    await store.outbox.markSent([{ id: head.id }]);
    const next = (await store.outbox.due()).find((r) => r.orderingKey === 'K-1')!;
    expect(next).toMatchObject({ entityKind: 'case', payload: { id: 'K-1', patch: { status: 'pending' }, baseVersion: 9 } });
    await store.outbox.markSent([{ id: next.id, serverVersion: 11 }]);
    expect((await store.getCase('K-1'))?.case).toMatchObject({ status: 'pending', dirty: false, version: 11 });
    expect(await store.localVersion('case', 'K-1')).toBe(11);
  });

  it('delivers in order per ordering key: a parked head holds back its key, never another', async () => {
    await store.upsertCases([
      { id: 'K-A', customerId: 'C-1', subject: 'A', status: 'open', priority: 'P3', updatedAt: 1, version: 1 },
      { id: 'K-B', customerId: 'C-1', subject: 'B', status: 'open', priority: 'P3', updatedAt: 1, version: 1 },
    ]);
    const pending = await store.outbox.list();
    await store.outbox.markSent(pending.map((r) => ({ id: r.id })));
    const a1 = (await store.logInteraction(interaction({ id: 'A1', caseId: 'K-A' }))).outbox!;
    const a2 = (await store.logInteraction(interaction({ id: 'A2', caseId: 'K-A' }))).outbox!;
    const b1 = (await store.logInteraction(interaction({ id: 'B1', caseId: 'K-B' }))).outbox!;

    expect((await store.outbox.due()).map((r) => r.id)).toEqual([a1.id, b1.id]);
    await store.outbox.park(a1.id, { code: 'http-422', message: 'The CRM refused the record: unknown agent' });
    expect((await store.outbox.due()).map((r) => r.id)).toEqual([b1.id]);
    await store.outbox.retryLater(b1.id, Date.now() + 60_000, { code: 'http-503', message: 'CRM unavailable' });
    expect(await store.outbox.due()).toEqual([]);
    expect((await store.outbox.due({ now: Date.now() + 61_000 })).map((r) => [r.id, r.attempts, r.lastErrorCode])).toEqual([
      [b1.id, 1, 'http-503'],
    ]);

    expect(await store.outbox.counts()).toMatchObject({ parked: 1 });
    await store.outbox.requeue([a1.id]);
    expect((await store.outbox.due()).map((r) => r.id)).toEqual([a1.id]);
    await store.outbox.markSent([{ id: a1.id }]);
    expect((await store.outbox.due()).map((r) => r.id)).toEqual([a2.id]);
    await store.outbox.conflict(a2.id, { code: 'http-409', message: 'Changed on the server' });
    await store.outbox.discard([a2.id], 'kept the server copy');
    expect((await store.outbox.list({ states: ['sent'], orderingKey: 'K-A' })).map((r) => [r.id, r.lastErrorCode])).toEqual([
      [a1.id, null],
      [a2.id, 'discarded'],
    ]);
  });

  it('keeps a record after its parent in the same queue (customer made offline → case → interaction)', async () => {
    const customer = await store.createCustomer({ name: 'Walk-in Person', phones: ['+14155550188'] });
    const kase = await store.createCase({ customerId: customer.record.id, subject: 'New line order' });
    const contact = await store.logInteraction(interaction({ id: 'I-new', customerId: customer.record.id, caseId: kase.record.id }));
    expect(new Set([customer.outbox?.orderingKey, kase.outbox?.orderingKey, contact.outbox?.orderingKey])).toEqual(
      new Set([customer.record.id]),
    );
    expect((await store.lookupCaller('+14155550188')).matches[0]?.customer).toMatchObject({
      name: 'Walk-in Person',
      dirty: true,
      version: null,
    });
  });

  it('stores pulled pages with versions, rejects malformed rows, and commits the cursor with the rows', async () => {
    const report = await store.upsertCustomers(
      [
        { id: 'S-1', name: 'Synced One', phones: ['+14155550111'], updatedAt: 5, version: 1 },
        { id: '', name: 'No id', updatedAt: 5, version: 1 },
        { id: 'S-2', name: 'Synced Two', updatedAt: 5, version: 3 },
      ],
      { cursor: { name: 'customers', value: 'page-7' } },
    );
    expect(report).toMatchObject({ inserted: 2, updated: 0, unchanged: 0, skippedDirty: [] });
    expect(report.rejected).toEqual([{ index: 1, id: '', issues: ['id: required text'] }]);
    expect(await store.getCursor('customers')).toBe('page-7');

    const again = await store.upsertCustomers([
      { id: 'S-2', name: 'Synced Two (old copy)', updatedAt: 4, version: 2 },
      { id: 'S-1', name: 'Synced One, renamed', phones: ['+14155550112'], updatedAt: 6, version: 2 },
    ]);
    expect(again).toMatchObject({ inserted: 0, updated: 1, unchanged: 1 });
    expect((await store.getCustomer('S-2'))?.customer.name).toBe('Synced Two');
    expect((await store.lookupCaller('+14155550112')).matches.map((m) => m.customer.name)).toEqual(['Synced One, renamed']);
    expect((await store.lookupCaller('+14155550111')).matches).toEqual([]);
  });
});
